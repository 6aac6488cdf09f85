import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole, setIsolation, uniqueAccount } from '../support/security';

/**
 * SPEC §1's table, row by row: tenant admin, employee and API client, isolation on and off,
 * read and write, a granted OU, an ungranted one and Unorganized. Records here are employees
 * (scoped by their home OU) and OUs themselves.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let granted: string; // the OU the employee and the client may write
let grantedChild: string; // inside the granted subtree
let other: string; // not granted
const subjects: Record<string, string> = {}; // record (employee) id per placement

const ALL_EMPLOYEE_OPS = [
  'employees',
  'employees:view',
  'employees:create',
  'employees:edit',
  'employees:delete',
  'org-units',
  'org-units:view',
  'org-units:create',
  'org-units:edit',
  'org-units:delete',
];

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'matrix');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  granted = await createOu(admin, 'Granted');
  grantedChild = await createOu(admin, 'Granted-Child', granted);
  other = await createOu(admin, 'Other');
  for (const [key, ou] of Object.entries({ granted, grantedChild, other, unorganized: null })) {
    const { createEmployee } = await admin.ok<{ createEmployee: { id: string } }>(
      'mutation($a: String!, $h: ID) { createEmployee(account: $a, name: $a, password: "Record#Pass1", homeOuId: $h) { id } }',
      { a: uniqueAccount(`rec-${key}`), h: ou },
    );
    subjects[key] = createEmployee.id;
  }
});
afterAll(() => t?.close());

async function principals() {
  const role = await createRole(admin, ALL_EMPLOYEE_OPS);
  const grants = [{ ouId: granted, canRead: true, canWrite: true }];
  const employee = await createEmployee(t, admin, { roleIds: [role], grants, homeOuId: other }, 'matrix-emp');
  const { createApiClient } = await admin.ok<{ createApiClient: { clientId: string; clientSecret: string } }>(
    'mutation($r: [ID!], $g: [OuGrantInput!]) { createApiClient(name: "CRM", roleIds: $r, grants: $g) { clientId clientSecret } }',
    { r: [role], g: grants },
  );
  const clientToken = await t.client.ok<{ clientLogin: { token: string } }>(
    'mutation($i: String!, $s: String!) { clientLogin(clientId: $i, clientSecret: $s) { token } }',
    { i: createApiClient.clientId, s: createApiClient.clientSecret },
  );
  return { 'tenant admin': admin, employee: employee.client, 'API client': t.client.withToken(clientToken.clientLogin.token) };
}

async function visibleEmployees(client: GraphQLClient): Promise<Set<string>> {
  const { allEmployees, _allEmployeesMeta } = await client.ok<{ allEmployees: { id: string }[]; _allEmployeesMeta: { count: number } }>(
    'query($ids: [ID!]) { allEmployees(perPage: 500, filter: { ids: $ids }) { id } _allEmployeesMeta(filter: { ids: $ids }) { count } }',
    { ids: Object.values(subjects) },
  );
  expect(_allEmployeesMeta.count).toBe(allEmployees.length);
  return new Set(allEmployees.map((e) => e.id));
}

async function canWrite(client: GraphQLClient, id: string): Promise<string> {
  const res = await client.request('mutation($id: ID!) { updateEmployee(id: $id, position: "Edited") { id } }', { id });
  return res.errors ? code(res)! : 'OK';
}

// Expected outcome per principal, isolation, placement: [visible, write result]
type Row = Record<'granted' | 'grantedChild' | 'other' | 'unorganized', [boolean, string]>;
const unrestricted: Row = { granted: [true, 'OK'], grantedChild: [true, 'OK'], other: [true, 'OK'], unorganized: [true, 'OK'] };
const isolated: Row = { granted: [true, 'OK'], grantedChild: [true, 'OK'], other: [false, 'NOT_FOUND'], unorganized: [true, 'FORBIDDEN'] };
const TABLE: Record<string, { on: Row; off: Row }> = {
  'tenant admin': { on: unrestricted, off: unrestricted },
  employee: { on: isolated, off: unrestricted },
  'API client': { on: isolated, off: unrestricted },
};

describe.each(['on', 'off'] as const)('isolation %s', (isolation) => {
  let clients: Awaited<ReturnType<typeof principals>>;
  beforeAll(async () => {
    await setIsolation(admin, isolation === 'on');
    clients = await principals();
  });

  it.each(Object.keys(TABLE))('%s reads and writes exactly what SPEC §1 says', async (who) => {
    const client = clients[who as keyof typeof clients];
    const expected = TABLE[who]![isolation];
    const visible = await visibleEmployees(client);
    for (const [placement, [canSee, write]] of Object.entries(expected)) {
      expect(visible.has(subjects[placement]!), `${who} sees ${placement}`).toBe(canSee);
      const single = await client.request('query($id: ID!) { Employee(id: $id) { id } }', { id: subjects[placement] });
      expect(single.errors ? code(single) : 'OK', `${who} reads ${placement}`).toBe(canSee ? 'OK' : 'NOT_FOUND');
      expect(await canWrite(client, subjects[placement]!), `${who} writes ${placement}`).toBe(write);
    }
  });

  it.each(Object.keys(TABLE))('%s creates top-level OUs only with write on Unorganized', async (who) => {
    const client = clients[who as keyof typeof clients];
    const res = await client.request('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: `Top-${who}-${isolation}` });
    const allowed = who === 'tenant admin' || isolation === 'off';
    expect(res.errors ? code(res) : 'OK').toBe(allowed ? 'OK' : 'FORBIDDEN');
    const child = await client.request('mutation($n: String!, $p: ID) { createOrgUnit(name: $n, parentId: $p) { id } }', {
      n: `Child-${who}-${isolation}`,
      p: grantedChild,
    });
    expect(child.errors).toBeUndefined();
  });

  it('moving a record needs write on both OUs', async () => {
    const employee = clients.employee;
    const res = await employee.request('mutation($id: ID!, $h: ID) { updateEmployee(id: $id, homeOuId: $h) { id } }', { id: subjects.granted, h: other });
    if (isolation === 'on')
      expect(code(res)).toBe('BAD_USER_INPUT'); // `other` is not even visible
    else expect(res.errors).toBeUndefined();
    const toUnorganized = await employee.request('mutation($id: ID!) { updateEmployee(id: $id, homeOuId: null) { id } }', { id: subjects.grantedChild });
    expect(toUnorganized.errors ? code(toUnorganized) : 'OK').toBe(isolation === 'on' ? 'FORBIDDEN' : 'OK');
    // put things back for the next rows
    await admin.ok('mutation($id: ID!, $h: ID) { updateEmployee(id: $id, homeOuId: $h) { id } }', { id: subjects.granted, h: granted });
    await admin.ok('mutation($id: ID!, $h: ID) { updateEmployee(id: $id, homeOuId: $h) { id } }', { id: subjects.grantedChild, h: grantedChild });
  });
});

describe('menu and operation permissions', () => {
  it.each([
    ['the menu without the operation', ['org-units'], 'FORBIDDEN'],
    ['the operation without the menu', ['org-units:view'], 'FORBIDDEN'],
    ['both', ['org-units', 'org-units:view'], 'OK'],
    ['neither', [], 'FORBIDDEN'],
  ])('%s: allOrgUnits is %s', async (_label, permissions, expected) => {
    const role = await createRole(admin, permissions);
    const e = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: granted, canRead: true, canWrite: false }] }, 'perm');
    const res = await e.client.request('{ allOrgUnits { id } }');
    expect(res.errors ? code(res) : 'OK').toBe(expected);
    const { me } = await e.client.ok<{ me: { permissions: string[] } }>('{ me { permissions } }');
    expect(me.permissions).toEqual(expected === 'OK' ? ['org-units', 'org-units:view'] : permissions.filter((p) => !p.includes(':')));
  });

  it('view without edit: the record is readable, the update FORBIDDEN, and access says so', async () => {
    const role = await createRole(admin, ['employees', 'employees:view']);
    const e = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: granted, canRead: true, canWrite: true }] }, 'viewer');
    const { Employee } = await e.client.ok<{ Employee: { access: { canEdit: boolean; canDelete: boolean } } }>(
      'query($id: ID!) { Employee(id: $id) { access { canEdit canDelete } } }',
      { id: subjects.granted },
    );
    expect(Employee.access).toEqual({ canEdit: false, canDelete: false });
    expect(await canWrite(e.client, subjects.granted!)).toBe('FORBIDDEN');
  });

  it('me reports the readable and writable OUs (subtrees included), and follows tree changes', async () => {
    await setIsolation(admin, true);
    const root = await createOu(admin, 'Scope-Root');
    const leaf = await createOu(admin, 'Scope-Leaf', root);
    const elsewhere = await createOu(admin, 'Scope-Elsewhere');
    const role = await createRole(admin, ['org-units', 'org-units:view']);
    const e = await createEmployee(
      t,
      admin,
      {
        roleIds: [role],
        grants: [
          { ouId: root, canRead: false, canWrite: true },
          { ouId: elsewhere, canRead: true, canWrite: false },
        ],
      },
      'scope',
    );
    const query = '{ me { readableOuIds writableOuIds canReadUnorganized canWriteUnorganized } }';
    type Me = { me: { readableOuIds: string[]; writableOuIds: string[]; canReadUnorganized: boolean; canWriteUnorganized: boolean } };
    const { me } = await e.client.ok<Me>(query);
    expect(me).toEqual({
      readableOuIds: [root, leaf, elsewhere].sort(),
      writableOuIds: [root, leaf].sort(),
      canReadUnorganized: true,
      canWriteUnorganized: false,
    });
    const added = await createOu(admin, 'Scope-New-Leaf', leaf);
    const { me: after } = await e.client.ok<Me>(query);
    expect(after.writableOuIds).toEqual([root, leaf, added].sort());
  });
});
