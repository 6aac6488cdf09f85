import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 7 items 1, 3, 4 and 6: nobody takes over a principal holding more than they do, access
 * flags tell the truth, and no id or name outside the caller's scope leaks through a visible row.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let ouA: string;
let ouB: string;
let small: string;
let big: string;

const EDITOR = ['employees', 'employees:view', 'employees:create', 'employees:edit', 'employees:delete', 'org-units', 'org-units:view', 'org-units:edit'];

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'takeover');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  ouA = await createOu(admin, 'A');
  ouB = await createOu(admin, 'B');
  small = await createRole(admin, EDITOR, 'Small');
  big = await createRole(admin, [...EDITOR, 'audit', 'audit:view'], 'Big');
});
afterAll(() => t?.close());

const write = (ouId: string) => ({ ouId, canRead: true, canWrite: true });
const auditCount = () => t.db().count(AuditEntry, { tenant: tenant.tenantId });
const reasonOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.reason;

async function refusedWithoutChange(attempt: () => Promise<GraphQLResponse<unknown>>) {
  const before = await auditCount();
  const res = await attempt();
  expect(code(res)).toBe('FORBIDDEN');
  expect(reasonOf(res)).toBe('TARGET_HOLDS_MORE');
  expect(await auditCount()).toBe(before);
  return res;
}

describe('taking over a principal that holds more than you', () => {
  it('an editor cannot reset the password of an employee of its OU who holds more permissions, nor sign in as it', async () => {
    const editor = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'ed');
    const target = await createEmployee(t, admin, { roleIds: [big], grants: [write(ouA)], homeOuId: ouA }, 'strong');
    const res = await refusedWithoutChange(() =>
      editor.client.request('mutation($id: ID!) { updateEmployee(id: $id, password: "Hijack#Pass1") { id } }', { id: target.id }),
    );
    expect(res.errors![0]!.message).toMatch(/audit:view/);
    await expect(t.loginAs(target.account, 'Hijack#Pass1')).rejects.toThrow();
    expect(await t.loginAs(target.account, target.password)).toBeTruthy();
  });

  it('nor one who may write more OUs: no password, enable, delete, roles or grants change', async () => {
    const editor = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'ed');
    const target = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA), write(ouB)], homeOuId: ouA }, 'wide');
    const as =
      (query: string, vars: Record<string, unknown> = {}) =>
      () =>
        editor.client.request(query, { id: target.id, ...vars });
    await refusedWithoutChange(as('mutation($id: ID!) { updateEmployee(id: $id, password: "Hijack#Pass1") { id } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { deleteEmployee(id: $id) { id } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { updateEmployee(id: $id, roleIds: []) { id } }'));
    // Replacing the grants with the part the editor sees would silently drop the grant on B.
    await refusedWithoutChange(as('mutation($id: ID!, $g: [OuGrantInput!]) { updateEmployee(id: $id, grants: $g) { id } }', { g: [write(ouA)] }));
    const { Employee } = await admin.ok<{ Employee: { grants: { ouId: string }[] } }>('query($id: ID!) { Employee(id: $id) { grants { ouId } } }', {
      id: target.id,
    });
    expect(Employee.grants.map((g) => g.ouId).sort()).toEqual([ouA, ouB].sort());
  });

  it('an editor still manages an employee who holds no more than it does', async () => {
    const editor = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'ed');
    const target = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'peer');
    await editor.client.ok('mutation($id: ID!) { updateEmployee(id: $id, password: "Handed#Over1", enabled: true) { id } }', { id: target.id });
    expect(await t.loginAs(target.account, 'Handed#Over1')).toBeTruthy();
  });

  it('anyone with api-clients:edit cannot rotate, revoke, disable or strip the roles of a client holding more', async () => {
    const role = await createRole(admin, ['api-clients', 'api-clients:view', 'api-clients:edit', 'api-clients:delete'], 'Integrations');
    const crmRole = await createRole(admin, ['customer-center', 'customer-center:view'], 'CRM reads');
    const editor = await createEmployee(t, admin, { roleIds: [role] }, 'integ');
    const { createApiClient } = await admin.ok<{ createApiClient: { id: string } }>(
      'mutation($r: [ID!]) { createApiClient(name: "Strong CRM", roleIds: $r) { id } }',
      { r: [crmRole] },
    );
    const as = (query: string) => () => editor.client.request(query, { id: createApiClient.id });
    await refusedWithoutChange(as('mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { revokeApiClient(id: $id) { id } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { updateApiClient(id: $id, enabled: false) { id } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { updateApiClient(id: $id, roleIds: []) { id } }'));
    await refusedWithoutChange(as('mutation($id: ID!) { deleteApiClient(id: $id) { id } }'));
    // The tenant admin holds everything.
    await admin.ok('mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }', { id: createApiClient.id });
  });
});

