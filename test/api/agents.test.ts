import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { Agent } from '../../api/src/modules/agents/agent.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole, uniqueAccount } from '../support/security';

/**
 * Issue 11, item 1: agents in the CRUD grammar — every field of SPEC §5, its rules and their
 * boundaries (skills, media classes, WebRTC, smart form filling, the write-only softphone
 * password), the tenant quotas under concurrent creates, and the OU scope through the employee's
 * home OU — over the real HTTP pipeline.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
const Q: Record<string, string> = {};

let serial = 0;
const next = () => ++serial;

type Vars = Record<string, unknown>;
type AgentRow = Record<string, unknown> & { id: string; version: number; skills: { skillQueueId: string; isDefault: boolean }[] };
const ARGS: Record<string, string> = {
  id: 'ID!',
  version: 'Int',
  agentId: 'Int',
  platformRole: 'AgentPlatformRole',
  agentType: 'AgentType',
  phone: 'String',
  employeeId: 'ID',
  softphoneNumber: 'String',
  intelligentRecognition: 'Boolean',
  smartFormFilling: 'Boolean',
  phoneOnly: 'Boolean',
  anonymizationFlag: 'Boolean',
  webrtcEnabled: 'Boolean',
  skills: '[AgentSkillInput!]',
  skillQueueGroupId: 'ID',
  softphonePassword: 'String',
};
const SELECTION = `id version agentId platformRole agentType phone employeeId softphoneNumber intelligentRecognition smartFormFilling
  intelligentFormFillingActive phoneOnly anonymizationFlag webrtcEnabled skillQueueGroupId hasSoftphonePassword canSignIn skills { skillQueueId isDefault }`;

function mutate(op: 'create' | 'update', vars: Vars, client = admin) {
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${ARGS[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, AgentRow>>(`mutation${head} { ${op}Agent${args} { ${SELECTION} } }`, vars);
}
/** A fresh agent id and softphone number, unique in the run. */
const valid = (): Vars => {
  const n = next();
  return { agentId: 1000 + n, agentType: 'VERSATILE', softphoneNumber: `55${String(n).padStart(4, '0')}` };
};
async function created(vars: Vars, client = admin): Promise<AgentRow> {
  const res = await mutate('create', { ...valid(), ...vars }, client);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createAgent!;
}
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;
const count = () => t.db().count(Agent, { tenant: tenant.tenantId });

/** Refused as BAD_USER_INPUT naming exactly `fields`, with nothing written. */
async function expectRefused(vars: Vars, fields: string[], op: 'create' | 'update' = 'create') {
  const before = await count();
  const version = op === 'update' ? (await t.db().findOneOrFail(Agent, vars.id as string)).version : null;
  const res = await mutate(op, op === 'create' ? { ...valid(), ...vars } : vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {}).sort()).toEqual([...fields].sort());
  expect(await count()).toBe(before);
  if (version != null) expect((await t.db().findOneOrFail(Agent, vars.id as string)).version).toBe(version);
  return fieldsOf(res)!;
}

