import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { DEFAULT_LOGIN_POLICY } from '../../api/src/modules/identity/throttle';
import { Agent } from '../../api/src/modules/agents/agent.entity';
import { verifyPassword } from '../../api/src/modules/identity/password';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { code, createEmployee } from '../support/security';

/**
 * Issue 11, item 1 (softphone password): the agent sets or resets its own softphone password in
 * the personal center after re-entering its sign-in password (a wrong one is BAD_USER_INPUT on
 * signInPassword with reason WRONG_PASSWORD, and counts like a failed sign-in); the rules are the
 * admin's (updateAgent); the password is never returned, stored as an argon2id hash, audited
 * masked, and the agent's version is left alone.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let serial = 0;

const CHANGE = 'mutation($p: String!, $n: String!) { changeMySoftphonePassword(signInPassword: $p, newPassword: $n) { agent { id hasSoftphonePassword } } }';
type Reply = GraphQLResponse<{ changeMySoftphonePassword: { agent: { id: string; hasSoftphonePassword: boolean } } }>;
const change = (client: GraphQLClient, p: string, n: string): Promise<Reply> => client.request(CHANGE, { p, n });
const fieldsOf = (res: GraphQLResponse<unknown>) => Object.keys((res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined) ?? {}).sort();

/** An employee (no role, no grant) with an agent whose softphone number is 88<n>. */
async function agentEmployee() {
  const n = ++serial;
  const e = await createEmployee(t, admin, {}, 'sp');
  const res = await admin.ok<{ createAgent: { id: string } }>(
    'mutation($e: ID, $i: Int, $s: String) { createAgent(agentId: $i, agentType: VERSATILE, softphoneNumber: $s, employeeId: $e) { id } }',
    { e: e.id, i: 8800 + n, s: `88${n}` },
  );
  return { ...e, agentId: res.createAgent.id, softphone: `88${n}` };
}
const stored = async (id: string) => {
  const a = await t.db().findOneOrFail(Agent, id);
  return { hash: a.softphonePasswordHash ?? null, version: a.version };
};

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'softphone');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await admin.ok('mutation { updateMyTenant(quotaVersatileAgents: 100) { id } }');
});
afterAll(() => t?.close());

