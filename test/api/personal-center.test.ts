import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { Agent } from '../../api/src/modules/agents/agent.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu } from '../support/security';
import { countStatements } from '../support/statements';

/**
 * Issue 11, item 3: the personal center. `myAgent` shows the signed-in employee's own agent
 * (whatever its OU scope: these employees have no grants at all), `updateMySettings` checks
 * every rule of the personalized settings (inside, on the edge, outside), and the effective
 * concurrent sessions follow agent → nearest OU → tenant, first non-zero.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let top: string;
let middle: string;
let leaf: string;
let me: Awaited<ReturnType<typeof createEmployee>>;
let myAgentId: string;
let serial = 0;

const MY_AGENT = `{ myAgent {
  employee { account name phone email position managerName }
  agent { agentId agentType platformRole softphoneNumber skillQueues { name isDefault } skillQueueGroupName }
  settings { avatar nickname maxConcurrentSessions greetings { start end text } }
  effectiveMaxConcurrentSessions { value source }
} }`;
const UPDATE = `mutation($a: Int, $n: String, $m: Int, $g: [GreetingInput!]) {
  updateMySettings(avatar: $a, nickname: $n, maxConcurrentSessions: $m, greetings: $g) {
    settings { avatar nickname maxConcurrentSessions greetings { start end text } } effectiveMaxConcurrentSessions { value source } } }`;
type Vars = { a?: unknown; n?: unknown; m?: unknown; g?: unknown };

async function agentFor(employeeId: string, skillQueueIds: string[] = []): Promise<string> {
  const n = ++serial;
  const res = await admin.ok<{ createAgent: { id: string } }>(
    'mutation($e: ID, $i: Int, $s: String, $k: [AgentSkillInput!]) { createAgent(agentId: $i, agentType: VERSATILE, softphoneNumber: $s, employeeId: $e, skills: $k) { id } }',
    { e: employeeId, i: 7000 + n, s: `77${n}`, k: skillQueueIds.map((q, i) => ({ skillQueueId: q, isDefault: i === 0 })) },
  );
  return res.createAgent.id;
}
const setOu = (id: string, value: number) =>
  admin.ok('mutation($id: ID!, $v: Int) { updateOrgUnit(id: $id, maxConcurrentSessions: $v) { id } }', { id, v: value });
const setTenant = (value: number) => admin.ok('mutation($v: Int) { updateMyTenant(maxConcurrentSessions: $v) { id } }', { v: value });
const stored = async () => {
  const a = await t.db().findOneOrFail(Agent, myAgentId);
  return { avatar: a.avatar, nickname: a.nickname, maxConcurrentSessions: a.maxConcurrentSessions, greetings: a.greetings, version: a.version };
};
const audits = () => t.db().find(AuditEntry, { tenant: tenant.tenantId, operation: 'updateMySettings' }, { orderBy: { at: 'ASC', id: 'ASC' } });
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  Object.keys((res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined) ?? {}).sort();

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'pc');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await admin.ok('mutation { updateMyTenant(quotaVersatileAgents: 100) { id } }');
  top = await createOu(admin, 'Top');
  middle = await createOu(admin, 'Middle', top);
  leaf = await createOu(admin, 'Leaf', middle);
  // The manager and the queue lie in OUs the agent cannot read: the personal center still names them.
  const manager = await createEmployee(t, admin, { homeOuId: top }, 'boss');
  me = await createEmployee(t, admin, { homeOuId: leaf }, 'me');
  await admin.ok('mutation($id: ID!, $m: ID) { updateEmployee(id: $id, managerId: $m, phone: "+44 20 7946 0000", position: "Agent") { id } }', {
    id: me.id,
    m: manager.id,
  });
  const q = await admin.ok<{ createSkillQueue: { id: string } }>('mutation($o: ID) { createSkillQueue(name: "Hidden queue", type: VOICE, ouId: $o) { id } }', {
    o: top,
  });
  myAgentId = await agentFor(me.id, [q.createSkillQueue.id]);
});
afterAll(() => t?.close());

describe('myAgent', () => {
  it("shows the employee's and the agent's information, the default settings and where the sessions come from", async () => {
    const { myAgent } = await me.client.ok<{ myAgent: Record<string, unknown> }>(MY_AGENT);
    expect(myAgent).toEqual({
      employee: {
        account: me.account,
        name: me.account,
        phone: '+44 20 7946 0000',
        email: '',
        position: 'Agent',
        managerName: expect.stringMatching(/^boss\./),
      },
      agent: {
        agentId: expect.any(Number),
        agentType: 'VERSATILE',
        platformRole: 'COMMON_AGENT',
        softphoneNumber: expect.stringMatching(/^77/),
        skillQueues: [{ name: 'Hidden queue', isDefault: true }],
        skillQueueGroupName: null,
      },
      settings: { avatar: 1, nickname: '', maxConcurrentSessions: 0, greetings: [] },
      effectiveMaxConcurrentSessions: { value: 0, source: 'TENANT' },
    });
  });

  it('reads in a bounded number of statements', async () => {
    // The event relay's polls run beside any request: they are not the resolver's reads.
    const reads = (statements: string[]) => statements.filter((st) => /^\s*(select|with)\b/i.test(st) && !/event_outbox|event_sequence/.test(st)).length;
    // What every request of this principal reads first (its sign-in check), so only the resolver's own reads are counted.
    const baseline = reads((await countStatements(t, () => me.client.ok('{ me { id } }'))).statements);
    const { statements } = await countStatements(t, () => me.client.ok(MY_AGENT));
    // One joined read of the agent, its employee, manager and skills; one SQL statement for the OU chain and the tenant's value.
    expect(reads(statements) - baseline).toBe(2);
  });

  it('is null for an employee without an agent, whose settings cannot change', async () => {
    const other = await createEmployee(t, admin, { homeOuId: leaf }, 'noagent');
    expect((await other.client.ok<{ myAgent: unknown }>(MY_AGENT)).myAgent).toBeNull();
    const res = await other.client.request(UPDATE, { a: 2 });
    expect(code(res)).toBe('NOT_FOUND');
  });

  it('refuses an API client clearly', async () => {
    const { createApiClient } = await admin.ok<{ createApiClient: { clientId: string; clientSecret: string } }>(
      'mutation { createApiClient(name: "PC CRM") { clientId clientSecret } }',
    );
    const { clientLogin } = await t.client.ok<{ clientLogin: { token: string } }>(
      'mutation($i: String!, $s: String!) { clientLogin(clientId: $i, clientSecret: $s) { token } }',
      { i: createApiClient.clientId, s: createApiClient.clientSecret },
    );
    const crm = t.client.withToken(clientLogin.token);
    for (const res of [await crm.request(MY_AGENT), await crm.request(UPDATE, { a: 2 })]) {
      expect(code(res)).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message).toMatch(/API clients have no agent/);
    }
  });
});

const g = (start: string, end: string, text = 'Hello') => ({ start, end, text });

describe('updateMySettings: each rule inside, on the edge and outside', () => {
  const accepted: [string, Vars][] = [
    ['avatar 1 (lowest)', { a: 1 }],
    ['avatar 8 (highest)', { a: 8 }],
    ['an empty nickname', { n: '' }],
    ['a 20-character nickname', { n: 'N'.repeat(20) }],
    ['a nickname with characters the seed allows (`^| and -_)', { n: 'Ann_B-c `^|' }],
    ['0 sessions (inherit)', { m: 0 }],
    ['60 sessions', { m: 60 }],
    ['no greetings', { g: [] }],
    ['four greetings touching each other', { g: [g('00:00', '06:00'), g('06:00', '12:00'), g('12:00', '18:00'), g('18:00', '00:00')] }],
    ['a greeting until midnight', { g: [g('23:00', '00:00')] }],
    ['a greeting of the whole day', { g: [g('00:00', '00:00')] }],
    ['a 20-character greeting', { g: [g('09:00', '10:00', 'G'.repeat(20))] }],
  ];
  it.each(accepted)('accepts %s', async (_label, vars) => {
    const res = await me.client.request(UPDATE, vars);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  });

  const refused: [string, Vars, string[]][] = [
    ['avatar 0', { a: 0 }, ['avatar']],
    ['avatar 9', { a: 9 }, ['avatar']],
    ['a null avatar', { a: null }, ['avatar']],
    ['a 21-character nickname', { n: 'N'.repeat(21) }, ['nickname']],
    ...[...`+~!@#$%&*()/={};:'",<.>?`].map((c): [string, Vars, string[]] => [`a nickname with ${c}`, { n: `Ann${c}` }, ['nickname']]),
    ['-1 sessions', { m: -1 }, ['maxConcurrentSessions']],
    ['61 sessions', { m: 61 }, ['maxConcurrentSessions']],
    ['five greetings', { g: [0, 2, 4, 6, 8].map((h) => g(`${String(h).padStart(2, '0')}:00`, `${String(h + 1).padStart(2, '0')}:00`)) }, ['greetings']],
    ['a start off the hour', { g: [g('09:30', '10:00')] }, ['greetings.0.start']],
    ['a start of 24:00', { g: [g('24:00', '00:00')] }, ['greetings.0.start']],
    ['an end off the hour', { g: [g('09:00', '10:15')] }, ['greetings.0.end']],
    ['an end of 24:00 (midnight is 00:00)', { g: [g('09:00', '24:00')] }, ['greetings.0.end']],
    ['an end before the start', { g: [g('10:00', '09:00')] }, ['greetings.0.end']],
    ['an end equal to the start', { g: [g('10:00', '10:00')] }, ['greetings.0.end']],
    ['an empty greeting', { g: [g('09:00', '10:00', '')] }, ['greetings.0.text']],
    ['a 21-character greeting', { g: [g('09:00', '10:00', 'G'.repeat(21))] }, ['greetings.0.text']],
    ...[...`<>'"/\\`].map((c): [string, Vars, string[]] => [`a greeting with ${c}`, { g: [g('09:00', '10:00', `Hi${c}`)] }, ['greetings.0.text']]),
    ['overlapping greetings (the later one named)', { g: [g('08:00', '09:00'), g('09:00', '12:00'), g('11:00', '13:00')] }, ['greetings.2.start']],
    ['a greeting inside another', { g: [g('08:00', '00:00'), g('10:00', '11:00')] }, ['greetings.1.start']],
    [
      'every field at once',
      { a: 0, n: 'a@b', m: 61, g: [g('09:30', '10:00', '<')] },
      ['avatar', 'greetings.0.start', 'greetings.0.text', 'maxConcurrentSessions', 'nickname'],
    ],
  ];
  it.each(refused)('refuses %s, naming the field, writing nothing', async (_label, vars, fields) => {
    const [before, entries] = [await stored(), (await audits()).length];
    const res = await me.client.request(UPDATE, vars);
    expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(res)).toEqual([...fields].sort());
    expect(await stored()).toEqual(before);
    expect((await audits()).length).toBe(entries);
  });

  it('names the greeting an overlap runs into, midnight spelled 00:00', async () => {
    const res = await me.client.request(UPDATE, { g: [g('22:00', '00:00'), g('23:00', '00:00')] });
    expect(res.errors?.[0]?.extensions?.fields).toEqual({ 'greetings.1.start': 'Overlaps the greeting 22:00–00:00' });
  });
});

describe('updateMySettings: what it writes', () => {
  it('keeps what is omitted, sorts greetings by start, audits the change on the agent without bumping its version', async () => {
    await me.client.ok(UPDATE, { a: 3, n: 'Ann', m: 5, g: [g('13:00', '18:00', 'Afternoon')] });
    const before = await stored();
    const entries = (await audits()).length;
    const { updateMySettings } = await me.client.ok<{ updateMySettings: Record<string, unknown> }>(UPDATE, {
      n: 'Annie',
      g: [g('13:00', '18:00', 'Afternoon'), g('08:00', '12:00', 'Morning')],
    });
    expect(updateMySettings).toEqual({
      settings: { avatar: 3, nickname: 'Annie', maxConcurrentSessions: 5, greetings: [g('08:00', '12:00', 'Morning'), g('13:00', '18:00', 'Afternoon')] },
      effectiveMaxConcurrentSessions: { value: 5, source: 'AGENT' },
    });
    expect((await stored()).version).toBe(before.version);
    const added = (await audits()).slice(entries);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ recordType: 'Agent', recordId: myAgentId, action: 'updated', ouId: leaf, principalId: me.id });
    expect(added[0]!.changes).toEqual({
      nickname: { before: 'Ann', after: 'Annie' },
      greetings: { before: [g('13:00', '18:00', 'Afternoon')], after: [g('08:00', '12:00', 'Morning'), g('13:00', '18:00', 'Afternoon')] },
    });
    // The same settings again change nothing: no entry.
    await me.client.ok(UPDATE, { n: 'Annie' });
    expect((await audits()).length).toBe(entries + 1);
  });
});

describe('effectiveMaxConcurrentSessions: agent → nearest OU → tenant, first non-zero', () => {
  const table: [string, { agent: number; leaf: number; middle: number; top: number; tenant: number }, { value: number; source: string }][] = [
    ['the agent wins', { agent: 7, leaf: 5, middle: 4, top: 3, tenant: 2 }, { value: 7, source: 'AGENT' }],
    ['the home OU, the agent at 0', { agent: 0, leaf: 5, middle: 4, top: 3, tenant: 2 }, { value: 5, source: 'OU' }],
    ['the parent OU, the home OU at 0', { agent: 0, leaf: 0, middle: 4, top: 3, tenant: 2 }, { value: 4, source: 'OU' }],
    ['the top OU, two levels at 0', { agent: 0, leaf: 0, middle: 0, top: 3, tenant: 2 }, { value: 3, source: 'OU' }],
    ['the tenant, every OU at 0', { agent: 0, leaf: 0, middle: 0, top: 0, tenant: 2 }, { value: 2, source: 'TENANT' }],
    ['the tenant at 0 (unlimited), nothing set', { agent: 0, leaf: 0, middle: 0, top: 0, tenant: 0 }, { value: 0, source: 'TENANT' }],
    ['the agent over a zero tenant', { agent: 60, leaf: 0, middle: 0, top: 0, tenant: 0 }, { value: 60, source: 'AGENT' }],
  ];
  it.each(table)('%s', async (_label, levels, expected) => {
    await me.client.ok(UPDATE, { m: levels.agent });
    await setOu(leaf, levels.leaf);
    await setOu(middle, levels.middle);
    await setOu(top, levels.top);
    await setTenant(levels.tenant);
    const { myAgent } = await me.client.ok<{ myAgent: { effectiveMaxConcurrentSessions: unknown } }>(MY_AGENT);
    expect(myAgent.effectiveMaxConcurrentSessions).toEqual(expected);
  });

  it("an OU's setting is 0 to 60, audited, and readable on the OU", async () => {
    for (const v of [-1, 61]) {
      const res = await admin.request('mutation($id: ID!, $v: Int) { updateOrgUnit(id: $id, maxConcurrentSessions: $v) { id } }', { id: middle, v });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['maxConcurrentSessions']);
    }
    await setOu(middle, 60);
    const { createOrgUnit } = await admin.ok<{ createOrgUnit: { maxConcurrentSessions: number } }>(
      'mutation($p: ID) { createOrgUnit(name: "Sessions", parentId: $p, maxConcurrentSessions: 12) { maxConcurrentSessions } }',
      { p: top },
    );
    expect(createOrgUnit.maxConcurrentSessions).toBe(12);
    const [entry] = await t
      .db()
      .find(AuditEntry, { tenant: tenant.tenantId, operation: 'updateOrgUnit', recordId: middle }, { orderBy: { at: 'DESC' }, limit: 1 });
    expect(entry!.changes).toMatchObject({ maxConcurrentSessions: { after: 60 } });
  });
});
