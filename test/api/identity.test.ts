import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee } from '../../api/src/modules/identity/employee.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole, uniqueAccount } from '../support/security';

let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  // The throttling tests play clients behind a proxy on this machine: X-Forwarded-For is believed from loopback.
  t = await startTestApp({ trustedProxies: ['loopback'] });
  tenant = await createTestTenant(t.orm, 'ident');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

const CREATE = `mutation($a: String!, $n: String!, $p: String!, $phone: String, $email: String, $position: String) {
  createEmployee(account: $a, name: $n, password: $p, phone: $phone, email: $email, position: $position) { id account mustChangePassword }
}`;
const employeeCount = () => t.db().count(Employee, { tenant: tenant.tenantId });

async function rejected(vars: Record<string, unknown>, field: string) {
  const before = await employeeCount();
  const res = await admin.request(CREATE, { a: uniqueAccount('x'), n: 'Name', p: 'Valid#Pass1', ...vars });
  expect(code(res)).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0]?.extensions?.fields).toHaveProperty(field);
  expect(await employeeCount()).toBe(before);
  return res.errors![0]!.extensions!.fields![field];
}

describe('password rules (each rule a case)', () => {
  it.each([
    ['shorter than 8', 'Sh#rt1a', /at least 8/],
    ['no upper-case letter', 'lower#case1', /upper-case/],
    ['no lower-case letter', 'UPPER#CASE1', /lower-case/],
    ['no digit', 'No#Digits!', /digit/],
    ['no special character', 'NoSpecial12', /special/],
  ])('refuses a password with %s', async (_rule, password, message) => {
    expect(await rejected({ p: password }, 'password')).toMatch(message);
  });

  it('refuses the account name and the account name reversed, ignoring case', async () => {
    const account = `Zq.${Date.now().toString(36)}9`;
    const swapped = [...account].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    expect(await rejected({ a: account, p: swapped }, 'password')).toMatch(/account name/);
    expect(await rejected({ a: account, p: [...swapped].reverse().join('') }, 'password')).toMatch(/account name/);
  });

  it('accepts a password that keeps every rule', async () => {
    const res = await admin.ok<{ createEmployee: { mustChangePassword: boolean } }>(CREATE, { a: uniqueAccount('ok'), n: 'Ok', p: 'Valid#Pass1' });
    expect(res.createEmployee.mustChangePassword).toBe(true);
  });
});

