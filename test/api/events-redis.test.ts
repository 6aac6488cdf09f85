import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { connect, Feed, RESOURCE_CHANGED, type Change } from '../support/events';
import type { GraphQLClient } from '../support/graphql';

/**
 * Issue 12, item 3: with REDIS_URL the relays of several processes wake each other through Redis
 * pub/sub instead of LISTEN/NOTIFY. Two servers on one database, their polls too slow to matter
 * (10 minutes): an event committed through one reaches a subscriber of the other only through
 * Redis. Uses the Redis on 127.0.0.1:6379 (these machines run one); skipped only where none answers.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
describe('live events woken through Redis', () => {
  let available = false;
  const slowPoll = { redisUrl: REDIS_URL, pollMs: 600_000 };
  let a: TestApp;
  let b: TestApp;
  let onA: GraphQLClient;
  let onB: GraphQLClient;
  let tenantId: string;

  beforeAll(async () => {
    available = await redisAnswers();
    if (!available) return;
    a = await startTestApp({ events: slowPoll });
    b = await startTestApp({ events: slowPoll });
    const tenant = await createTestTenant(a.orm, 'redis');
    tenantId = tenant.tenantId;
    onA = await a.loginAs(tenant.adminAccount, tenant.password);
    onB = await b.loginAs(tenant.adminAccount, tenant.password);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const since = async () => {
    const [row] = await a.db().getConnection().execute<{ last_seq: string }[]>('select last_seq from event_sequence where tenant_id = ?', [tenantId]);
    return Number(row?.last_seq ?? 0);
  };

  it('an event committed through one process reaches a subscriber on the other, with no LISTEN connection open', async (ctx) => {
    if (!available) ctx.skip();
    const feed = new Feed<Change>(connect(b.wsUrl, onB.token).client, RESOURCE_CHANGED, { r: 'Customer', after: await since() });
    const create = async (client: GraphQLClient, name: string) =>
      (await client.ok<{ createCustomer: { id: string } }>('mutation($n: String) { createCustomer(name: $n) { id } }', { n: name })).createCustomer.id;
    // B's own change arrives: the subscription is live (B's relay is woken by its own commit).
    const local = await create(onB, 'Made on B');
    await feed.until((c) => c.ids[0] === local);
    // A's change: B's relay learns of it only from the Redis wake-up (its poll is 10 minutes away).
    const remote = await create(onA, 'Woken by Redis');
    expect(await feed.until((c) => c.ids[0] === remote)).toMatchObject({ type: 'CREATED', resource: 'Customer' });

    // The wake-up went through Redis: neither relay holds a LISTEN connection, both are Redis clients.
    // Both relays of this process are named switchboard-events-<pid>-<random>.
    const prefix = `switchboard-events-${process.pid}-`;
    const listening = await a
      .db()
      .getConnection()
      .execute<{ n: string }[]>('select count(*) as n from pg_stat_activity where application_name like ?', [`${prefix}%`]);
    expect(Number(listening[0]!.n)).toBe(0);
    const admin = new Redis(REDIS_URL);
    try {
      const clients = String(await admin.client('LIST')).split('\n');
      // A subscriber and a publisher per relay.
      expect(clients.filter((c) => c.includes(`name=${prefix}`)).length).toBe(4);
    } finally {
      admin.disconnect();
    }
  });
});