describe('record.access tells the truth', () => {
  it('an editor sees canEdit/canDelete false for a tenant admin and a stronger employee inside its scope, true for a peer', async () => {
    const editor = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'ed');
    const strong = await createEmployee(t, admin, { roleIds: [big], grants: [write(ouA)], homeOuId: ouA }, 'strong');
    const boss = await createEmployee(t, admin, { isTenantAdmin: true, homeOuId: ouA }, 'boss');
    const peer = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'peer');
    const { allEmployees } = await editor.client.ok<{ allEmployees: { id: string; access: { canEdit: boolean; canDelete: boolean } }[] }>(
      'query($ids: [ID!]) { allEmployees(filter: { ids: $ids }) { id access { canEdit canDelete } } }',
      { ids: [strong.id, boss.id, peer.id, editor.id] },
    );
    const access = Object.fromEntries(allEmployees.map((e) => [e.id, e.access]));
    expect(access[strong.id]).toEqual({ canEdit: false, canDelete: false });
    expect(access[boss.id]).toEqual({ canEdit: false, canDelete: false });
    expect(access[peer.id]).toEqual({ canEdit: true, canDelete: true });
    // Oneself: editable, never deletable (the API refuses deleting one's own account).
    expect(access[editor.id]).toEqual({ canEdit: true, canDelete: false });
    // And what access says is what the API does.
    expect(code(await editor.client.request('mutation($id: ID!) { updateEmployee(id: $id, position: "x") { id } }', { id: boss.id }))).toBe('FORBIDDEN');
    expect(code(await editor.client.request('mutation($id: ID!) { updateEmployee(id: $id, position: "x") { id } }', { id: peer.id }))).toBeUndefined();
  });
});

describe('ids and names outside the scope do not leak through visible rows', () => {
  it('grants on unreadable OUs, an unreadable manager and roles without roles:view read as absent', async () => {
    const viewer = await createEmployee(
      t,
      admin,
      { roleIds: [await createRole(admin, ['employees', 'employees:view'])], grants: [{ ouId: ouA, canRead: true, canWrite: false }] },
      'view',
    );
    const manager = await createEmployee(t, admin, { homeOuId: ouB }, 'mgr');
    const target = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA), write(ouB)], homeOuId: ouA }, 'seen');
    await admin.ok('mutation($id: ID!, $m: ID) { updateEmployee(id: $id, managerId: $m) { id } }', { id: target.id, m: manager.id });
    const { Employee } = await viewer.client.ok<{
      Employee: { managerId: string | null; manager: unknown; roleIds: string[]; grants: { ouId: string; canWrite: boolean }[] };
    }>('query($id: ID!) { Employee(id: $id) { managerId manager { id } roleIds grants { ouId canWrite } } }', { id: target.id });
    expect(Employee).toEqual({ managerId: null, manager: null, roleIds: [], grants: [{ ouId: ouA, canWrite: true }] });
    // The admin sees it all.
    const full = await admin.ok<{ Employee: { managerId: string; roleIds: string[]; grants: unknown[] } }>(
      'query($id: ID!) { Employee(id: $id) { managerId roleIds grants { ouId } } }',
      { id: target.id },
    );
    expect(full.Employee.managerId).toBe(manager.id);
    expect(full.Employee.roleIds).toEqual([small]);
    expect(full.Employee.grants).toHaveLength(2);
  });

  it('an OU under an unreadable parent shows no parentId and only the readable part of its path', async () => {
    const secret = await createOu(admin, 'Secret Division');
    const team = await createOu(admin, 'Team', secret);
    const squad = await createOu(admin, 'Squad / One', team);
    const reader = await createEmployee(t, admin, { roleIds: [small], grants: [write(team)] }, 'team');
    const { allOrgUnits } = await reader.client.ok<{ allOrgUnits: { id: string; parentId: string | null; path: string; parent: unknown }[] }>(
      'query($ids: [ID!]) { allOrgUnits(filter: { ids: $ids }, sortField: "path") { id parentId path parent { id } } }',
      { ids: [secret, team, squad] },
    );
    expect(allOrgUnits).toEqual([
      { id: team, parentId: null, path: 'Team', parent: null },
      { id: squad, parentId: team, path: 'Team / Squad / One', parent: { id: team } },
    ]);
    // Searching by an unreadable ancestor's name finds nothing through the path.
    const found = await reader.client.ok<{ allOrgUnits: unknown[] }>('{ allOrgUnits(filter: { q: "Secret" }) { id } }');
    expect(found.allOrgUnits).toEqual([]);
  });

  it("a name clash under an unreadable parent names neither the parent nor 'undefined'", async () => {
    const hidden = await createOu(admin, 'Hidden Parent');
    const mine = await createOu(admin, 'Mine', hidden);
    await createOu(admin, 'Taken', hidden);
    const writer = await createEmployee(t, admin, { roleIds: [small], grants: [write(mine)] }, 'clash');
    const res = await writer.client.request('mutation($id: ID!) { updateOrgUnit(id: $id, name: "Taken") { id } }', { id: mine });
    expect(code(res)).toBe('BAD_USER_INPUT');
    const message = res.errors![0]!.extensions!.fields!.name!;
    expect(message).toBe('An OU named "Taken" already exists at this level');
    expect(message).not.toMatch(/undefined|Hidden/);
  });

  it('an editor without roles:view keeps the roles it cannot see when it saves the list it sees', async () => {
    const editor = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'blind');
    const target = await createEmployee(t, admin, { roleIds: [small], grants: [write(ouA)], homeOuId: ouA }, 'kept');
    await editor.client.ok('mutation($id: ID!) { updateEmployee(id: $id, roleIds: []) { id } }', { id: target.id });
    const { Employee } = await admin.ok<{ Employee: { roleIds: string[] } }>('query($id: ID!) { Employee(id: $id) { roleIds } }', { id: target.id });
    expect(Employee.roleIds).toEqual([small]);
  });
});
