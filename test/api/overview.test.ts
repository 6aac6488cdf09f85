import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 9, defect 8 and the home page: titles of referenced records in one query, counts per
 * readable resource and the audit log's record types, each answered within the caller's scope.
 */
let t: TestApp;
let admin: GraphQLClient;
let north: GraphQLClient;
let otherTenant: GraphQLClient;
const ids: Record<string, string> = {};

const TITLES = 'query($refs: [RecordRefInput!]!) { recordTitles(refs: $refs) { type id title } }';
type Titles = { recordTitles: { type: string; id: string; title: string | null }[] };

beforeAll(async () => {
  t = await startTestApp();
  const tenant = await createTestTenant(t.orm, 'overview');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  ids.north = await createOu(admin, 'North');
  ids.east = await createOu(admin, 'East', ids.north);
  ids.south = await createOu(admin, 'South');
  const customer = async (name: string, ou: string | null) =>
    (await admin.ok<{ createCustomer: { id: string } }>('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', { n: name, o: ou }))
      .createCustomer.id;
  ids.nina = await customer('Nina North', ids.east);
  ids.sam = await customer('Sam South', ids.south);
  ids.nameless = await customer('', ids.north);
  ids.role = await createRole(admin, ['customer-center', 'customer-center:view', 'org-units', 'org-units:view', 'audit', 'audit:view'], 'North reader');
  north = (await createEmployee(t, admin, { roleIds: [ids.role], homeOuId: ids.north, grants: [{ ouId: ids.north, canRead: true, canWrite: false }] }, 'north'))
    .client;
  const other = await createTestTenant(t.orm, 'overview2');
  otherTenant = await t.loginAs(other.adminAccount, other.password);
});
afterAll(() => t?.close());

describe('recordTitles', () => {
  const refs = () => [
    { type: 'OrgUnit', id: ids.east },
    { type: 'Customer', id: ids.nina },
    { type: 'Customer', id: ids.sam },
    { type: 'Customer', id: ids.nameless },
    { type: 'Role', id: ids.role },
  ];

  it('names every record the caller may read: OUs by path, customers by name or number', async () => {
    const { recordTitles } = await admin.ok<Titles>(TITLES, { refs: refs() });
    expect(recordTitles.map((r) => r.title)).toEqual(['North / East', 'Nina North', 'Sam South', expect.stringMatching(/^#\d+$/), 'North reader']);
  });

  it('gives null for records outside the scope, of pages the caller may not view, or of another tenant', async () => {
    const seen = await north.ok<Titles>(TITLES, { refs: refs() });
    expect(seen.recordTitles.map((r) => [r.type, r.title])).toEqual([
      ['OrgUnit', 'North / East'],
      ['Customer', 'Nina North'],
      ['Customer', null],
      ['Customer', expect.stringMatching(/^#\d+$/)],
      // No roles:view.
      ['Role', null],
    ]);
    const foreign = await otherTenant.ok<Titles>(TITLES, { refs: refs() });
    expect(foreign.recordTitles.every((r) => r.title === null)).toBe(true);
  });

  it('refuses unknown types and malformed ids as bad input on refs', async () => {
    const unknownType = await admin.request(TITLES, { refs: [{ type: 'Secret', id: ids.nina }] });
    expect(code(unknownType)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(unknownType.errors)).toContain('refs');
    const malformed = await admin.request(TITLES, { refs: [{ type: 'Customer', id: 'not-an-id' }] });
    expect(code(malformed)).toBe('BAD_USER_INPUT');
  });
});

describe('resourceCounts', () => {
  const COUNTS = '{ resourceCounts { resource count } }';
  type Counts = { resourceCounts: { resource: string; count: number }[] };
  const asMap = (c: Counts) => Object.fromEntries(c.resourceCounts.map((r) => [r.resource, r.count]));

  it('counts what the caller may read, in its scope, and leaves out the pages it may not view', async () => {
    const all = asMap(await admin.ok<Counts>(COUNTS));
    expect(all.Customer).toBe(3);
    expect(all.OrgUnit).toBe(4);
    expect(all.Role).toBeGreaterThanOrEqual(1);
    const scoped = asMap(await north.ok<Counts>(COUNTS));
    expect(scoped.Customer).toBe(2);
    expect(scoped.OrgUnit).toBe(2);
    expect(scoped).not.toHaveProperty('Role');
    expect(scoped).not.toHaveProperty('Employee');
  });
});

describe('auditRecordTypes', () => {
  it('lists the record types whose entries the caller may read', async () => {
    const all = (await admin.ok<{ auditRecordTypes: string[] }>('{ auditRecordTypes }')).auditRecordTypes;
    expect(all).toEqual(expect.arrayContaining(['ApiClient', 'Customer', 'Employee', 'OrgUnit', 'Role', 'Tenant']));
    const scoped = (await north.ok<{ auditRecordTypes: string[] }>('{ auditRecordTypes }')).auditRecordTypes;
    expect(scoped).toEqual(expect.arrayContaining(['Customer', 'OrgUnit']));
    expect(scoped).not.toContain('Role');
    expect(scoped).not.toContain('Employee');
  });
});