describe('employee fields', () => {
  it.each([
    ['account', { a: 'has space' }],
    ['account', { a: 'x'.repeat(65) }],
    ['account', { a: '' }],
    ['name', { n: '' }],
    ['name', { n: 'n'.repeat(81) }],
    ['phone', { phone: '1'.repeat(21) }],
    ['email', { email: 'not-an-email' }],
    ['email', { email: `${'e'.repeat(120)}@example.com` }],
    ['position', { position: 'p'.repeat(81) }],
  ])('refuses a bad %s', async (field, vars) => {
    await rejected(vars, field);
  });

  it('keeps accounts unique across tenants, ignoring case', async () => {
    expect(await rejected({ a: tenant.adminAccount.toUpperCase() }, 'account')).toMatch(/already exists/);
    const other = await createTestTenant(t.orm, 'ident2');
    expect(await rejected({ a: other.adminAccount }, 'account')).toMatch(/already exists/);
  });

  it('refuses manager cycles and self-management', async () => {
    const a = await createEmployee(t, admin, {}, 'mgr-a');
    const b = await createEmployee(t, admin, {}, 'mgr-b');
    const c = await createEmployee(t, admin, {}, 'mgr-c');
    const setManager = (id: string, managerId: string) =>
      admin.request('mutation($id: ID!, $m: ID) { updateEmployee(id: $id, managerId: $m) { id managerId } }', { id, m: managerId });
    expect((await setManager(b.id, a.id)).errors).toBeUndefined();
    expect((await setManager(c.id, b.id)).errors).toBeUndefined();
    for (const res of [await setManager(a.id, c.id), await setManager(a.id, a.id)]) {
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.fields).toHaveProperty('managerId');
    }
    const { Employee } = await admin.ok<{ Employee: { manager: { account: string } } }>('query($id: ID!) { Employee(id: $id) { manager { account } } }', {
      id: c.id,
    });
    expect(Employee.manager.account).toBe(b.account);
  });

  it('a disabled employee cannot sign in, and its token stops working at once', async () => {
    const e = await createEmployee(t, admin, {}, 'dis');
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }', { id: e.id });
    expect(code(await e.client.request('{ me { account } }'))).toBe('UNAUTHENTICATED');
    await expect(t.loginAs(e.account, e.password)).rejects.toThrow(/Invalid account or password/);
  });

  it('only tenant admins grant admin rights or change an admin; nobody deletes or disables themselves', async () => {
    const role = await createRole(admin, ['employees', 'employees:view', 'employees:edit', 'employees:delete']);
    const everywhere = [{ ouId: tenant.defaultOuId, canRead: true, canWrite: true }];
    const manager = await createEmployee(t, admin, { roleIds: [role], grants: everywhere }, 'hr');
    const target = await createEmployee(t, admin, { homeOuId: tenant.defaultOuId }, 'target');
    const escalate = await manager.client.request('mutation($id: ID!) { updateEmployee(id: $id, isTenantAdmin: true) { id } }', { id: target.id });
    expect(code(escalate)).toBe('FORBIDDEN');
    const adminId = (await admin.ok<{ me: { id: string } }>('{ me { id } }')).me.id;
    const reset = await manager.client.request('mutation($id: ID!) { updateEmployee(id: $id, password: "Hijack#Pass1") { id } }', { id: adminId });
    expect(code(reset)).toBe('FORBIDDEN');
    expect(code(await admin.request('mutation($id: ID!) { deleteEmployee(id: $id) { id } }', { id: adminId }))).toBe('BAD_USER_INPUT');
    expect(code(await admin.request('mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }', { id: adminId }))).toBe('BAD_USER_INPUT');
  });

  it('a non-admin cannot hand out permissions it does not hold', async () => {
    const small = await createRole(admin, [
      'employees',
      'employees:view',
      'employees:create',
      'employees:edit',
      'roles',
      'roles:view',
      'roles:create',
      'roles:edit',
    ]);
    const big = await createRole(admin, ['audit', 'audit:view']);
    const hr = await createEmployee(t, admin, { roleIds: [small], grants: [{ ouId: tenant.defaultOuId, canRead: true, canWrite: true }] }, 'hr2');
    const target = await createEmployee(t, admin, { homeOuId: tenant.defaultOuId }, 'target2');
    const assign = await hr.client.request('mutation($id: ID!, $r: [ID!]) { updateEmployee(id: $id, roleIds: $r) { id } }', { id: target.id, r: [big] });
    expect(assign.errors?.[0]?.extensions?.fields?.roleIds).toMatch(/audit/);
    const widen = await hr.client.request('mutation($id: ID!) { updateRole(id: $id, permissions: ["employees", "audit", "audit:view"]) { id } }', {
      id: small,
    });
    expect(code(widen)).toBe('BAD_USER_INPUT');
    const create = await hr.client.request('mutation { createRole(name: "Sneaky", permissions: ["audit", "audit:view"]) { id } }');
    expect(code(create)).toBe('BAD_USER_INPUT');
  });
});

