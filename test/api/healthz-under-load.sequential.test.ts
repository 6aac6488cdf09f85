import { performance } from 'node:perf_hooks';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, Direction } from '../../api/src/modules/customer/channel';
import { ContactRecord } from '../../api/src/modules/customer/contact-record.entity';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { allocateCustomerNumbers } from '../../api/src/modules/customer/customer.service';
import { buildAppSchema } from '../../api/src/schema';
import { costCheck } from '../../api/src/server/cost';
import { QUERY_LIMITS } from '../../api/src/server/limits';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';

/**
 * Issue 7 item 9: the event loop is never blocked for seconds by one request. A timing check,
 * so it runs on its own after the rest of the suite (`*.sequential.test.ts`, see vitest.config.mts):
 * other test files on the same cores would measure them, not the server.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('the heaviest query the limits allow', () => {
  let heavyTenant: Awaited<ReturnType<typeof createTestTenant>>;
  let heavyAdmin: GraphQLClient;

  /**
   * As many customers as the cost limit allows, in equal pages (at most 500, at most 15 aliases),
   * each with its latest contacts, their customer and its latest contacts again: only ids, so
   * the most records per unit of cost (every list filled by the data below).
   */
  const heaviest = (pages: number, perPage: number) =>
    `{ ${Array.from({ length: pages }, (_, i) => `p${i}: allCustomers(page: ${i}, perPage: ${perPage}) { id latestContacts { id customer { id latestContacts { id } } } }`).join(' ')} }`;
  let shape = { pages: 0, perPage: 0 };
  const customers = () => shape.pages * shape.perPage;

  beforeAll(async () => {
    const schema = await buildAppSchema();
    const allowed = (pages: number, perPage: number) =>
      costCheck(schema, parse(heaviest(pages, perPage)), {}, undefined, QUERY_LIMITS).cost <= QUERY_LIMITS.maxCost;
    for (let pages = 1; pages <= QUERY_LIMITS.maxAliases; pages++) {
      let perPage = 0;
      while (perPage < 500 && allowed(pages, perPage + 1)) perPage++;
      if (pages * perPage > customers()) shape = { pages, perPage };
    }
    expect(customers()).toBeGreaterThan(0);
    // Data that fills every list of it: the customers, each with five contacts.
    heavyTenant = await createTestTenant(t.orm, 'heavy');
    const em = t.db();
    const numbers = await allocateCustomerNumbers(em, heavyTenant.tenantId, customers());
    numbers.forEach((customerNumber, i) => {
      const customer = em.create(Customer, { tenant: heavyTenant.tenantId, customerNumber, name: `Heavy ${i}` } as never);
      for (let k = 0; k < 5; k++) {
        em.create(ContactRecord, {
          tenant: heavyTenant.tenantId,
          customer,
          caller: `+1212555${i}`,
          called: '800',
          channel: Channel.VOICE,
          direction: Direction.INBOUND,
          startedAt: new Date(Date.now() - k * 60_000),
        } as never);
      }
    });
    await em.flush();
    heavyAdmin = await t.loginAs(heavyTenant.adminAccount, heavyTenant.password);
  }, 120_000);

  it('runs while /healthz on the same process answers within 1 s', { timeout: 60_000 }, async () => {
    const knex = t.orm.em.getConnection().getKnex();
    const running = new Promise<void>((resolve) => {
      const onQuery = (q: { sql: string }) => {
        if (!/from "customer"/.test(q.sql)) return;
        knex.off('query', onQuery);
        resolve();
      };
      knex.on('query', onQuery);
    });
    const started = performance.now();
    let finished = false;
    const heavy = heavyAdmin.post({ query: heaviest(shape.pages, shape.perPage) }).then(async (res) => {
      finished = true;
      return { status: res.status, body: await res.text(), ms: performance.now() - started };
    });
    await running;
    const latencies: number[] = [];
    while (!finished) {
      const asked = performance.now();
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      latencies.push(performance.now() - asked);
    }
    const { status, body, ms } = await heavy;
    console.info(
      `heaviest allowed query: ${shape.pages} x ${shape.perPage} customers, ${ms.toFixed(0)} ms, ${(body.length / 1e6).toFixed(1)} MB; /healthz while it ran: ${latencies.length} answers, slowest ${Math.max(...latencies).toFixed(0)} ms`,
    );
    expect(status).toBe(200);
    const reply = JSON.parse(body) as { data?: Record<string, unknown[]>; errors?: unknown[] };
    expect(reply.errors).toBeUndefined();
    expect(Object.values(reply.data!).flat()).toHaveLength(customers());
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });
});
