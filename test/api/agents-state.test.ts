import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole, uniqueAccount } from '../support/security';

/**
 * Issue 11, item 5: agent states reported by integrations — only for an agent with an employee
 * and skills, only to queues it has — and the skill queues' live numbers made of them.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
let serial = 0;
const next = () => ++serial;

async function queue(type = 'VOICE'): Promise<string> {
  const res = await admin.ok<{ createSkillQueue: { id: string } }>(`mutation($n: String) { createSkillQueue(name: $n, type: ${type}) { id } }`, {
    n: `Q${next()}`,
  });
  return res.createSkillQueue.id;
}
async function employee(homeOuId: string | null = null): Promise<string> {
  const a = uniqueAccount('state');
  const res = await admin.ok<{ createEmployee: { id: string } }>(
    'mutation($a: String!, $h: ID) { createEmployee(account: $a, name: $a, password: "Initial#Pass1", homeOuId: $h) { id } }',
    { a, h: homeOuId },
  );
  return res.createEmployee.id;
}
async function agent(vars: { employeeId?: string | null; skills?: { skillQueueId: string; isDefault: boolean }[]; skillQueueGroupId?: string }) {
  const n = next();
  const res = await admin.ok<{ createAgent: { id: string } }>(
    `mutation($e: ID, $s: [AgentSkillInput!], $g: ID, $n: Int, $p: String) {
       createAgent(agentId: $n, agentType: VERSATILE, softphoneNumber: $p, employeeId: $e, skills: $s, skillQueueGroupId: $g) { id } }`,
    { e: vars.employeeId ?? null, s: vars.skills ?? null, g: vars.skillQueueGroupId ?? null, n: 500 + n, p: `66${n}` },
  );
  return res.createAgent.id;
}
const report = (agentId: string, state: string, queues: string[] = [], client = admin) =>
  client.request<{ reportAgentState: { agentId: string; state: string; signedInQueueIds: string[] } }>(
    'mutation($a: ID!, $s: AgentStateValue!, $q: [ID!]) { reportAgentState(agentId: $a, state: $s, signedInQueueIds: $q) { agentId state signedInQueueIds } }',
    { a: agentId, s: state, q: queues },
  );
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;
const usage = async (queueId: string) =>
  (await admin.ok<{ SkillQueue: { deviceUsage: number } }>(`{ SkillQueue(id: "${queueId}") { deviceUsage } }`)).SkillQueue.deviceUsage;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'states');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  await admin.ok('mutation { updateMyTenant(quotaVersatileAgents: 100) { id } }');
});
afterAll(() => t?.close());

describe('reportAgentState', () => {
  it.each([
    ['no employee, IDLE', { employee: false, skills: true }, 'IDLE', ['state']],
    ['no skills, BUSY', { employee: true, skills: false }, 'BUSY', ['state']],
    ['no employee, SIGNED_OUT', { employee: false, skills: true }, 'SIGNED_OUT', []],
    ['employee and skills, IDLE', { employee: true, skills: true }, 'IDLE', []],
  ])('%s', async (_name, has, state, fields) => {
    const q = await queue();
    const id = await agent({ employeeId: has.employee ? await employee() : null, skills: has.skills ? [{ skillQueueId: q, isDefault: true }] : [] });
    const res = await report(id, state, state === 'SIGNED_OUT' || !has.skills ? [] : [q]);
    if (fields.length) {
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(Object.keys(fieldsOf(res)!)).toEqual(fields);
    } else expect(res.data!.reportAgentState).toMatchObject({ agentId: id, state });
  });

  it("signs in only to the agent's skill queues (its own, or its group's), and to none when signed out", async () => {
    const mine = await queue();
    const other = await queue();
    const id = await agent({ employeeId: await employee(), skills: [{ skillQueueId: mine, isDefault: true }] });
    expect(Object.keys(fieldsOf(await report(id, 'IDLE', [mine, other]))!)).toEqual(['signedInQueueIds']);
    expect(Object.keys(fieldsOf(await report(id, 'SIGNED_OUT', [mine]))!)).toEqual(['signedInQueueIds']);
    const inGroup = await queue();
    const g = await admin.ok<{ createSkillQueueGroup: { id: string } }>(
      `mutation { createSkillQueueGroup(name: "G${next()}", mediaClass: VOICE_VIDEO, skillQueueIds: ["${inGroup}"]) { id } }`,
    );
    const grouped = await agent({ employeeId: await employee(), skillQueueGroupId: g.createSkillQueueGroup.id });
    expect((await report(grouped, 'IDLE', [inGroup])).data!.reportAgentState.signedInQueueIds).toEqual([inGroup]);
    expect((await admin.ok<{ Agent: { state: string } }>(`{ Agent(id: "${grouped}") { state } }`)).Agent.state).toBe('IDLE');
  });

  it("feeds the queue's signed-in and busy counts: device usage follows the states", async () => {
    const q = await queue();
    const before = await usage(q);
    const a = await agent({ employeeId: await employee(), skills: [{ skillQueueId: q, isDefault: true }] });
    const b = await agent({ employeeId: await employee(), skills: [{ skillQueueId: q, isDefault: true }] });
    await report(a, 'IDLE', [q]);
    await report(b, 'BUSY', [q]);
    // Non-idle / signed-in × 70: no agents counted as 100%, one busy of two is 50%.
    expect(before - (await usage(q))).toBeCloseTo(35);
    await report(a, 'WRAP_UP', [q]);
    expect(await usage(q)).toBeCloseTo(before);
    await report(a, 'IDLE', [q]);
    await report(b, 'SIGNED_OUT');
    expect(before - (await usage(q))).toBeCloseTo(70);
  });

  it("needs the agent state page's edit operation and write in the agent's OU; each report is audited", async () => {
    const q = await queue();
    const inSouth = await agent({ employeeId: await employee(south), skills: [{ skillQueueId: q, isDefault: true }] });
    const inNorth = await agent({ employeeId: await employee(north), skills: [{ skillQueueId: q, isDefault: true }] });
    const viewer = (await createEmployee(t, admin, { roleIds: [await createRole(admin, ['agent-state', 'agent-state:view'])] })).client;
    expect(code(await report(inNorth, 'IDLE', [q], viewer))).toBe('FORBIDDEN');
    const role = await createRole(admin, ['agent-state', 'agent-state:edit']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    expect(fieldsOf(await report(inSouth, 'IDLE', [q], editor))).toEqual({ agentId: 'Agent not found' });
    expect((await report(inNorth, 'IDLE', [q], editor)).errors).toBeUndefined();
    expect((await report(inNorth, 'BUSY', [q], editor)).errors).toBeUndefined();
    const entries = await t
      .db()
      .find(AuditEntry, { tenant: tenant.tenantId, recordType: 'AgentState', operation: 'reportAgentState' }, { orderBy: { at: 'ASC' } });
    const mine = entries.filter((e) => e.ouId === north);
    expect(mine.map((e) => e.action)).toEqual(['created', 'updated']);
    expect(mine[1]!.changes).toEqual({ state: { before: 'IDLE', after: 'BUSY' } });
  });

  it('the agent gives the queues it is signed in to (those the caller may locate) and when its reported state last changed', async () => {
    const inOu = async (ouId: string) =>
      (
        await admin.ok<{ createSkillQueue: { id: string } }>('mutation($n: String, $o: ID) { createSkillQueue(name: $n, type: VOICE, ouId: $o) { id } }', {
          n: `Q${next()}`,
          o: ouId,
        })
      ).createSkillQueue.id;
    const [mine, theirs] = [await inOu(north), await inOu(south)];
    const id = await agent({
      employeeId: await employee(north),
      skills: [
        { skillQueueId: mine, isDefault: true },
        { skillQueueId: theirs, isDefault: false },
      ],
    });
    const live = (client: GraphQLClient) =>
      client.ok<{ Agent: { signedInQueueIds: string[]; stateChangedAt: string | null } }>(`{ Agent(id: "${id}") { signedInQueueIds stateChangedAt } }`);
    expect((await live(admin)).Agent).toEqual({ signedInQueueIds: [], stateChangedAt: null });
    const before = Date.now();
    await report(id, 'IDLE', [mine, theirs]);
    const seen = (await live(admin)).Agent;
    expect(new Set(seen.signedInQueueIds)).toEqual(new Set([mine, theirs]));
    expect(Date.parse(seen.stateChangedAt!)).toBeGreaterThanOrEqual(before - 1000);
    const reader = (
      await createEmployee(t, admin, {
        roleIds: [await createRole(admin, ['agents', 'agents:view', 'skill-queues', 'skill-queues:view'])],
        grants: [{ ouId: north, canRead: true, canWrite: false }],
      })
    ).client;
    expect((await live(reader)).Agent.signedInQueueIds).toEqual([mine]);
  });
});

describe('reportPhoneRegistration', () => {
  const REGISTER = `mutation($a: ID!, $p: String!, $s: PhoneRegistrationState!) {
    reportPhoneRegistration(agentId: $a, phoneNumber: $p, state: $s) { agentId state phoneRegistrations { phoneNumber state } } }`;
  type Registered = { agentId: string; state: string; phoneRegistrations: { phoneNumber: string; state: string }[] };
  const register = (a: string, p: string, s: string, client = admin) => client.request<{ reportPhoneRegistration: Registered }>(REGISTER, { a, p, s });
  const softphoneOf = async (id: string) =>
    (await admin.ok<{ Agent: { softphoneNumber: string } }>(`{ Agent(id: "${id}") { softphoneNumber } }`)).Agent.softphoneNumber;
  const counts = async (q: string) =>
    (
      await admin.ok<{ SkillQueue: { signedInAgents: number; idleAgents: number; busyAgents: number } }>(
        `{ SkillQueue(id: "${q}") { signedInAgents idleAgents busyAgents } }`,
      )
    ).SkillQueue;
  const stored = async (id: string) =>
    (await t.db().getConnection().execute('select phone_states from agent_state where agent_id = ?', [id]))[0]?.phone_states ?? null;

  it('accepts the agent’s softphone number or bound phone (trimmed), refuses any other on phoneNumber or an unknown agent on agentId, writing nothing', async () => {
    const other = await agent({ employeeId: await employee() });
    const id = await agent({ employeeId: await employee() });
    await admin.ok(`mutation { updateAgent(id: "${id}", phone: "+4420794600") { id } }`);
    const softphone = await softphoneOf(id);
    const refused: [string, string, string][] = [
      [id, '', 'phoneNumber'],
      [id, '12345', 'phoneNumber'],
      [id, await softphoneOf(other), 'phoneNumber'],
      ['00000000-0000-4000-8000-000000000000', softphone, 'agentId'],
      ['not-an-id', softphone, 'agentId'],
    ];
    for (const [a, p, field] of refused) {
      const res = await register(a, p, 'REGISTERED');
      expect([code(res), Object.keys(fieldsOf(res) ?? {})], `${a} ${p}`).toEqual(['BAD_USER_INPUT', [field]]);
    }
    expect(code(await register(id, softphone, 'ONLINE'))).toBe('BAD_USER_INPUT');
    expect(await stored(id)).toBeNull();
    // Never reported: an agent that never reported anything is SIGNED_OUT with no registrations.
    const first = await register(id, ` ${softphone} `, 'REGISTERED');
    expect(first.data!.reportPhoneRegistration).toEqual({
      agentId: id,
      state: 'SIGNED_OUT',
      phoneRegistrations: [{ phoneNumber: softphone, state: 'REGISTERED' }],
    });
    const both = await register(id, '+4420794600', 'UNREGISTERED');
    expect(both.data!.reportPhoneRegistration.phoneRegistrations).toEqual(
      [
        { phoneNumber: '+4420794600', state: 'UNREGISTERED' },
        { phoneNumber: softphone, state: 'REGISTERED' },
      ].sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber)),
    );
  });

  it('keeps only the current phones: a replaced bound phone leaves the agent’s registrations, and the next report drops it', async () => {
    const id = await agent({ employeeId: await employee() });
    await admin.ok(`mutation { updateAgent(id: "${id}", phone: "5550001") { id } }`);
    const softphone = await softphoneOf(id);
    await register(id, '5550001', 'REGISTERED');
    await admin.ok(`mutation { updateAgent(id: "${id}", phone: "5550002") { id } }`);
    const read = await admin.ok<{ Agent: { phoneRegistrations: unknown[] } }>(`{ Agent(id: "${id}") { phoneRegistrations { phoneNumber state } } }`);
    expect(read.Agent.phoneRegistrations).toEqual([]);
    expect(code(await register(id, '5550001', 'REGISTERED'))).toBe('BAD_USER_INPUT');
    await register(id, softphone, 'UNREGISTERED');
    expect(await stored(id)).toEqual({ [softphone]: 'UNREGISTERED' });
  });

  it("an unregistered answering phone makes a signed-in agent not idle: the queue's counts, device usage and simulateCall follow", async () => {
    const q = await queue();
    const soft = await agent({ employeeId: await employee(), skills: [{ skillQueueId: q, isDefault: true }] });
    const bound = await agent({ employeeId: await employee(), skills: [{ skillQueueId: q, isDefault: true }] });
    await admin.ok(`mutation { updateAgent(id: "${bound}", phone: "5550100") { id } }`);
    await report(soft, 'IDLE', [q]);
    await report(bound, 'IDLE', [q]);
    expect(await counts(q)).toEqual({ signedInAgents: 2, idleAgents: 2, busyAgents: 0 });
    const free = await usage(q);

    // The softphone agent's softphone goes down: not idle.
    await register(soft, await softphoneOf(soft), 'UNREGISTERED');
    expect(await counts(q)).toEqual({ signedInAgents: 2, idleAgents: 1, busyAgents: 1 });
    expect((await usage(q)) - free).toBeCloseTo(35);
    // The bound-phone agent answers on its bound phone: its softphone does not matter, the bound phone does.
    await register(bound, await softphoneOf(bound), 'UNREGISTERED');
    expect(await counts(q)).toEqual({ signedInAgents: 2, idleAgents: 1, busyAgents: 1 });
    await register(bound, '5550100', 'UNREGISTERED');
    expect(await counts(q)).toEqual({ signedInAgents: 2, idleAgents: 0, busyAgents: 2 });

    // simulateCall reads the same live numbers.
    const digits = `4${String(next()).padStart(6, '0')}`;
    const code_ = (await admin.ok<{ createAccessCode: { id: string } }>(`mutation { createAccessCode(code: "${digits}", mediaType: VOICE) { id } }`))
      .createAccessCode.id;
    await admin.ok(`mutation { createCalledRoute(accessCodeId: "${code_}", deviceType: SKILL_QUEUE, skillQueueId: "${q}") { id } }`);
    const simulate = async () => {
      const res = await admin.ok<{ simulateCall: { steps: { kind: string; numbers: { name: string; value: number }[] }[] } }>(
        `query($n: String!) { simulateCall(dialledNumber: $n) { steps { kind numbers { name value } } } }`,
        { n: digits },
      );
      const queueStep = res.simulateCall.steps.find((s) => s.kind === 'QUEUE')!;
      return Object.fromEntries(queueStep.numbers.filter((n) => ['signedIn', 'busy'].includes(n.name)).map((n) => [n.name, n.value]));
    };
    expect(await simulate()).toEqual({ signedIn: 2, busy: 2 });
    await register(soft, await softphoneOf(soft), 'REGISTERED');
    expect(await simulate()).toEqual({ signedIn: 2, busy: 1 });
    expect(await counts(q)).toEqual({ signedInAgents: 2, idleAgents: 1, busyAgents: 1 });
    // A signed-out agent counts nowhere, whatever its phone.
    await report(bound, 'SIGNED_OUT');
    expect(await counts(q)).toEqual({ signedInAgents: 1, idleAgents: 1, busyAgents: 0 });
  });

  it("needs the agent state page's edit operation and write in the agent's OU; each report is audited", async () => {
    const inSouth = await agent({ employeeId: await employee(south) });
    const inNorth = await agent({ employeeId: await employee(north) });
    const viewer = (await createEmployee(t, admin, { roleIds: [await createRole(admin, ['agent-state', 'agent-state:view'])] })).client;
    const northPhone = await softphoneOf(inNorth);
    expect(code(await register(inNorth, northPhone, 'REGISTERED', viewer))).toBe('FORBIDDEN');
    const role = await createRole(admin, ['agent-state', 'agent-state:edit']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    expect(fieldsOf(await register(inSouth, await softphoneOf(inSouth), 'REGISTERED', editor))).toEqual({ agentId: 'Agent not found' });
    expect(await stored(inSouth)).toBeNull();
    expect((await register(inNorth, northPhone, 'REGISTERED', editor)).errors).toBeUndefined();
    expect((await register(inNorth, northPhone, 'UNREGISTERED', editor)).errors).toBeUndefined();
    const entries = await t
      .db()
      .find(AuditEntry, { tenant: tenant.tenantId, recordType: 'AgentState', operation: 'reportPhoneRegistration' }, { orderBy: { at: 'ASC' } });
    const mine = entries.filter((e) => e.ouId === north);
    expect(mine.map((e) => e.action)).toEqual(['created', 'updated']);
    expect(mine[1]!.changes).toEqual({
      phoneRegistrations: { before: [{ phoneNumber: northPhone, state: 'REGISTERED' }], after: [{ phoneNumber: northPhone, state: 'UNREGISTERED' }] },
    });
  });
});