async function queue(type: string, ouId: string | null = null): Promise<string> {
  const res = await admin.ok<{ createSkillQueue: { id: string } }>(
    `mutation($n: String, $o: ID) { createSkillQueue(name: $n, type: ${type}, ouId: $o) { id } }`,
    {
      n: `Q${next()}`,
      o: ouId,
    },
  );
  return res.createSkillQueue.id;
}
async function group(mediaClass: string, skillQueueIds: string[]): Promise<string> {
  const res = await admin.ok<{ createSkillQueueGroup: { id: string } }>(
    'mutation($n: String, $c: QueueMediaClass, $q: [ID!]) { createSkillQueueGroup(name: $n, mediaClass: $c, skillQueueIds: $q) { id } }',
    { n: `G${next()}`, c: mediaClass, q: skillQueueIds },
  );
  return res.createSkillQueueGroup.id;
}
/** An employee created by the admin (it never signs in here). */
async function employee(homeOuId: string | null = null): Promise<string> {
  const a = uniqueAccount('agent');
  const res = await admin.ok<{ createEmployee: { id: string } }>(
    'mutation($a: String!, $h: ID) { createEmployee(account: $a, name: $a, password: "Initial#Pass1", homeOuId: $h) { id } }',
    { a, h: homeOuId },
  );
  return res.createEmployee.id;
}
const skill = (skillQueueId: string, isDefault = false) => ({ skillQueueId, isDefault });
const setTenant = (vars: Vars) =>
  admin.request(
    `mutation(${Object.keys(vars)
      .map((k) => `$${k}: ${k === 'intelligentFormFilling' ? 'Boolean' : 'Int'}`)
      .join(', ')}) { updateMyTenant(${Object.keys(vars)
      .map((k) => `${k}: $${k}`)
      .join(', ')}) { id } }`,
    vars,
  );

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'agents');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  // Room for every agent this file creates outside the quota tests (which have a tenant of their own).
  await setTenant({ quotaAudioAgents: 1000, quotaVideoAgents: 1000, quotaMultimediaAgents: 1000, quotaVersatileAgents: 1000, quotaIntelligentAgents: 1000 });
  for (const type of ['VOICE', 'VIDEO', 'MULTIMEDIA', 'VOICE_CLICK_TO_DIAL', 'VIDEO_CLICK_TO_DIAL']) Q[type] = await queue(type);
});
afterAll(() => t?.close());

describe('an agent', () => {
  it('has SPEC §5 defaults and cannot sign in without an employee and skills', async () => {
    const a = await created({});
    expect(a).toMatchObject({
      platformRole: 'COMMON_AGENT',
      phone: '',
      employeeId: null,
      intelligentRecognition: false,
      smartFormFilling: false,
      intelligentFormFillingActive: false,
      phoneOnly: false,
      anonymizationFlag: false,
      webrtcEnabled: false,
      skillQueueGroupId: null,
      skills: [],
      hasSoftphonePassword: false,
      canSignIn: false,
    });
    const withAll = await created({ employeeId: await employee(), skills: [skill(Q.VOICE!, true)] });
    expect(withAll.canSignIn).toBe(true);
  });

  it('needs an agent id, a type and a softphone number, naming each; nothing is written', async () => {
    const before = await count();
    const res = await mutate('create', {});
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(Object.keys(fieldsOf(res)!).sort()).toEqual(['agentId', 'agentType', 'softphoneNumber']);
    expect(await count()).toBe(before);
    const a = await created({});
    await expectRefused({ id: a.id, softphoneNumber: null }, ['softphoneNumber'], 'update');
  });

  it.each([
    ['agentId 0', { agentId: 0 }, ['agentId']],
    ['agentId 1', { agentId: 1 }, []],
    ['agentId 99999999', { agentId: 99_999_999 }, []],
    ['agentId 100000000', { agentId: 100_000_000 }, ['agentId']],
    ['softphone of 24 digits', { softphoneNumber: '7'.repeat(24) }, []],
    ['softphone of 25 digits', { softphoneNumber: '8'.repeat(25) }, ['softphoneNumber']],
    ['softphone with letters', { softphoneNumber: '12a4' }, ['softphoneNumber']],
    ['blank softphone', { softphoneNumber: '' }, ['softphoneNumber']],
    ['phone of 20', { phone: '1'.repeat(20) }, []],
    ['phone of 21', { phone: '1'.repeat(21) }, ['phone']],
  ])('field rule: %s', async (_name, vars, fields) => {
    if (fields.length) await expectRefused(vars, fields);
    else await created(vars);
  });

  it('keeps agent ids, softphone numbers and employees unique in the tenant', async () => {
    const emp = await employee();
    const a = await created({ employeeId: emp });
    const taken = await expectRefused({ agentId: a.agentId, softphoneNumber: a.softphoneNumber, employeeId: emp }, [
      'agentId',
      'softphoneNumber',
      'employeeId',
    ]);
    expect(taken.employeeId).toContain(String(a.agentId));
    const other = await created({});
    await expectRefused({ id: other.id, agentId: a.agentId }, ['agentId'], 'update');
    // Its own values are not a clash with itself.
    expect((await mutate('update', { id: a.id, agentId: a.agentId, employeeId: emp })).errors).toBeUndefined();
  });
});