describe('changeMySoftphonePassword', () => {
  it('sets the password after the sign-in password, stores a slow hash, never returns it, audits it masked, keeps the version', async () => {
    const me = await agentEmployee();
    const before = await stored(me.agentId);
    const res = await change(me.client, me.password, 'Soft#Phone12');
    expect(res.errors).toBeUndefined();
    expect(res.data!.changeMySoftphonePassword.agent).toEqual({ id: me.agentId, hasSoftphonePassword: true });
    const after = await stored(me.agentId);
    expect(after.hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(after.hash!, 'Soft#Phone12')).toBe(true);
    expect(after.version).toBe(before.version);
    expect(JSON.stringify(res)).not.toContain('Soft#Phone12');
    // A reset replaces it; the admin sees only that one is set.
    expect((await change(me.client, me.password, 'Next#Phone34')).errors).toBeUndefined();
    expect(await verifyPassword((await stored(me.agentId)).hash!, 'Next#Phone34')).toBe(true);
    const read = await admin.ok<{ Agent: { hasSoftphonePassword: boolean } }>(`{ Agent(id: "${me.agentId}") { hasSoftphonePassword } }`);
    expect(read.Agent.hasSoftphonePassword).toBe(true);
    const entries = await t
      .db()
      .find(AuditEntry, { tenant: tenant.tenantId, operation: 'changeMySoftphonePassword', recordId: me.agentId }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.recordType, e.changes])).toEqual([
      ['Agent', { softphonePasswordHash: { before: null, after: '***' } }],
      ['Agent', { softphonePasswordHash: { before: '***', after: '***' } }],
    ]);
    // The agent's sign-in password is unchanged.
    expect(await t.loginAs(me.account, me.password)).toBeTruthy();
  });

  // [new password, why it is refused] — the admin's rules (test/api/agents.test.ts), the softphone number in the account's place.
  const REFUSED: [string, (softphone: string) => string][] = [
    ['too short', () => 'Sh#rt1a'],
    ['too long', () => `Aa#1${'x'.repeat(125)}`],
    ['no upper case or digit', () => 'alllowercase#'],
  ];
  it.each(REFUSED)('refuses a new password that is %s on newPassword, writing nothing', async (_why, password) => {
    const me = await agentEmployee();
    const before = await stored(me.agentId);
    const res = await change(me.client, 'wrong password', password(me.softphone));
    expect([code(res), fieldsOf(res)]).toEqual(['BAD_USER_INPUT', ['newPassword']]);
    expect(await stored(me.agentId)).toEqual(before);
  });

  it('accepts the edges: 8 and 128 characters', async () => {
    const me = await agentEmployee();
    expect((await change(me.client, me.password, 'Edge#Pw1')).errors).toBeUndefined();
    expect((await change(me.client, me.password, `Aa#1${'x'.repeat(124)}`)).errors).toBeUndefined();
  });

  it('a wrong sign-in password: BAD_USER_INPUT on signInPassword, reason WRONG_PASSWORD, nothing written; throttled like a sign-in', async () => {
    const me = await agentEmployee();
    const before = await stored(me.agentId);
    // A refused new password costs no guess: the limit below is reached only by wrong sign-in passwords.
    for (let i = 0; i < DEFAULT_LOGIN_POLICY.maxFailures; i++)
      expect(fieldsOf(await change(me.client, 'Not#MyPassword0', 'alllowercase#'))).toEqual(['newPassword']);
    const wrong = await change(me.client, 'Not#MyPassword1', 'Soft#Phone12');
    expect([code(wrong), fieldsOf(wrong), wrong.errors?.[0]?.extensions?.reason]).toEqual(['BAD_USER_INPUT', ['signInPassword'], 'WRONG_PASSWORD']);
    expect(await stored(me.agentId)).toEqual(before);
    for (let i = 1; i < DEFAULT_LOGIN_POLICY.maxFailures; i++)
      expect(code(await change(me.client, `Not#MyPassword${i}`, 'Soft#Phone12'))).toBe('BAD_USER_INPUT');
    // The pair is locked: the right password is refused too, and so is a sign-in.
    expect(code(await change(me.client, me.password, 'Soft#Phone12'))).toBe('RATE_LIMITED');
    expect(await stored(me.agentId)).toEqual(before);
    const login = await t.client.request('mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token } }', {
      a: me.account,
      p: me.password,
    });
    expect(code(login)).toBe('RATE_LIMITED');
  });

  it('an employee without an agent is told so (NOT_FOUND); an API client is FORBIDDEN', async () => {
    const lone = await createEmployee(t, admin, {}, 'lone');
    const res = await change(lone.client, lone.password, 'Soft#Phone12');
    expect([code(res), res.errors?.[0]?.message]).toEqual(['NOT_FOUND', 'You have no agent: an admin binds one to your account first']);
    const { createApiClient } = await admin.ok<{ createApiClient: { clientId: string; clientSecret: string } }>(
      'mutation { createApiClient(name: "Softphone CRM") { clientId clientSecret } }',
    );
    const { clientLogin } = await t.client.ok<{ clientLogin: { token: string } }>(
      'mutation($i: String!, $s: String!) { clientLogin(clientId: $i, clientSecret: $s) { token } }',
      { i: createApiClient.clientId, s: createApiClient.clientSecret },
    );
    const crm = await change(t.client.withToken(clientLogin.token), createApiClient.clientSecret, 'Soft#Phone12');
    expect([code(crm), crm.errors?.[0]?.message]).toEqual(['FORBIDDEN', 'API clients have no agent: the personal center is for signed-in employees']);
  });
});
