import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee } from '../support/security';

/**
 * Issue 7 item 7: a token dies with the credential it was issued for. Before the fix every token
 * lived until its expiry (8 h), whatever happened to the password, the secret or the account.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'revoke');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

const ME = '{ me { id } }';
const alive = async (client: GraphQLClient) => code(await client.request(ME)) === undefined;

async function newClient() {
  const { createApiClient } = await admin.ok<{ createApiClient: { id: string; clientId: string; clientSecret: string } }>(
    'mutation { createApiClient(name: "Revocable CRM") { id clientId clientSecret } }',
  );
  return createApiClient;
}

async function clientLogin(clientId: string, secret: string): Promise<GraphQLClient> {
  const { clientLogin } = await t.client.ok<{ clientLogin: { token: string } }>(
    'mutation($i: String!, $s: String!) { clientLogin(clientId: $i, clientSecret: $s) { token } }',
    { i: clientId, s: secret },
  );
  return t.client.withToken(clientLogin.token);
}

describe('tokens are revoked with the credential they were issued for', () => {
  it('changePassword revokes every earlier session of the employee, and only those', async () => {
    const e = await createEmployee(t, admin, {}, 'self');
    const other = await t.loginAs(e.account, e.password);
    await e.client.ok('mutation($o: String!) { changePassword(oldPassword: $o, newPassword: "Newer#Pass123") }', { o: e.password });
    expect(await alive(e.client)).toBe(false);
    expect(await alive(other)).toBe(false);
    expect(await alive(await t.loginAs(e.account, 'Newer#Pass123'))).toBe(true);
    expect(await alive(admin)).toBe(true);
  });

  it("an admin's password reset revokes the employee's tokens", async () => {
    const e = await createEmployee(t, admin, {}, 'reset');
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, password: "Reset#Pass123") { id } }', { id: e.id });
    expect(code(await e.client.request(ME))).toBe('UNAUTHENTICATED');
  });

  it('a disabled employee re-enabled does not bring its old tokens back', async () => {
    const e = await createEmployee(t, admin, {}, 'reenable');
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }', { id: e.id });
    expect(await alive(e.client)).toBe(false);
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, enabled: true) { id } }', { id: e.id });
    expect(await alive(e.client)).toBe(false);
    expect(await alive(await t.loginAs(e.account, e.password))).toBe(true);
  });

  it('editing other fields keeps the sessions', async () => {
    const e = await createEmployee(t, admin, {}, 'keep');
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, position: "Team lead") { id } }', { id: e.id });
    expect(await alive(e.client)).toBe(true);
  });

  it("rotating an API client's secret revokes its tokens; the new secret's token works", async () => {
    const c = await newClient();
    const session = await clientLogin(c.clientId, c.clientSecret);
    expect(await alive(session)).toBe(true);
    const { rotateApiClientSecret } = await admin.ok<{ rotateApiClientSecret: { clientSecret: string } }>(
      'mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }',
      { id: c.id },
    );
    expect(code(await session.request(ME))).toBe('UNAUTHENTICATED');
    expect(await alive(await clientLogin(c.clientId, rotateApiClientSecret.clientSecret))).toBe(true);
  });

  it('revoking an API client, or disabling and re-enabling it, kills the tokens issued before', async () => {
    const c = await newClient();
    const first = await clientLogin(c.clientId, c.clientSecret);
    await admin.ok('mutation($id: ID!) { updateApiClient(id: $id, enabled: false) { id } }', { id: c.id });
    await admin.ok('mutation($id: ID!) { updateApiClient(id: $id, enabled: true) { id } }', { id: c.id });
    expect(await alive(first)).toBe(false);
    const second = await clientLogin(c.clientId, c.clientSecret);
    await admin.ok('mutation($id: ID!) { revokeApiClient(id: $id) { id } }', { id: c.id });
    expect(await alive(second)).toBe(false);
  });
});
