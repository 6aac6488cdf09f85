import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { countStatements } from '../support/statements';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'auth');
});
afterAll(() => t?.close());

const LOGIN = 'mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token expiresAt mustChangePassword } }';

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('login', () => {
  it('returns a signed token that expires, carrying the tenant', async () => {
    const res = await t.client.request<{ login: { token: string; expiresAt: string; mustChangePassword: boolean } }>(LOGIN, {
      a: tenant.adminAccount,
      p: tenant.password,
    });
    const login = res.data!.login;
    expect(login.mustChangePassword).toBe(false);
    const expires = new Date(login.expiresAt).getTime();
    expect(expires).toBeGreaterThan(Date.now() + 3500_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
    const payload = JSON.parse(Buffer.from(login.token.split('.')[1]!, 'base64url').toString());
    expect(payload.tid).toBe(tenant.tenantId);
  });

  it('matches the account case-insensitively', async () => {
    const res = await t.client.request(LOGIN, { a: tenant.adminAccount.toUpperCase(), p: tenant.password });
    expect(res.errors).toBeUndefined();
  });

  it.each([
    ['a wrong password', () => ({ a: tenant.adminAccount, p: 'Wrong#Pass1' })],
    ['an unknown account', () => ({ a: 'nobody.here', p: tenant.password })],
    ['an over-long account', () => ({ a: 'x'.repeat(300), p: tenant.password })],
  ])('refuses %s with one message that reveals nothing', async (_name, vars) => {
    const res = await t.client.request(LOGIN, vars());
    expect(res.data).toEqual({ login: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toBe('Invalid account or password');
  });

  it('returns me with the tenant and permissions', async () => {
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const { me } = await admin.ok<{ me: { account: string; isTenantAdmin: boolean; tenant: { code: string }; permissions: string[] } }>(
      '{ me { account isTenantAdmin tenant { code name } permissions } }',
    );
    expect(me.account).toBe(tenant.adminAccount);
    expect(me.isTenantAdmin).toBe(true);
    expect(me.tenant.code).toBe(tenant.code);
    expect(me.permissions).toContain('org-units:create');
    expect(me.permissions).toContain('customer-center:edit-contacts');
  });
});

describe('unauthenticated calls', () => {
  it.each([
    ['me', '{ me { account } }'],
    ['allOrgUnits', '{ allOrgUnits { id } }'],
    ['_allOrgUnitsMeta', '{ _allOrgUnitsMeta { count } }'],
    ['myTenant', '{ myTenant { code } }'],
    ['createOrgUnit', 'mutation { createOrgUnit(name: "X") { id } }'],
    ['updateMyTenant', 'mutation { updateMyTenant(name: "X") { id } }'],
  ])('%s answers UNAUTHENTICATED', async (_name, query) => {
    const res = await t.client.request(query);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a tampered, a foreign-key and an expired token alike', async () => {
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const [h, p, s] = admin.token!.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, tid: '00000000-0000-0000-0000-000000000000' })).toString('base64url'), s].join('.');
    const foreign = await new SignJWT({ tid: tenant.tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('switchboard')
      .setAudience('switchboard-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const expired = { ...claims, exp: Math.floor(Date.now() / 1000) - 10 };
    const expiredToken = [h, Buffer.from(JSON.stringify(expired)).toString('base64url'), s].join('.');
    for (const token of [tampered, foreign, expiredToken, 'not-a-jwt']) {
      const res = await t.client.withToken(token).request('{ me { account } }');
      expect(res.errors?.[0]?.extensions?.code, token).toBe('UNAUTHENTICATED');
    }
  });
});

describe('me', () => {
  it('answers from the principal alone, reading the name and the tenant only when asked for (issue 15, M3)', async () => {
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const bare = await countStatements(t, () => admin.ok<{ me: { id: string; account: string } }>('{ me { id account permissions readableOuIds } }'));
    expect(bare.result.me.account).toBe(tenant.adminAccount);
    // The per-request principal check only.
    expect(bare.statements).toHaveLength(1);
    const full = await countStatements(t, () => admin.ok<{ me: { name: string; tenant: { id: string } } }>('{ me { name tenant { id } } }'));
    expect(full.result.me.tenant.id).toBe(tenant.tenantId);
    expect(full.result.me.name).toEqual(expect.any(String));
    expect(full.statements).toHaveLength(3);
  });
});
