import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole, setIsolation } from '../support/security';

/** Issue 15 / DESIGN.md: keyset paging (`after` the last id of a page) walks a list in any order, exactly as offset paging does. */
let t: TestApp;
let admin: GraphQLClient;
let northReader: GraphQLClient;
let south: string;

beforeAll(async () => {
  t = await startTestApp();
  const tenant = await createTestTenant(t.orm, 'keyset');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await setIsolation(admin, true);
  const north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  const reader = await createRole(admin, ['customer-center', 'customer-center:view']);
  northReader = (await createEmployee(t, admin, { roleIds: [reader], grants: [{ ouId: north, canRead: true, canWrite: false }] })).client;
  // Repeated and empty companies and names, so ties and empty values are paged through too.
  for (let i = 0; i < 47; i++) {
    await admin.ok('mutation($n: String, $c: String, $o: ID) { createCustomer(name: $n, company: $c, ouId: $o) { id } }', {
      n: `Name ${i % 7}`,
      c: i % 3 === 0 ? null : `Company ${i % 5}`,
      o: [north, south, null][i % 3],
    });
  }
});
afterAll(() => t?.close());

type Page = { allCustomers: { id: string }[] };
const LIST =
  'query($p: Int, $n: Int, $s: String, $o: String, $a: ID, $f: CustomerFilter) { allCustomers(page: $p, perPage: $n, sortField: $s, sortOrder: $o, after: $a, filter: $f) { id } }';

async function walk(client: GraphQLClient, sort: { s?: string; o?: string }, filter?: Record<string, unknown>) {
  const ids: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = (await client.ok<Page>(LIST, { ...sort, n: 10, a: after, f: filter })).allCustomers.map((c) => c.id);
    ids.push(...page);
    if (page.length < 10) return ids;
    after = page.at(-1);
  }
}

describe('keyset paging', () => {
  it.each([
    ['the default order', {}],
    ['customerNumber ascending', { s: 'customerNumber', o: 'ASC' }],
    ['name descending (ties)', { s: 'name', o: 'DESC' }],
    ['company ascending (empty last)', { s: 'company', o: 'ASC' }],
    ['company descending (empty first)', { s: 'company', o: 'DESC' }],
    ['id descending', { s: 'id', o: 'DESC' }],
  ])('walks %s exactly as one big page lists it', async (_name, sort) => {
    const all = (await admin.ok<Page>(LIST, { ...sort, n: 500 })).allCustomers.map((c) => c.id);
    expect(all).toHaveLength(47);
    expect(await walk(admin, sort)).toEqual(all);
  });

  it('stays in the caller’s scope and filter', async () => {
    const all = (await northReader.ok<Page>(LIST, { s: 'company', n: 500 })).allCustomers.map((c) => c.id);
    expect(all.length).toBeGreaterThan(10);
    expect(await walk(northReader, { s: 'company' })).toEqual(all);
    const inSouth = (await admin.ok<Page>(LIST, { n: 500, f: { ouId: south } })).allCustomers.map((c) => c.id);
    expect(await walk(admin, {}, { ouId: south })).toEqual(inSouth);
  });

  it('refuses an id that is not a record of the list, as a field error, for one out of scope like one that never was', async () => {
    const southern = (await admin.ok<Page>(LIST, { n: 1, f: { ouId: south } })).allCustomers[0]!.id;
    for (const [client, after] of [
      [northReader, southern],
      [northReader, '0190f5c8-6c3a-7000-8000-00000000abcd'],
      [admin, 'not-an-id'],
    ] as const) {
      const res = await client.request(LIST, { a: after });
      expect(res.errors?.[0]?.extensions?.code, after).toBe('BAD_USER_INPUT');
      expect(Object.keys((res.errors?.[0]?.extensions?.fields as object) ?? {})).toEqual(['after']);
    }
  });
});
