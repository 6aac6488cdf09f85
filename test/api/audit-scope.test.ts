import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 7 items 5 and 6: an audit entry is readable only by a principal who may read the record
 * it describes (its page's view operation and its OU), and OU ids in its changes that the reader
 * may not read are hidden. Before the fix, role, API-client and tenant entries (stored as
 * Unorganized) were readable by anyone with audit:view, client names and grants included.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let secretOu: string;
let openOu: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'auditscope');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  secretOu = await createOu(admin, 'Secret');
  openOu = await createOu(admin, 'Open');
  await admin.ok('mutation { createApiClient(name: "Hidden CRM") { id } }');
  await createRole(admin, ['audit'], 'Hidden role');
  await admin.ok('mutation { updateMyTenant(contactRecordSpanDays: 60) { id } }');
});
afterAll(() => t?.close());

const LIST = `query($type: String) {
  allAuditEntries(perPage: 500, filter: { recordType: $type }) { id operation recordType recordId changes }
  _allAuditEntriesMeta(filter: { recordType: $type }) { count }
}`;
type Listed = {
  allAuditEntries: { id: string; operation: string; recordType: string; recordId: string; changes: Record<string, { before: unknown; after: unknown }> }[];
  _allAuditEntriesMeta: { count: number };
};

async function auditor(extra: string[], grants = [{ ouId: openOu, canRead: true, canWrite: false }]) {
  return (await createEmployee(t, admin, { roleIds: [await createRole(admin, ['audit', 'audit:view', ...extra])], grants }, 'auditor')).client;
}

describe('audit entries follow the permissions of the page they describe', () => {
  it.each(['Role', 'ApiClient', 'Tenant'])('%s entries are hidden from an auditor without that page, in lists, counts and by id', async (type) => {
    const all = await admin.ok<Listed>(LIST, { type });
    expect(all.allAuditEntries.length).toBeGreaterThan(0);
    const reader = await auditor([]);
    const seen = await reader.ok<Listed>(LIST, { type });
    expect(seen.allAuditEntries).toEqual([]);
    expect(seen._allAuditEntriesMeta.count).toBe(0);
    const one = await reader.request('query($id: ID!) { AuditEntry(id: $id) { id } }', { id: all.allAuditEntries[0]!.id });
    expect(code(one)).toBe('NOT_FOUND');
  });

  it.each([
    ['Role', ['roles', 'roles:view']],
    ['ApiClient', ['api-clients', 'api-clients:view']],
    ['Tenant', ['tenant-params', 'tenant-params:view']],
  ])('%s entries are readable with their view operation', async (type, page) => {
    const reader = await auditor(page);
    const all = await admin.ok<Listed>(LIST, { type });
    const seen = await reader.ok<Listed>(LIST, { type });
    expect(seen.allAuditEntries.map((e) => e.id).sort()).toEqual(all.allAuditEntries.map((e) => e.id).sort());
  });

  it('OU entries need the OU page and read on the OU', async () => {
    const reader = await auditor(['org-units', 'org-units:view']);
    const seen = await reader.ok<Listed>(LIST, { type: 'OrgUnit' });
    expect(new Set(seen.allAuditEntries.map((e) => e.recordId))).toEqual(new Set([openOu]));
    const blind = await auditor([]);
    expect((await blind.ok<Listed>(LIST, { type: 'OrgUnit' })).allAuditEntries).toEqual([]);
  });

  it('OU ids the reader may not read are hidden in the changes of a visible entry', async () => {
    const target = await createEmployee(
      t,
      admin,
      {
        homeOuId: openOu,
        grants: [
          { ouId: secretOu, canRead: true, canWrite: true },
          { ouId: openOu, canRead: true, canWrite: false },
        ],
      },
      'granted',
    );
    const reader = await auditor(['employees', 'employees:view']);
    const { allAuditEntries } = await reader.ok<Listed>(LIST, { type: 'Employee' });
    const created = allAuditEntries.find((e) => e.recordId === target.id && e.operation === 'createEmployee')!;
    const grants = created.changes.grants!.after as { ouId: string | null }[];
    expect(grants.map((g) => g.ouId).sort()).toEqual([null, openOu].sort());
    expect(JSON.stringify(allAuditEntries)).not.toContain(secretOu);
    // The admin reads them as they were.
    const full = await admin.ok<Listed>(LIST, { type: 'Employee' });
    expect(JSON.stringify(full.allAuditEntries.find((e) => e.recordId === target.id && e.operation === 'createEmployee'))).toContain(secretOu);
  });
});
