import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { COMPILE_AFTER } from '../../api/src/server/compiled-execution';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';

// The real graphql-jit, its compileQuery counted: a document sent again must have been compiled.
const jit = vi.hoisted(() => ({ compiled: [] as string[] }));
vi.mock('graphql-jit', async (importOriginal) => {
  const real = await importOriginal<typeof import('graphql-jit')>();
  return {
    ...real,
    compileQuery: (...args: Parameters<typeof real.compileQuery>) => {
      jit.compiled.push(args[1].loc?.source.body ?? '');
      return real.compileQuery(...args);
    },
  };
});

let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'jit');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  for (const name of ['North', 'South', 'East']) await admin.ok('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: name });
  for (const [name, phone] of [
    ['Ada', '+1 415 555 0142'],
    ['Grace', '020 7946 0018'],
  ])
    await admin.ok('mutation($n: String, $p: [String!]) { createCustomer(name: $n, phones: $p) { id } }', { n: name, p: [phone] });
});
afterAll(async () => {
  await t?.close();
});

/** The same document sent again and again: the first runs through graphql-js, the later ones compiled (server/compiled-execution.ts). */
async function repliesTo(body: { query: string; variables?: Record<string, unknown> }, times = COMPILE_AFTER + 2) {
  const replies: { status: number; body: string }[] = [];
  for (let i = 0; i < times; i++) {
    const res = await admin.post(body);
    replies.push({ status: res.status, body: await res.text() });
  }
  return replies;
}

describe('documents sent again run compiled and answer exactly as the first time', () => {
  const cases: [string, { query: string; variables?: Record<string, unknown> }][] = [
    [
      'a page with a nested relation, a count and dates',
      {
        query: 'query($p: Int) { allOrgUnits(page: $p, perPage: 2, sortField: "name") { id name path parent { id } createdAt } _allOrgUnitsMeta { count } }',
        variables: { p: 0 },
      },
    ],
    ['customers with their phones', { query: '{ allCustomers(perPage: 50) { id name phones } }' }],
    [
      'fragments, aliases and a directive on a variable',
      { query: 'query($w: Boolean!) { a: me { id ...F @include(if: $w) } b: me { __typename } } fragment F on Me { account name }', variables: { w: true } },
    ],
    [
      'the same document with the directive off',
      { query: 'query($w: Boolean!) { a: me { id ...F @include(if: $w) } b: me { __typename } } fragment F on Me { account name }', variables: { w: false } },
    ],
    ['a variable of the wrong type', { query: 'query($n: Int) { allOrgUnits(perPage: $n) { id } }', variables: { n: 'many' } }],
    ['a missing required variable', { query: 'query($n: String!) { createdNothing: allOrgUnits(filter: { q: $n }) { id } }' }],
    ['an argument refused by validation, nothing written', { query: 'mutation { createOrgUnit(name: "") { id } }' }],
    [
      'a record that is not there beside one that is',
      { query: 'query($id: ID!) { OrgUnit(id: $id) { id } me { account } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
    ],
  ];

  it.each(cases)('%s', async (_name, body) => {
    const replies = await repliesTo(body);
    for (const reply of replies.slice(1)) expect(reply).toEqual(replies[0]);
    expect(jit.compiled.filter((query) => query === body.query)).toHaveLength(1);
    // Each reaches execution (the documents are valid) and none is an internal error.
    expect(replies[0]!.body).not.toMatch(/INTERNAL_SERVER_ERROR|GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/);
  });

  it('writes as often as a mutation is sent, compiled or not', async () => {
    const before = await t.db().count(Customer, { tenant: tenant.tenantId });
    const replies = await repliesTo({ query: 'mutation { createCustomer(name: "Again") { name } }' });
    expect(replies.map((r) => JSON.parse(r.body))).toEqual(replies.map(() => ({ data: { createCustomer: { name: 'Again' } } })));
    expect(await t.db().count(Customer, { tenant: tenant.tenantId })).toBe(before + replies.length);
  });
});