describe('skills', () => {
  const cases: [string, string, () => Vars, string[]][] = [
    ['one queue, the default', 'AUDIO', () => ({ skills: [skill(Q.VOICE!, true)] }), []],
    ['voice and video, one default', 'AUDIO', () => ({ skills: [skill(Q.VOICE!, true), skill(Q.VIDEO!)] }), []],
    ['no default', 'AUDIO', () => ({ skills: [skill(Q.VOICE!), skill(Q.VIDEO!)] }), ['skills']],
    ['two defaults', 'AUDIO', () => ({ skills: [skill(Q.VOICE!, true), skill(Q.VIDEO!, true)] }), ['skills']],
    ['voice beside multimedia', 'AUDIO', () => ({ skills: [skill(Q.VOICE!, true), skill(Q.MULTIMEDIA!)] }), ['skills']],
    ['voice beside multimedia, VERSATILE', 'VERSATILE', () => ({ skills: [skill(Q.VOICE!, true), skill(Q.MULTIMEDIA!)] }), []],
    [
      'multimedia with click-to-dial',
      'MULTIMEDIA',
      () => ({ skills: [skill(Q.MULTIMEDIA!, true), skill(Q.VOICE_CLICK_TO_DIAL!), skill(Q.VIDEO_CLICK_TO_DIAL!)] }),
      [],
    ],
    ['click-to-dial alone', 'MULTIMEDIA', () => ({ skills: [skill(Q.VOICE_CLICK_TO_DIAL!, true)] }), ['skills']],
    ['click-to-dial alone, VERSATILE', 'VERSATILE', () => ({ skills: [skill(Q.VOICE_CLICK_TO_DIAL!, true), skill(Q.VOICE!)] }), ['skills']],
    ['voice beside click-to-dial', 'AUDIO', () => ({ skills: [skill(Q.VOICE!, true), skill(Q.VOICE_CLICK_TO_DIAL!)] }), ['skills']],
    ['a queue twice', 'AUDIO', () => ({ skills: [skill(Q.VOICE!, true), skill(Q.VOICE!)] }), ['skills.1.skillQueueId']],
    ['an unknown queue', 'AUDIO', () => ({ skills: [skill('00000000-0000-4000-8000-000000000000', true)] }), ['skills.0.skillQueueId']],
  ];
  it.each(cases)('%s (%s)', async (_name, agentType, vars, fields) => {
    if (fields.length) await expectRefused({ agentType, ...vars() }, fields);
    else expect((await created({ agentType, ...vars() })).skills.filter((s) => s.isDefault)).toHaveLength(1);
  });

  it('take one skill queue group instead, whose queues follow the same rules', async () => {
    const voiceVideo = await group('VOICE_VIDEO', [Q.VOICE!, Q.VIDEO!]);
    const a = await created({ agentType: 'VIDEO', skillQueueGroupId: voiceVideo });
    expect(a).toMatchObject({ skillQueueGroupId: voiceVideo, skills: [] });
    const onlyClickToDial = await group('MULTIMEDIA', [Q.VOICE_CLICK_TO_DIAL!]);
    await expectRefused({ agentType: 'MULTIMEDIA', skillQueueGroupId: onlyClickToDial }, ['skillQueueGroupId']);
    await expectRefused({ skillQueueGroupId: voiceVideo, skills: [skill(Q.VOICE!, true)] }, ['skillQueueGroupId']);
    await expectRefused({ skillQueueGroupId: '00000000-0000-4000-8000-000000000000' }, ['skillQueueGroupId']);
  });

  it('a given list replaces the skills; a queue agents have cannot be deleted', async () => {
    const mine = await queue('VOICE');
    const a = await created({ agentType: 'AUDIO', skills: [skill(mine, true), skill(Q.VIDEO!)] });
    const res = await mutate('update', { id: a.id, version: a.version, skills: [skill(Q.VIDEO!, true)] });
    expect(res.data!.updateAgent!.skills).toEqual([skill(Q.VIDEO!, true)]);
    expect(res.data!.updateAgent!.version).toBe(a.version + 1);
    expect(code(await mutate('update', { id: a.id, version: a.version, phone: '1' }))).toBe('CONFLICT');
    await mutate('update', { id: a.id, skills: [skill(mine, true)] });
    const del = await admin.request(`mutation { deleteSkillQueue(id: "${mine}") { id } }`);
    expect(del.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
    expect(JSON.stringify(del.errors)).toContain('agents');
  });
});

describe('WebRTC', () => {
  it.each([
    ['no phone, a VOICE queue', () => ({ skills: [skill(Q.VOICE!, true)] }), []],
    ['no phone, a video click-to-dial queue beside multimedia', () => ({ skills: [skill(Q.MULTIMEDIA!, true), skill(Q.VIDEO_CLICK_TO_DIAL!)] }), []],
    ['a phone bound', () => ({ phone: '+4930123', skills: [skill(Q.VOICE!, true)] }), ['webrtcEnabled']],
    ['only multimedia', () => ({ skills: [skill(Q.MULTIMEDIA!, true)] }), ['webrtcEnabled']],
    ['no skills', () => ({}), ['webrtcEnabled']],
  ])('%s', async (_name, vars, fields) => {
    if (fields.length) await expectRefused({ webrtcEnabled: true, ...vars() }, fields);
    else expect((await created({ webrtcEnabled: true, ...vars() })).webrtcEnabled).toBe(true);
  });

  it('stays valid: a phone cannot be bound while WebRTC is on', async () => {
    const a = await created({ webrtcEnabled: true, skills: [skill(Q.VOICE!, true)] });
    await expectRefused({ id: a.id, phone: '+4930123' }, ['webrtcEnabled'], 'update');
  });
});

describe('smart form filling', () => {
  it("needs the tenant's feature and intelligent recognition; turning either off later keeps it stored, reported inactive", async () => {
    await setTenant({ intelligentFormFilling: false });
    await expectRefused({ intelligentRecognition: true, smartFormFilling: true }, ['smartFormFilling']);
    await setTenant({ intelligentFormFilling: true });
    await expectRefused({ intelligentRecognition: false, smartFormFilling: true }, ['smartFormFilling']);
    const a = await created({ intelligentRecognition: true, smartFormFilling: true });
    expect(a).toMatchObject({ smartFormFilling: true, intelligentFormFillingActive: true });

    await setTenant({ intelligentFormFilling: false });
    // An edit that resends the stored value (as a form does) is not turning it on.
    const edited = await mutate('update', { id: a.id, phone: '42', smartFormFilling: true });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateAgent).toMatchObject({ smartFormFilling: true, intelligentFormFillingActive: false });
    await setTenant({ intelligentFormFilling: true });
    const off = await mutate('update', { id: a.id, intelligentRecognition: false });
    expect(off.data!.updateAgent).toMatchObject({ smartFormFilling: true, intelligentRecognition: false, intelligentFormFillingActive: false });
    const turnedOff = await mutate('update', { id: a.id, smartFormFilling: false });
    expect(turnedOff.data!.updateAgent!.smartFormFilling).toBe(false);
    await expectRefused({ id: a.id, smartFormFilling: true }, ['smartFormFilling'], 'update');
  });
});

