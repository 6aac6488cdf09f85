import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXACT_COUNT_LIMIT } from '../../api/src/common/list';
import { ESTIMATE_TTL_MS } from '../../api/src/common/list-count';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { countStatements } from '../support/statements';
import { createEmployee, createOu, createRole, setIsolation } from '../support/security';

/**
 * Issue 15: a list's count is exact up to EXACT_COUNT_LIMIT and PostgreSQL's estimate above it
 * (counting a million customers cost 40 ms a request), in the caller's scope either way.
 */
let t: TestApp;
let admin: GraphQLClient;
let north: string;
let northReader: GraphQLClient;
let tenantId: string;
const MANY = EXACT_COUNT_LIMIT + 500;
const IN_NORTH = 37;

beforeAll(async () => {
  t = await startTestApp();
  const tenant = await createTestTenant(t.orm, 'counts');
  tenantId = tenant.tenantId;
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await setIsolation(admin, true);
  north = await createOu(admin, 'North');
  const reader = await createRole(admin, ['customer-center', 'customer-center:view']);
  northReader = (await createEmployee(t, admin, { roleIds: [reader], grants: [{ ouId: north, canRead: true, canWrite: false }] })).client;
  // Many customers at once, as an import would leave them; a few of them in North.
  await t
    .db()
    .getConnection()
    .execute(
      `insert into customer (id, tenant_id, customer_number, ou_id, name, phones, emails)
       select gen_random_uuid(), ?, (20000000 + g)::text, case when g <= ${IN_NORTH} then ?::uuid end, 'Counted ' || g, '{}', '{}'
         from generate_series(1, ${MANY}) g`,
      [tenant.tenantId, north],
    );
  await t.db().getConnection().execute('analyze customer');
});
afterAll(() => t?.close());

const count = (client: GraphQLClient, filter: Record<string, unknown> = {}) =>
  client
    .ok<{ _allCustomersMeta: { count: number } }>('query($f: CustomerFilter) { _allCustomersMeta(filter: $f) { count } }', { f: filter })
    .then((r) => r._allCustomersMeta.count);

describe('list counts', () => {
  it('estimates a count above the limit, never below it, in two statements', async () => {
    // A principal cached before (the set-up changed roles and grants): its check rides in the count's statement.
    await admin.ok('{ me { id } }');
    const { result, statements } = await countStatements(t, () => count(admin));
    expect(result).toBeGreaterThan(EXACT_COUNT_LIMIT);
    // PostgreSQL's estimate of this tenant's customers, freshly analysed: near the truth.
    expect(result).toBeGreaterThan(MANY * 0.5);
    expect(result).toBeLessThan(MANY * 2);
    expect(statements.filter((s) => /customer/.test(s))).toHaveLength(2);
  });

  it('counts exactly up to the limit: a filter, and a scope', async () => {
    expect(await count(admin, { ouId: north })).toBe(IN_NORTH);
    expect(await count(admin, { q: 'Counted 1000' })).toBe(11); // 1000 and 10000-10009
    // The North reader reads North and Unorganized: everything but nothing less, still in scope.
    expect(await count(northReader, { ouId: north })).toBe(IN_NORTH);
  });

  it('is exact at the limit itself, and above the limit one record later', async () => {
    const conn = t.db().getConnection();
    await conn.execute(
      // This tenant's: a database reused across runs holds other tenants' counted customers too.
      `delete from customer where id in (select id from customer where tenant_id = ? and name like 'Counted %' and ou_id is null limit ${MANY - EXACT_COUNT_LIMIT})`,
      [tenantId],
    );
    expect(await count(admin)).toBe(EXACT_COUNT_LIMIT);
    await admin.ok('mutation { createCustomer(name: "One more") { id } }');
    expect(await count(admin)).toBeGreaterThan(EXACT_COUNT_LIMIT);
  });
});

describe('a count far above the limit', () => {
  // Well above twice the limit: the estimate stays above it however other tenants' rows are sampled.
  const HUGE = 3 * EXACT_COUNT_LIMIT + 2000;
  let big: GraphQLClient;
  let bigReader: GraphQLClient;

  beforeAll(async () => {
    const tenant = await createTestTenant(t.orm, 'huge');
    big = await t.loginAs(tenant.adminAccount, tenant.password);
    const reader = await createRole(big, ['customer-center', 'customer-center:view']);
    bigReader = (await createEmployee(t, big, { roleIds: [reader], grants: [] })).client;
    await t
      .db()
      .getConnection()
      .execute(
        `insert into customer (id, tenant_id, customer_number, name, phones, emails)
         select gen_random_uuid(), ?, (30000000 + g)::text, 'Huge ' || g, '{}', '{}' from generate_series(1, ${HUGE}) g`,
        [tenant.tenantId],
      );
    await t.db().getConnection().execute('analyze customer');
  });

  it(`is estimated once and then kept for ${ESTIMATE_TTL_MS / 1000} s for the same filter in the same scope, with no statement of its own`, async () => {
    await big.ok('{ me { id } }');
    const first = await countStatements(t, () => count(big));
    expect(first.result).toBeGreaterThan(2 * EXACT_COUNT_LIMIT);
    expect(first.statements.filter((s) => /customer/.test(s))).toHaveLength(2);
    const again = await countStatements(t, () => count(big));
    expect(again.result).toBe(first.result);
    expect(again.statements.filter((s) => /customer/.test(s))).toHaveLength(0);
    // Another filter is counted afresh (and exactly: no customer is called so).
    expect(await count(big, { q: 'Nobody by this name' })).toBe(0);
  });

  it("is not another scope's: a reader of the same tenant has the same filter counted for its own scope", async () => {
    await count(big);
    const { result, statements } = await countStatements(t, () => count(bigReader));
    expect(statements.filter((s) => /customer/.test(s))).toHaveLength(2);
    // Its own estimate (of its own filter's plan): above the limit, whatever PostgreSQL's statistics make of the scope.
    expect(result).toBeGreaterThan(EXACT_COUNT_LIMIT);
  });

  it('still confirms a pending principal check when the count is kept: a disabled account is refused at once', async () => {
    const victim = await createEmployee(t, big, { roleIds: [], grants: [], isTenantAdmin: true });
    expect(await count(victim.client)).toBeGreaterThan(2 * EXACT_COUNT_LIMIT);
    expect(await count(victim.client)).toBeGreaterThan(2 * EXACT_COUNT_LIMIT);
    await big.ok('mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }', { id: victim.id });
    const refused = await victim.client.send({ query: '{ _allCustomersMeta { count } }' });
    expect(refused.status).toBe(401);
    expect(refused.reply.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.reply.data).toBeUndefined();
  });
});