describe('first login', () => {
  it('allows only me and changePassword until the initial password is changed', async () => {
    const account = uniqueAccount('first');
    await admin.ok(CREATE, { a: account, n: 'First', p: 'Initial#Pass1' });
    const login = await t.client.ok<{ login: { token: string; mustChangePassword: boolean } }>(
      'mutation($a: String!) { login(account: $a, password: "Initial#Pass1") { token mustChangePassword } }',
      { a: account },
    );
    expect(login.login.mustChangePassword).toBe(true);
    const client = t.client.withToken(login.login.token);
    expect((await client.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }')).me.mustChangePassword).toBe(true);
    const blocked = await client.request('{ permissionCatalogue { code } }');
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
    const wrongOld = await client.request('mutation { changePassword(oldPassword: "Wrong#Pass1", newPassword: "Next#Pass12") }');
    expect(wrongOld.errors?.[0]?.extensions?.fields).toHaveProperty('oldPassword');
    const weak = await client.request('mutation { changePassword(oldPassword: "Initial#Pass1", newPassword: "weak") }');
    expect(weak.errors?.[0]?.extensions?.fields).toHaveProperty('newPassword');
    const same = await client.request('mutation { changePassword(oldPassword: "Initial#Pass1", newPassword: "Initial#Pass1") }');
    expect(same.errors?.[0]?.extensions?.fields).toHaveProperty('newPassword');
    expect(await client.ok('mutation { changePassword(oldPassword: "Initial#Pass1", newPassword: "Next#Pass12") }')).toEqual({ changePassword: true });
    // The change revokes the tokens issued before it; a new sign-in is no longer held at the change page.
    expect((await client.request('{ me { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await expect(t.loginAs(account, 'Initial#Pass1')).rejects.toThrow();
    const fresh = await t.loginAs(account, 'Next#Pass12');
    expect((await fresh.request('{ permissionCatalogue { code } }')).errors).toBeUndefined();
  });

  it('an admin reset sends the employee through the change again', async () => {
    const e = await createEmployee(t, admin, {}, 'reset');
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, password: "Reset#Pass12") { id } }', { id: e.id });
    // The reset revokes the employee's tokens; signing in with the reset password leads to the change page.
    expect((await e.client.request('{ me { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const again = await t.loginAs(e.account, 'Reset#Pass12');
    const res = await again.request('{ permissionCatalogue { code } }');
    expect(res.errors?.[0]?.extensions?.reason).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('login throttling', () => {
  const LOGIN = (alias: string, password: string) => `${alias}: login(account: $a, password: "${password}") { token }`;

  it('locks an account and client address after 10 consecutive failures, counting aliased attempts', async () => {
    const e = await createEmployee(t, admin, {}, 'throttle');
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    // Ten failures in one request: each aliased attempt counts.
    const batch = Array.from({ length: 10 }, (_, i) => LOGIN(`f${i}`, 'Wrong#Pass1')).join(' ');
    const { reply: first } = await t.client.send({ query: `mutation($a: String!) { ${batch} }`, variables: { a: e.account } }, headers);
    expect(first.errors).toHaveLength(10);
    expect(first.errors!.every((x) => x.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    const { reply: locked } = await t.client.send({ query: `mutation($a: String!) { ${LOGIN('ok', e.password)} }`, variables: { a: e.account } }, headers);
    expect(locked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(800);
    // Another client address is not locked out by someone else's failures.
    const { reply: elsewhere } = await t.client.send<{ ok: { token: string } }>(
      { query: `mutation($a: String!) { ${LOGIN('ok', e.password)} }`, variables: { a: e.account } },
      { 'x-forwarded-for': '198.51.100.9' },
    );
    expect(elsewhere.data?.ok.token).toBeTruthy();
  });

  it('a success resets the count', async () => {
    const e = await createEmployee(t, admin, {}, 'reset-count');
    const headers = { 'x-forwarded-for': '203.0.113.8' };
    const attempt = async (password: string) =>
      (await t.client.send({ query: `mutation($a: String!) { ${LOGIN('x', password)} }`, variables: { a: e.account } }, headers)).reply;
    for (let i = 0; i < 9; i++) expect((await attempt('Wrong#Pass1')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await attempt(e.password)).errors).toBeUndefined();
    for (let i = 0; i < 9; i++) expect((await attempt('Wrong#Pass1')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await attempt(e.password)).errors).toBeUndefined();
  });
});

describe('API clients', () => {
  const CLIENT_LOGIN = 'mutation($i: String!, $s: String!) { clientLogin(clientId: $i, clientSecret: $s) { token } }';

  it('shows the secret once, stores it hashed, rotates and revokes', async () => {
    const ou = await createOu(admin, 'CRM-Scope');
    const role = await createRole(admin, ['org-units', 'org-units:view']);
    const { createApiClient: created } = await admin.ok<{ createApiClient: { id: string; clientId: string; clientSecret: string; version: number } }>(
      'mutation($r: [ID!], $g: [OuGrantInput!]) { createApiClient(name: "Acme CRM", roleIds: $r, grants: $g) { id clientId clientSecret version } }',
      { r: [role], g: [{ ouId: ou, canRead: true, canWrite: false }] },
    );
    expect(created.clientSecret).toMatch(/^sbs_/);
    const again = await admin.ok<{ ApiClient: { clientSecret: string | null; roleIds: string[]; grants: { ouId: string }[] } }>(
      'query($id: ID!) { ApiClient(id: $id) { clientSecret roleIds grants { ouId } } }',
      { id: created.id },
    );
    expect(again.ApiClient).toEqual({ clientSecret: null, roleIds: [role], grants: [{ ouId: ou }] });
    const stored = await t.orm.em.getConnection().execute<{ secret_hash: string }[]>('select secret_hash from api_client where id = ?', [created.id]);
    expect(stored[0]!.secret_hash).toMatch(/^\$argon2id\$/);
    expect(stored[0]!.secret_hash).not.toContain(created.clientSecret);

    const token = (await t.client.ok<{ clientLogin: { token: string } }>(CLIENT_LOGIN, { i: created.clientId, s: created.clientSecret })).clientLogin.token;
    const crm = t.client.withToken(token);
    const { allOrgUnits } = await crm.ok<{ allOrgUnits: { id: string }[] }>('{ allOrgUnits { id } }');
    expect(allOrgUnits.map((o) => o.id)).toEqual([ou]);
    expect(code(await t.client.request(CLIENT_LOGIN, { i: created.clientId, s: 'sbs_wrong' }))).toBe('UNAUTHENTICATED');

    const { rotateApiClientSecret } = await admin.ok<{ rotateApiClientSecret: { clientSecret: string } }>(
      'mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }',
      { id: created.id },
    );
    expect(rotateApiClientSecret.clientSecret).not.toBe(created.clientSecret);
    expect(code(await t.client.request(CLIENT_LOGIN, { i: created.clientId, s: created.clientSecret }))).toBe('UNAUTHENTICATED');
    const fresh = (await t.client.ok<{ clientLogin: { token: string } }>(CLIENT_LOGIN, { i: created.clientId, s: rotateApiClientSecret.clientSecret }))
      .clientLogin.token;

    await admin.ok('mutation($id: ID!) { revokeApiClient(id: $id) { revokedAt } }', { id: created.id });
    expect(code(await t.client.withToken(fresh).request('{ allOrgUnits { id } }'))).toBe('UNAUTHENTICATED');
    expect(code(await t.client.request(CLIENT_LOGIN, { i: created.clientId, s: rotateApiClientSecret.clientSecret }))).toBe('UNAUTHENTICATED');
    const reenable = await admin.request('mutation($id: ID!) { updateApiClient(id: $id, enabled: true) { id } }', { id: created.id });
    expect(reenable.errors?.[0]?.extensions?.fields).toHaveProperty('enabled');
  });

  it('a client cannot change a password: it has a secret', async () => {
    const { createApiClient } = await admin.ok<{ createApiClient: { clientId: string; clientSecret: string } }>(
      'mutation { createApiClient(name: "Pw") { clientId clientSecret } }',
    );
    const token = (await t.client.ok<{ clientLogin: { token: string } }>(CLIENT_LOGIN, { i: createApiClient.clientId, s: createApiClient.clientSecret }))
      .clientLogin.token;
    const res = await t.client.withToken(token).request('mutation { changePassword(oldPassword: "a", newPassword: "b") }');
    expect(code(res)).toBe('FORBIDDEN');
  });
});

describe('roles', () => {
  it('validates permission codes and names, and refuses to delete an assigned role', async () => {
    const bad = await admin.request('mutation { createRole(name: "Bad", permissions: ["no-such:thing"]) { id } }');
    expect(bad.errors?.[0]?.extensions?.fields).toHaveProperty('permissions');
    const role = await createRole(admin, ['audit'], 'Auditors');
    const dup = await admin.request('mutation { createRole(name: "AUDITORS", permissions: []) { id } }');
    expect(dup.errors?.[0]?.extensions?.fields).toHaveProperty('name');
    await createEmployee(t, admin, { roleIds: [role] }, 'holder');
    const del = await admin.request('mutation($id: ID!) { deleteRole(id: $id) { id } }', { id: role });
    expect(del.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
    const catalogue = await admin.ok<{ permissionCatalogue: { code: string; operations: { code: string; label: string }[] }[] }>(
      '{ permissionCatalogue { code label operations { code label } } }',
    );
    const center = catalogue.permissionCatalogue.find((m) => m.code === 'customer-center')!;
    expect(center.operations).toContainEqual({ code: 'customer-center:edit-contacts', label: 'Edit Contacts' });
  });
});
