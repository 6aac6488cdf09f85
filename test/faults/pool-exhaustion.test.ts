import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';

/**
 * Issue 14 item 4: with every pooled connection busy, a request waits a bounded time for one and
 * then answers SERVICE_UNAVAILABLE (503, Retry-After) — it never hangs — while /healthz answers.
 */
let t: TestApp;
let admin: GraphQLClient;
const WAIT_MS = 1000;

beforeAll(async () => {
  t = await startTestApp({ pool: { max: 2, acquireTimeoutMillis: WAIT_MS } });
  const tenant = await createTestTenant(t.orm, 'pool');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

describe('an exhausted connection pool', () => {
  it('answers SERVICE_UNAVAILABLE after the bounded wait, keeps /healthz up, and serves again once freed', { timeout: 30_000 }, async () => {
    const knex = t.orm.em.getConnection().getKnex();
    // Both connections held by slow statements (running: PostgreSQL sent them).
    const started = new Promise<void>((resolve) => {
      let n = 0;
      const onQuery = (q: { sql: string }) => {
        if (q.sql.includes('pg_sleep') && ++n === 2) {
          knex.off('query', onQuery);
          resolve();
        }
      };
      knex.on('query', onQuery);
    });
    // A knex query runs once it is awaited (then).
    const holders = [1, 2].map(() => knex.raw('select pg_sleep(3)').then(() => undefined));
    await started;

    const asked = performance.now();
    const [reply, health] = await Promise.all([
      fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ query: '{ allCustomers { id } }' }),
      }),
      fetch(`${t.baseUrl}/healthz`).then((r) => ({ status: r.status, ms: performance.now() - asked })),
    ]);
    const waited = performance.now() - asked;
    const body = (await reply.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect([reply.status, body.errors?.[0]?.extensions?.code, reply.headers.get('retry-after')]).toEqual([503, 'SERVICE_UNAVAILABLE', '2']);
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(waited).toBeLessThan(WAIT_MS + 1500);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(WAIT_MS);

    await Promise.all(holders);
    expect((await admin.request('{ allCustomers { id } }')).errors).toBeUndefined();
  });
});
