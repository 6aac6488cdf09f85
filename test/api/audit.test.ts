import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole, uniqueAccount } from '../support/security';

let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'audit');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

const entries = () => t.db().find(AuditEntry, { tenant: tenant.tenantId }, { orderBy: { at: 'ASC', id: 'ASC' } });

interface Entry {
  operation: string;
  action: string;
  recordType: string;
  recordId: string;
  principalHandle: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

async function newEntries(run: () => Promise<unknown>): Promise<Entry[]> {
  const before = new Set((await entries()).map((e) => e.id));
  await run();
  return (await entries()).filter((e) => !before.has(e.id)) as unknown as Entry[];
}

describe('audit entries', () => {
  it('every data-changing mutation of the security model writes exactly one entry, in its transaction', async () => {
    const ids: Record<string, string> = {};
    const steps: [string, string, () => Promise<unknown>][] = [
      ['createOrgUnit', 'OrgUnit', async () => (ids.ou = await createOu(admin, 'Audited'))],
      ['updateOrgUnit', 'OrgUnit', () => admin.ok('mutation($id: ID!) { updateOrgUnit(id: $id, name: "Audited-2") { id } }', { id: ids.ou })],
      ['createRole', 'Role', async () => (ids.role = await createRole(admin, ['audit'], 'Audit-Role'))],
      ['updateRole', 'Role', () => admin.ok('mutation($id: ID!) { updateRole(id: $id, permissions: ["audit", "audit:view"]) { id } }', { id: ids.role })],
      [
        'createEmployee',
        'Employee',
        async () => {
          const { createEmployee } = await admin.ok<{ createEmployee: { id: string } }>(
            'mutation($a: String!, $h: ID, $r: [ID!]) { createEmployee(account: $a, name: "Audited", password: "Audit#Pass1", homeOuId: $h, roleIds: $r) { id } }',
            { a: (ids.account = uniqueAccount('audited')), h: ids.ou, r: [ids.role] },
          );
          ids.employee = createEmployee.id;
        },
      ],
      [
        'updateEmployee',
        'Employee',
        () => admin.ok('mutation($id: ID!) { updateEmployee(id: $id, position: "Auditor", password: "Other#Pass12") { id } }', { id: ids.employee }),
      ],
      [
        'changePassword',
        'Employee',
        async () => {
          const c = await t.loginAs(ids.account!, 'Other#Pass12');
          await c.ok('mutation { changePassword(oldPassword: "Other#Pass12", newPassword: "Third#Pass123") }');
        },
      ],
      [
        'createApiClient',
        'ApiClient',
        async () => {
          const { createApiClient } = await admin.ok<{ createApiClient: { id: string } }>('mutation { createApiClient(name: "Audited CRM") { id } }');
          ids.client = createApiClient.id;
        },
      ],
      ['updateApiClient', 'ApiClient', () => admin.ok('mutation($id: ID!) { updateApiClient(id: $id, description: "CRM") { id } }', { id: ids.client })],
      ['rotateApiClientSecret', 'ApiClient', () => admin.ok('mutation($id: ID!) { rotateApiClientSecret(id: $id) { id } }', { id: ids.client })],
      ['revokeApiClient', 'ApiClient', () => admin.ok('mutation($id: ID!) { revokeApiClient(id: $id) { id } }', { id: ids.client })],
      ['deleteApiClient', 'ApiClient', () => admin.ok('mutation($id: ID!) { deleteApiClient(id: $id) { id } }', { id: ids.client })],
      ['deleteEmployee', 'Employee', () => admin.ok('mutation($id: ID!) { deleteEmployee(id: $id) { id } }', { id: ids.employee })],
      ['deleteRole', 'Role', () => admin.ok('mutation($id: ID!) { deleteRole(id: $id) { id } }', { id: ids.role })],
      ['deleteOrgUnit', 'OrgUnit', () => admin.ok('mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }', { id: ids.ou })],
      ['updateMyTenant', 'Tenant', () => admin.ok('mutation { updateMyTenant(contactRecordSpanDays: 12) { id } }')],
    ];
    for (const [operation, recordType, run] of steps) {
      const added = await newEntries(run);
      expect(
        added.map((e) => [e.operation, e.recordType]),
        operation,
      ).toEqual([[operation, recordType]]);
      expect(Object.keys(added[0]!.changes).length, operation).toBeGreaterThan(0);
    }
  });

  it('records before/after of changed fields only, and masks secrets', async () => {
    const ou = await createOu(admin, 'Masked');
    const [created] = await newEntries(() =>
      admin.ok('mutation($a: String!, $h: ID) { createEmployee(account: $a, name: "Masked", password: "Mask#Pass123", homeOuId: $h) { id } }', {
        a: uniqueAccount('masked'),
        h: ou,
      }),
    );
    expect(created!.action).toBe('created');
    expect(created!.changes.passwordHash).toEqual({ before: null, after: '***' });
    expect(created!.changes.homeOuId).toEqual({ before: null, after: ou });
    const [updated] = await newEntries(() => admin.ok('mutation($id: ID!) { updateEmployee(id: $id, position: "Lead") { id } }', { id: created!.recordId }));
    expect(updated!.changes).toEqual({ position: { before: '', after: 'Lead' } });
    const [client] = await newEntries(() => admin.ok('mutation { createApiClient(name: "Masked CRM") { id clientSecret } }'));
    expect(client!.changes.secretHash).toEqual({ before: null, after: '***' });
    expect(JSON.stringify(client!.changes)).not.toMatch(/sbs_|argon2/);
  });

  it('refused and failed mutations write no entry', async () => {
    const viewer = await createEmployee(t, admin, { roleIds: [await createRole(admin, ['org-units', 'org-units:view'])] }, 'noaudit');
    const added = await newEntries(async () => {
      expect(code(await viewer.client.request('mutation { createOrgUnit(name: "Nope") { id } }'))).toBe('FORBIDDEN');
      expect(code(await admin.request('mutation { createOrgUnit(name: "DefaultOU") { id } }'))).toBe('BAD_USER_INPUT');
      expect(code(await admin.request('mutation { updateMyTenant(contactRecordSpanDays: 0) { id } }'))).toBe('BAD_USER_INPUT');
    });
    expect(added).toEqual([]);
  });

  it('cannot be changed or deleted, even with direct SQL', async () => {
    const [entry] = await entries();
    const conn = t.orm.em.getConnection();
    await expect(conn.execute('update audit_entry set operation = ? where id = ?', ['forged', entry!.id])).rejects.toThrow(/cannot be changed/);
    await expect(conn.execute('delete from audit_entry where id = ?', [entry!.id])).rejects.toThrow(/cannot be changed/);
  });

  it('is readable with the OU rules, filterable, and never editable', async () => {
    const mine = await createOu(admin, 'Audit-Mine');
    const theirs = await createOu(admin, 'Audit-Theirs');
    // OU entries are read like OUs: the OU page's view operation as well as audit:view (issue 7).
    const role = await createRole(admin, ['audit', 'audit:view', 'org-units', 'org-units:view']);
    const auditor = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: mine, canRead: true, canWrite: false }] }, 'auditor');
    await admin.ok('mutation($id: ID!) { updateOrgUnit(id: $id, name: "Audit-Mine-2") { id } }', { id: mine });
    await admin.ok('mutation($id: ID!) { updateOrgUnit(id: $id, name: "Audit-Theirs-2") { id } }', { id: theirs });
    const query = `query($f: AuditEntryFilter) { allAuditEntries(perPage: 500, filter: $f) { recordId ouId operation access { canEdit canDelete } } _allAuditEntriesMeta(filter: $f) { count } }`;
    type Res = { allAuditEntries: { recordId: string; ouId: string | null; access: { canEdit: boolean } }[]; _allAuditEntriesMeta: { count: number } };
    const seen = await auditor.client.ok<Res>(query, { f: { recordType: 'OrgUnit' } });
    expect(seen.allAuditEntries.every((e) => e.recordId === mine)).toBe(true);
    expect(seen.allAuditEntries.length).toBe(2);
    expect(seen._allAuditEntriesMeta.count).toBe(2);
    expect(seen.allAuditEntries[0]!.access).toEqual({ canEdit: false, canDelete: false });
    const all = await admin.ok<Res>(query, { f: { recordId: theirs } });
    expect(all.allAuditEntries.map((e) => e.recordId)).toEqual([theirs, theirs]);
    const later = await admin.ok<Res>(query, { f: { recordId: theirs, from: new Date(Date.now() + 60_000).toISOString() } });
    expect(later._allAuditEntriesMeta.count).toBe(0);
    const forged = await admin.request('mutation { updateAuditEntry(id: "x") { id } }');
    expect(code(forged)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