describe('the softphone password', () => {
  it('is write-only, hashed, checked against the password rules, and audited masked', async () => {
    await expectRefused({ softphonePassword: 'short' }, ['softphonePassword']);
    await expectRefused({ softphonePassword: 'alllowercase#1' }, ['softphonePassword']);
    const a = await created({ softphonePassword: 'Soft#Phone12' });
    expect(a.hasSoftphonePassword).toBe(true);
    expect(JSON.stringify(a)).not.toContain('Soft#Phone');
    expect(code(await admin.request(`{ Agent(id: "${a.id}") { softphonePasswordHash } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await t.db().findOneOrFail(Agent, a.id)).softphonePasswordHash).toMatch(/^\$argon2id\$/);
    await admin.ok(`mutation { updateAgent(id: "${a.id}", softphonePassword: "Other#Phone34") { id } }`);
    const cleared = await mutate('update', { id: a.id, softphonePassword: null });
    expect(cleared.data!.updateAgent!.hasSoftphonePassword).toBe(false);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'Agent', recordId: a.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => e.changes.softphonePasswordHash)).toEqual([
      { before: null, after: '***' },
      { before: '***', after: '***' },
      { before: '***', after: null },
    ]);
    expect(JSON.stringify(entries.map((e) => e.changes))).not.toMatch(/argon2|Phone\d/);
  });
});

describe('agents: OU scope through the employee, and audit', () => {
  it("a North editor reaches the agents of North employees and those without an employee, never South's", async () => {
    const inNorth = await created({ employeeId: await employee(north) });
    const inSouth = await created({ employeeId: await employee(south) });
    const unbound = await created({});
    const role = await createRole(admin, ['agents', 'agents:view', 'agents:edit', 'agents:create']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    const ids = (await editor.ok<{ allAgents: { id: string }[] }>('{ allAgents(perPage: 500) { id } }')).allAgents.map((a) => a.id);
    expect(ids).toContain(inNorth.id);
    expect(ids).toContain(unbound.id);
    expect(ids).not.toContain(inSouth.id);
    expect(code(await editor.request(`{ Agent(id: "${inSouth.id}") { id } }`))).toBe('NOT_FOUND');
    expect(code(await editor.request(`mutation { updateAgent(id: "${inSouth.id}", phone: "1") { id } }`))).toBe('NOT_FOUND');
    expect((await editor.request(`mutation { updateAgent(id: "${inNorth.id}", phone: "1") { id } }`)).errors).toBeUndefined();
    // An employee outside its scope is "not found", like a missing one.
    const r = await mutate('create', { ...valid(), employeeId: await employee(south) }, editor);
    expect(fieldsOf(r)).toEqual({ employeeId: 'Employee not found' });
  });

  it("leaves an audit entry per mutation, placed in the employee's home OU", async () => {
    const a = await created({ employeeId: await employee(north) });
    await admin.ok(`mutation { updateAgent(id: "${a.id}", phone: "12345") { id } }`);
    await admin.ok(`mutation { deleteAgent(id: "${a.id}") { id } }`);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'Agent', recordId: a.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.ouId])).toEqual([
      ['created', north],
      ['updated', north],
      ['deleted', north],
    ]);
    expect(entries[1]!.changes).toEqual({ phone: { before: '', after: '12345' } });
  });

  it('deleting its employee unbinds the agent, which then cannot sign in', async () => {
    const emp = await employee(north);
    const a = await created({ employeeId: emp, skills: [skill(Q.VOICE!, true)] });
    expect(a.canSignIn).toBe(true);
    await admin.ok(`mutation { deleteEmployee(id: "${emp}") { id } }`);
    const after = await admin.ok<{ Agent: AgentRow }>(`{ Agent(id: "${a.id}") { employeeId canSignIn } }`);
    expect(after.Agent).toEqual({ employeeId: null, canSignIn: false });
  });
});

describe('tenant quotas', () => {
  let qt: Awaited<ReturnType<typeof createTestTenant>>;
  let qadmin: GraphQLClient;
  const create = (vars: Vars) => mutate('create', { ...valid(), ...vars }, qadmin);
  const usage = async () =>
    Object.fromEntries(
      (
        await qadmin.ok<{ tenantQuotaUsage: { kind: string; parameter: string; used: number; allowed: number }[] }>(
          '{ tenantQuotaUsage { kind parameter used allowed } }',
        )
      ).tenantQuotaUsage.map((u) => [u.kind, u]),
    );
  const setQuota = (vars: Vars) =>
    qadmin.request(`mutation(${Object.keys(vars).map((k) => `$${k}: Int`)}) { updateMyTenant(${Object.keys(vars).map((k) => `${k}: $${k}`)}) { id } }`, vars);

  beforeAll(async () => {
    qt = await createTestTenant(t.orm, 'quotas');
    qadmin = await t.loginAs(qt.adminAccount, qt.password);
  });

  it('counts per type and with intelligent recognition: inside, at the edge, outside', async () => {
    await setQuota({ quotaAudioAgents: 2, quotaIntelligentAgents: 1 });
    expect((await create({ agentType: 'VIDEO' })).errors?.[0]?.extensions?.fields).toEqual({
      agentType: "The tenant's quota of VIDEO agents is 0, and 0 are used",
    });
    expect((await create({ agentType: 'AUDIO', intelligentRecognition: true })).errors).toBeUndefined();
    const second = await create({ agentType: 'AUDIO' });
    expect(second.errors).toBeUndefined();
    const third = await create({ agentType: 'AUDIO', intelligentRecognition: true });
    expect(fieldsOf(third)).toEqual({
      agentType: "The tenant's quota of AUDIO agents is 2, and 2 are used",
      intelligentRecognition: "The tenant's quota of agents with intelligent recognition is 1, and 1 is used",
    });
    // An edit of an agent already counted takes no new slot; turning recognition on does.
    const id = second.data!.createAgent!.id;
    expect((await mutate('update', { id, phone: '9' }, qadmin)).errors).toBeUndefined();
    expect(Object.keys(fieldsOf(await mutate('update', { id, intelligentRecognition: true }, qadmin))!)).toEqual(['intelligentRecognition']);
    expect(Object.keys(fieldsOf(await mutate('update', { id, agentType: 'VIDEO' }, qadmin))!)).toEqual(['agentType']);
    expect(await usage()).toMatchObject({
      AUDIO: { parameter: 'quotaAudioAgents', used: 2, allowed: 2 },
      VIDEO: { used: 0, allowed: 0 },
      INTELLIGENT: { parameter: 'quotaIntelligentAgents', used: 1, allowed: 1 },
    });
  });

  it('refuses lowering a quota below what is used, with the numbers; down to it is fine', async () => {
    await setQuota({ quotaMultimediaAgents: 3 });
    for (let i = 0; i < 2; i++) expect((await create({ agentType: 'MULTIMEDIA' })).errors).toBeUndefined();
    const res = await setQuota({ quotaMultimediaAgents: 1 });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(res)).toEqual({ quotaMultimediaAgents: '2 MULTIMEDIA agents exist; the quota cannot be lower than 2' });
    expect((await usage()).MULTIMEDIA).toMatchObject({ used: 2, allowed: 3 });
    expect((await setQuota({ quotaMultimediaAgents: 2 })).errors).toBeUndefined();
    expect((await usage()).MULTIMEDIA).toMatchObject({ used: 2, allowed: 2 });
  });

  it('lets exactly one of N concurrent creates take the last slot, every time', async () => {
    const N = 5;
    for (let round = 1; round <= 20; round++) {
      expect((await setQuota({ quotaVersatileAgents: round })).errors).toBeUndefined();
      const results = await Promise.all(Array.from({ length: N }, () => create({ agentType: 'VERSATILE' })));
      const won = results.filter((r) => !r.errors);
      expect(won, `round ${round}`).toHaveLength(1);
      for (const lost of results.filter((r) => r.errors)) expect(Object.keys(fieldsOf(lost)!)).toEqual(['agentType']);
      expect(await t.db().count(Agent, { tenant: qt.tenantId, agentType: 'VERSATILE' as never })).toBe(round);
    }
  });
});
