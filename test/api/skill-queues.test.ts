import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { MaxQueuedMode } from '../../api/src/modules/routing/skill-queue.enums';
import { SkillQueue } from '../../api/src/modules/routing/skill-queue.entity';
import { acceptsTransfer, deviceUsage, effectiveMaxQueued, effectiveWrapUp } from '../../api/src/modules/routing/queue-usage';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, item 1: skill queues — SPEC §6's fields, defaults and ranges, prompts, the three
 * handlers and their transfer rules (cycles included), busy settings, and the live load
 * arithmetic — over the real HTTP pipeline; the arithmetic itself also as a pure function.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'queues');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
});
afterAll(() => t?.close());

type Vars = Record<string, unknown>;
type Row = Record<string, unknown> & { id: string; version: number };

const ARGS: Record<string, string> = {
  name: 'String',
  description: 'String',
  type: 'RoutingMediaType',
  subtypes: '[MultimediaSubtype!]',
  ouId: 'ID',
  maxWaitSeconds: 'Int',
  maxCallSeconds: 'Int',
  wrapUpSeconds: 'Int',
  maxQueuedCalls: 'Int',
  queuingMethod: 'QueuingMethod',
  queuingPromptId: 'ID',
  queuingIvrId: 'ID',
  holdMethod: 'HoldMethod',
  holdPromptId: 'ID',
  answerType: 'AnswerType',
  answerPromptId: 'ID',
  onTimeout: 'QueueHandlerInput',
  onBusy: 'BusyHandlerInput',
  onNoAgent: 'QueueHandlerInput',
};
const HANDLER = 'action targetType ivrId skillQueueId';
const SELECTION = `id version name description type subtypes ouId maxWaitSeconds maxCallSeconds wrapUpSeconds effectiveWrapUpSeconds maxQueuedCalls
  queuingMethod queuingPromptId queuingIvrId holdMethod holdPromptId answerType answerPromptId
  onTimeout { ${HANDLER} } onNoAgent { ${HANDLER} }
  onBusy { ${HANDLER} queueUsageThreshold busyCondition busyConditionValue maxQueuedMode maxQueuedValue }
  queuedCalls deviceUsage effectiveMaxQueuedCalls access { canEdit canDelete }`;

let serial = 0;
const next = () => String(++serial);

function mutate(client: GraphQLClient, op: 'create' | 'update', vars: Vars) {
  const types: Record<string, string> = { ...ARGS, id: 'ID!', version: 'Int' };
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${types[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, Row>>(`mutation${head} { ${op}SkillQueue${args} { ${SELECTION} } }`, vars);
}
async function created(vars: Vars, client = admin): Promise<Row> {
  const res = await mutate(client, 'create', { name: `Queue ${next()}`, ...vars });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createSkillQueue!;
}
async function updated(vars: Vars): Promise<Row> {
  const res = await mutate(admin, 'update', vars);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.updateSkillQueue!;
}
const count = () => t.db().count(SkillQueue, { tenant: tenant.tenantId });
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;

/** Refused as BAD_USER_INPUT naming `field` (and only it), with nothing written. */
async function expectRefused(vars: Vars, field: string, op: 'create' | 'update' = 'create') {
  const before = await count();
  const res = await mutate(admin, op, op === 'create' ? { name: `Queue ${next()}`, ...vars } : vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {})).toEqual([field]);
  expect(await count()).toBe(before);
  return fieldsOf(res)![field]!;
}

async function ivr(mediaType: 'VOICE' | 'VIDEO', ouId?: string): Promise<string> {
  const n = next();
  const res = await admin.ok<{ createIvr: { id: string } }>(
    'mutation($n: String, $a: String, $m: CallMediaType, $o: ID) { createIvr(name: $n, accessCode: $a, mediaType: $m, ouId: $o) { id } }',
    {
      n: `IVR ${n}`,
      a: `9${n.padStart(5, '0')}`,
      m: mediaType,
      o: ouId ?? null,
    },
  );
  return res.createIvr.id;
}
async function prompt(mediaType: 'VOICE' | 'VIDEO'): Promise<string> {
  const res = await admin.ok<{ createVoicePrompt: { id: string } }>(
    'mutation($n: String, $m: CallMediaType) { createVoicePrompt(name: $n, mediaType: $m, fileUrl: "https://media.example.com/t.wav") { id } }',
    { n: `Prompt ${next()}`, m: mediaType },
  );
  return res.createVoicePrompt.id;
}

describe('fields and defaults', () => {
  it('a queue given only its name takes SPEC §6 defaults', async () => {
    const row = await created({});
    expect(row).toMatchObject({
      description: '',
      type: 'VOICE',
      subtypes: [],
      ouId: null,
      maxWaitSeconds: 60,
      maxCallSeconds: 86400,
      wrapUpSeconds: 5,
      effectiveWrapUpSeconds: 10,
      maxQueuedCalls: 100,
      queuingMethod: 'DEFAULT_TONE',
      holdMethod: 'DEFAULT_TONE',
      answerType: 'REPORT_EMPLOYEE_ID',
      onTimeout: { action: 'RELEASE', targetType: 'IVR', ivrId: null, skillQueueId: null },
      onBusy: { action: 'RELEASE', targetType: 'IVR', queueUsageThreshold: null, busyCondition: null, maxQueuedMode: null },
      queuedCalls: 0,
      effectiveMaxQueuedCalls: 100,
      // No agent signed in: the agent share counts as 100%; nothing queued of 100.
      deviceUsage: 70,
    });
  });

  it('a multimedia queue transfers to skill queues by default', async () => {
    const row = await created({ type: 'MULTIMEDIA', subtypes: ['WEB', 'EMAIL'] });
    expect(row.subtypes).toEqual(['WEB', 'EMAIL']);
    expect((row.onTimeout as Row).targetType).toBe('SKILL_QUEUE');
  });

  it('a name is required, follows the routing name rules and is unique ignoring case', async () => {
    expect(await expectRefused({ name: '' }, 'name')).toMatch(/1 to 100/);
    expect(await expectRefused({ name: 'Sales#1' }, 'name')).toMatch(/must not contain/);
    await created({ name: 'Sales queue' });
    expect(await expectRefused({ name: 'SALES QUEUE' }, 'name')).toBe('Skill queue "SALES QUEUE" already exists');
  });

  it.each([
    ['description', 'd'.repeat(255), 'd'.repeat(256)],
    ['maxWaitSeconds', 1, 0],
    ['maxWaitSeconds', 60000, 60001],
    ['maxCallSeconds', 1, 0],
    ['maxCallSeconds', 86400, 86401],
    ['wrapUpSeconds', 0, -1],
    ['wrapUpSeconds', 3600, 3601],
    ['maxQueuedCalls', 0, -1],
    ['maxQueuedCalls', 10000, 10001],
  ])('%s: %j on the edge is taken, %j past it is refused', async (field, edge, past) => {
    expect((await created({ [field]: edge }))[field]).toBe(edge);
    await expectRefused({ [field]: past }, field);
  });

  it.each([
    [0, 0],
    [1, 5],
    [4, 5],
    [5, 10],
    [12, 15],
    [3600, 3605],
  ])('wrap-up %i seconds is applied as %i', async (value, effective) => {
    expect(effectiveWrapUp(value)).toBe(effective);
    expect((await created({ wrapUpSeconds: value })).effectiveWrapUpSeconds).toBe(effective);
  });

  it.each(['VOICE', 'VIDEO', 'VOICE_CLICK_TO_DIAL', 'VIDEO_CLICK_TO_DIAL'])('a %s queue has no subtypes', async (type) => {
    expect(await created({ type, subtypes: [] })).toMatchObject({ subtypes: [] });
    expect(await expectRefused({ type, subtypes: ['WEB'] }, 'subtypes')).toMatch(/Only MULTIMEDIA/);
  });

  it('a subtype is listed once', () => expectRefused({ type: 'MULTIMEDIA', subtypes: ['WEB', 'WEB'] }, 'subtypes'));
});

describe('prompts', () => {
  it('voice and video queues play custom tones of their own media and queue with an IVR', async () => {
    const [voice, video, videoIvr] = [await prompt('VOICE'), await prompt('VIDEO'), await ivr('VIDEO')];
    const row = await created({
      type: 'VIDEO',
      queuingMethod: 'IVR',
      queuingIvrId: videoIvr,
      holdMethod: 'CUSTOM_TONE',
      holdPromptId: video,
      answerType: 'EMPLOYEE_ID_AND_CUSTOM_VOICE',
      answerPromptId: video,
    });
    expect(row).toMatchObject({ queuingIvrId: videoIvr, holdPromptId: video, answerPromptId: video, queuingPromptId: null });
    expect(await expectRefused({ type: 'VIDEO', holdMethod: 'CUSTOM_TONE', holdPromptId: voice }, 'holdPromptId')).toMatch(/VOICE calls/);
    // Back to the default tone: the prompt goes with it.
    expect(await updated({ id: row.id, holdMethod: 'DEFAULT_TONE' })).toMatchObject({ holdMethod: 'DEFAULT_TONE', holdPromptId: null });
  });

  it.each([
    ['queuingMethod', { queuingMethod: 'CUSTOM_TONE' }, 'queuingPromptId'],
    ['queuingMethod', { queuingMethod: 'IVR' }, 'queuingIvrId'],
    ['holdMethod', { holdMethod: 'CUSTOM_TONE' }, 'holdPromptId'],
    ['answerType', { answerType: 'EMPLOYEE_ID_AND_CUSTOM_VOICE' }, 'answerPromptId'],
  ])('%s needing a target without it is refused, naming the target', async (_f, vars, field) => {
    await expectRefused(vars, field);
  });

  it.each([
    ['MULTIMEDIA', { queuingMethod: 'CUSTOM_TONE' }, 'queuingMethod'],
    ['VOICE_CLICK_TO_DIAL', { holdMethod: 'CUSTOM_TONE' }, 'holdMethod'],
    ['VIDEO_CLICK_TO_DIAL', { answerType: 'NO_VOICE' }, 'answerType'],
  ])('a %s queue refuses prompts, naming the field', async (type, vars, field) => {
    await expectRefused({ type, ...vars }, field);
  });

  it('a multimedia queue refuses a prompt reference too', async () =>
    expectRefused({ type: 'MULTIMEDIA', holdPromptId: await prompt('VOICE') }, 'holdPromptId'));
});

describe('handlers', () => {
  it('click-to-dial queues transfer to an IVR of their media; multimedia ones are refused', async () => {
    const voiceIvr = await ivr('VOICE');
    const row = await created({ type: 'VOICE_CLICK_TO_DIAL', onNoAgent: { action: 'TRANSFER', ivrId: voiceIvr } });
    expect(row.onNoAgent).toEqual({ action: 'TRANSFER', targetType: 'IVR', ivrId: voiceIvr, skillQueueId: null });
    expect(await expectRefused({ type: 'VIDEO_CLICK_TO_DIAL', onNoAgent: { action: 'TRANSFER', ivrId: voiceIvr } }, 'onNoAgent.ivrId')).toMatch(/VIDEO/);
    expect(await expectRefused({ type: 'MULTIMEDIA', onTimeout: { action: 'TRANSFER', targetType: 'IVR', ivrId: voiceIvr } }, 'onTimeout.targetType')).toMatch(
      /only to skill queues/,
    );
  });

  it('a transfer needs its target; a release clears it', async () => {
    await expectRefused({ onBusy: { action: 'TRANSFER' } }, 'onBusy.ivrId');
    await expectRefused({ onTimeout: { action: 'TRANSFER', targetType: 'SKILL_QUEUE' } }, 'onTimeout.skillQueueId');
    const target = await created({});
    const row = await created({ onTimeout: { action: 'TRANSFER', skillQueueId: target.id } });
    expect(row.onTimeout).toEqual({ action: 'TRANSFER', targetType: 'SKILL_QUEUE', ivrId: null, skillQueueId: target.id });
    const released = await updated({ id: row.id, onTimeout: { action: 'RELEASE', skillQueueId: target.id } });
    expect(released.onTimeout).toEqual({ action: 'RELEASE', targetType: 'IVR', ivrId: null, skillQueueId: null });
  });

  it('a target id outside the scope or unknown is a field error', () =>
    expectRefused({ onBusy: { action: 'TRANSFER', skillQueueId: '00000000-0000-4000-8000-000000000000' } }, 'onBusy.skillQueueId'));

  it('a target queue is of the same type and never the queue itself', async () => {
    const video = await created({ type: 'VIDEO' });
    expect(await expectRefused({ onNoAgent: { action: 'TRANSFER', skillQueueId: video.id } }, 'onNoAgent.skillQueueId')).toMatch(/VIDEO/);
    const self = await created({});
    expect(await expectRefused({ id: self.id, onBusy: { action: 'TRANSFER', skillQueueId: self.id } }, 'onBusy.skillQueueId', 'update')).toMatch(/itself/);
  });

  it('refuses transfer cycles of length 2 and 3', async () => {
    const a = await created({});
    const b = await created({ onTimeout: { action: 'TRANSFER', skillQueueId: a.id } });
    expect(await expectRefused({ id: a.id, onBusy: { action: 'TRANSFER', skillQueueId: b.id } }, 'onBusy.skillQueueId', 'update')).toMatch(/cycle/);
    const c = await created({ onNoAgent: { action: 'TRANSFER', skillQueueId: b.id } });
    expect(await expectRefused({ id: a.id, onTimeout: { action: 'TRANSFER', skillQueueId: c.id } }, 'onTimeout.skillQueueId', 'update')).toMatch(/cycle/);
    // A chain without a way back is fine.
    expect((await created({ onTimeout: { action: 'TRANSFER', skillQueueId: c.id } })).onTimeout).toMatchObject({ skillQueueId: c.id });
  });

  it('a queue others transfer to keeps its type', async () => {
    const target = await created({});
    await created({ onTimeout: { action: 'TRANSFER', skillQueueId: target.id } });
    expect(await expectRefused({ id: target.id, type: 'VIDEO' }, 'type', 'update')).toMatch(/another type/);
  });

  it('an IVR or a queue a handler points to cannot be deleted (HAS_RECORDS); a released handler lets go', async () => {
    const target = await created({ name: `Overflow ${next()}` });
    const menu = await ivr('VOICE');
    const row = await created({ onTimeout: { action: 'TRANSFER', skillQueueId: target.id }, onBusy: { action: 'TRANSFER', ivrId: menu } });
    for (const [mutation, id, what] of [
      ['deleteSkillQueue', target.id, 'Skill queue'],
      ['deleteIvr', menu, 'IVR'],
    ] as const) {
      const res = await admin.request(`mutation($id: ID!) { ${mutation}(id: $id) { id } }`, { id });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
      expect(res.errors?.[0]?.message).toMatch(new RegExp(`^${what} ".*" is still used by skill queues`));
    }
    await updated({ id: row.id, onTimeout: {}, onBusy: {} });
    await admin.ok('mutation($id: ID!) { deleteSkillQueue(id: $id) { id } }', { id: target.id });
    await admin.ok('mutation($id: ID!) { deleteIvr(id: $id) { id } }', { id: menu });
  });
});

describe('busy settings', () => {
  const toQueue = async () => ({ action: 'TRANSFER', skillQueueId: (await created({})).id });

  it('the queue usage threshold is 0 to 100, only with a skill queue target', async () => {
    for (const edge of [0, 100])
      expect(((await created({ onBusy: { ...(await toQueue()), queueUsageThreshold: edge } })).onBusy as Row).queueUsageThreshold).toBe(edge);
    await expectRefused({ onBusy: { ...(await toQueue()), queueUsageThreshold: 101 } }, 'onBusy.queueUsageThreshold');
    await expectRefused({ onBusy: { ...(await toQueue()), queueUsageThreshold: -1 } }, 'onBusy.queueUsageThreshold');
    await expectRefused({ onBusy: { action: 'TRANSFER', ivrId: await ivr('VOICE'), queueUsageThreshold: 50 } }, 'onBusy.queueUsageThreshold');
    await expectRefused({ onBusy: { queueUsageThreshold: 50 } }, 'onBusy.queueUsageThreshold');
  });

  it.each([
    ['DEVICE_USAGE', 0, 100, 101],
    ['WAIT_SECONDS', 0, 9999, 10000],
  ])('busy condition %s takes %i to %i, not %i', async (busyCondition, low, high, past) => {
    for (const value of [low, high]) {
      expect(((await created({ onBusy: { busyCondition, busyConditionValue: value } })).onBusy as Row).busyConditionValue).toBe(value);
    }
    await expectRefused({ onBusy: { busyCondition, busyConditionValue: past } }, 'onBusy.busyConditionValue');
    await expectRefused({ onBusy: { busyCondition, busyConditionValue: low - 1 } }, 'onBusy.busyConditionValue');
    await expectRefused({ onBusy: { busyCondition } }, 'onBusy.busyConditionValue');
    await expectRefused({ onBusy: { busyConditionValue: 5 } }, 'onBusy.busyCondition');
  });

  it.each([
    ['VOICE', 0],
    ['VIDEO', 0],
    ['MULTIMEDIA', 1],
    ['VOICE_CLICK_TO_DIAL', 1],
    ['VIDEO_CLICK_TO_DIAL', 1],
  ])('max queued value of a %s queue is %i to 10000', async (type, low) => {
    for (const maxQueuedMode of ['FIXED', 'PERCENT_OF_SIGNED_IN']) {
      for (const value of [low, 10000])
        expect(((await created({ type, onBusy: { maxQueuedMode, maxQueuedValue: value } })).onBusy as Row).maxQueuedValue).toBe(value);
    }
    await expectRefused({ type, onBusy: { maxQueuedMode: 'FIXED', maxQueuedValue: low - 1 } }, 'onBusy.maxQueuedValue');
    await expectRefused({ type, onBusy: { maxQueuedMode: 'FIXED', maxQueuedValue: 10001 } }, 'onBusy.maxQueuedValue');
    await expectRefused({ type, onBusy: { maxQueuedMode: 'FIXED' } }, 'onBusy.maxQueuedValue');
  });
});

describe('device usage (pure)', () => {
  it.each([
    // busy, signedIn, queued, max → usage
    [0, 0, 0, 100, 70],
    [0, 0, 0, 0, 100],
    [0, 4, 0, 0, 30],
    [2, 4, 50, 100, 50],
    [4, 4, 100, 100, 100],
    [1, 4, 0, 10, 17.5],
  ])('%i busy of %i signed in, %i queued of %i: %d%%', (busy, signedIn, queued, max, usage) => {
    expect(deviceUsage({ busy, signedIn, queued }, max)).toBeCloseTo(usage, 10);
  });

  it.each([
    [MaxQueuedMode.PERCENT_OF_SIGNED_IN, 50, 3, 2],
    [MaxQueuedMode.PERCENT_OF_SIGNED_IN, 150, 3, 5],
    [MaxQueuedMode.PERCENT_OF_SIGNED_IN, 100, 7, 7],
    [MaxQueuedMode.PERCENT_OF_SIGNED_IN, 1, 1, 1],
    [MaxQueuedMode.PERCENT_OF_SIGNED_IN, 100, 0, 0],
    [MaxQueuedMode.FIXED, 12, 3, 12],
  ])('%s %i with %i signed in holds %i calls', (mode, value, signedIn, max) => {
    expect(effectiveMaxQueued({ maxQueuedCalls: 100, maxQueuedMode: mode, maxQueuedValue: value }, signedIn)).toBe(max);
  });

  it('without a busy rule the queue holds maxQueuedCalls', () => expect(effectiveMaxQueued({ maxQueuedCalls: 42 }, 9)).toBe(42));

  it('a transfer is accepted only while the usage with the call stays below the threshold', () => {
    // 4 of 4 agents idle... none busy: 0 × 70 + (9 + 1) / 10 × 30 = 30.
    expect(acceptsTransfer({ busy: 0, signedIn: 4, queued: 9 }, 10, 31)).toBe(true);
    expect(acceptsTransfer({ busy: 0, signedIn: 4, queued: 9 }, 10, 30)).toBe(false);
    expect(acceptsTransfer({ busy: 0, signedIn: 0, queued: 0 }, 10, 100)).toBe(true);
    expect(acceptsTransfer({ busy: 0, signedIn: 0, queued: 0 }, 10, null)).toBe(true);
  });
});

describe('live load', () => {
  const report = (client: GraphQLClient, queueId: string, queued: number) =>
    client.request<{ reportQueueLoad: { queueId: string; queued: number } }>(
      'mutation($q: ID!, $n: Int!) { reportQueueLoad(queueId: $q, queued: $n) { queueId queued } }',
      {
        q: queueId,
        n: queued,
      },
    );
  const live = (id: string, target?: string) =>
    admin.ok<{ SkillQueue: Row }>(
      `query($id: ID!, $t: ID!) { SkillQueue(id: $id) { queuedCalls deviceUsage effectiveMaxQueuedCalls canTransferTo(queueId: $t) } }`,
      {
        id,
        t: target ?? id,
      },
    );

  it('reported calls feed device usage and the transfer decision; each report is audited', async () => {
    const target = await created({ maxQueuedCalls: 10 });
    const source = await created({ onBusy: { action: 'TRANSFER', skillQueueId: target.id, queueUsageThreshold: 95 } });
    expect((await live(source.id, target.id)).SkillQueue).toMatchObject({ canTransferTo: true });
    expect((await report(admin, target.id, 8)).data?.reportQueueLoad).toEqual({ queueId: target.id, queued: 8 });
    // No agent: 70, plus 8 of 10 queued: 24.
    expect((await live(target.id)).SkillQueue).toMatchObject({ queuedCalls: 8, deviceUsage: 94, effectiveMaxQueuedCalls: 10 });
    // With one more call: 70 + 27 = 97, not below 95.
    expect((await live(source.id, target.id)).SkillQueue.canTransferTo).toBe(false);
    await report(admin, target.id, 7);
    expect((await live(source.id, target.id)).SkillQueue.canTransferTo).toBe(true);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'QueueLoad' }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.operation, e.changes])).toEqual([
      ['created', 'reportQueueLoad', { queueId: { before: null, after: target.id }, queued: { before: null, after: 8 } }],
      ['updated', 'reportQueueLoad', { queued: { before: 8, after: 7 } }],
    ]);
  });

  it('PERCENT_OF_SIGNED_IN with nobody signed in holds no call: usage 100%', async () => {
    const row = await created({ onBusy: { maxQueuedMode: 'PERCENT_OF_SIGNED_IN', maxQueuedValue: 50 } });
    expect((await live(row.id)).SkillQueue).toMatchObject({ effectiveMaxQueuedCalls: 0, deviceUsage: 100 });
  });

  it('canTransferTo is false for itself or another type, null for an unknown queue', async () => {
    const voice = await created({});
    const video = await created({ type: 'VIDEO' });
    expect((await live(voice.id)).SkillQueue.canTransferTo).toBe(false);
    expect((await live(voice.id, video.id)).SkillQueue.canTransferTo).toBe(false);
    expect((await live(voice.id, '00000000-0000-4000-8000-000000000000')).SkillQueue.canTransferTo).toBeNull();
  });

  it('needs the report-load operation and write in the queue OU; a negative count is a field error', async () => {
    const row = await created({ ouId: north });
    const viewer = await createRole(admin, ['skill-queues', 'skill-queues:view']);
    const reporter = await createRole(admin, ['skill-queues', 'skill-queues:report-load']);
    const grants = [{ ouId: north, canRead: true, canWrite: true }];
    const plain = (await createEmployee(t, admin, { roleIds: [viewer], grants })).client;
    const integration = (await createEmployee(t, admin, { roleIds: [reporter], grants })).client;
    const southern = (await createEmployee(t, admin, { roleIds: [reporter], grants: [{ ouId: south, canRead: true, canWrite: true }] })).client;
    expect(code(await report(plain, row.id, 1))).toBe('FORBIDDEN');
    expect(code(await report(southern, row.id, 1))).toBe('BAD_USER_INPUT');
    expect((await report(integration, row.id, 3)).data?.reportQueueLoad.queued).toBe(3);
    const negative = await report(integration, row.id, -1);
    expect(fieldsOf(negative)).toEqual({ queued: 'Queued calls must be 0 or more' });
  });
});

describe('OU scope and audit', () => {
  let editor: GraphQLClient;
  beforeAll(async () => {
    const role = await createRole(admin, ['skill-queues', 'skill-queues:view', 'skill-queues:create', 'skill-queues:edit']);
    editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
  });

  it('a North editor sees North and Unorganized queues, never South ones, nor a South target id', async () => {
    const southern = await created({ ouId: south });
    const northern = await created({ ouId: north, onTimeout: { action: 'TRANSFER', skillQueueId: southern.id } });
    const seen = await editor.ok<{ allSkillQueues: Row[] }>('query { allSkillQueues(perPage: 500) { id ouId onTimeout { skillQueueId } } }');
    expect(seen.allSkillQueues.every((r) => r.ouId === north || r.ouId === null)).toBe(true);
    const mine = seen.allSkillQueues.find((r) => r.id === northern.id)!;
    expect(mine.onTimeout).toEqual({ skillQueueId: null });
    expect(code(await editor.request('query($id: ID!) { SkillQueue(id: $id) { id } }', { id: southern.id }))).toBe('NOT_FOUND');
    // It cannot point at a South queue either.
    const res = await mutate(editor, 'create', { name: `Queue ${next()}`, ouId: north, onBusy: { action: 'TRANSFER', skillQueueId: southern.id } });
    expect(fieldsOf(res)).toEqual({ 'onBusy.skillQueueId': 'SkillQueue not found' });
  });

  it('a cycle through a queue the editor cannot see is refused all the same, without naming it', async () => {
    const a = await created({ ouId: north }, editor);
    const hidden = await created({ ouId: south, onTimeout: { action: 'TRANSFER', skillQueueId: a.id } });
    const b = await created({ ouId: north });
    await updated({ id: b.id, onTimeout: { action: 'TRANSFER', skillQueueId: hidden.id } });
    const res = await mutate(editor, 'update', { id: a.id, onBusy: { action: 'TRANSFER', skillQueueId: b.id } });
    expect(fieldsOf(res)?.['onBusy.skillQueueId']).toMatch(/cycle/);
    expect(JSON.stringify(res.errors)).not.toContain(hidden.name as string);
  });

  it('leaves an audit entry per mutation, handlers included', async () => {
    const row = await created({ ouId: north });
    const target = await created({});
    await updated({ id: row.id, onBusy: { action: 'TRANSFER', skillQueueId: target.id, busyCondition: 'WAIT_SECONDS', busyConditionValue: 30 } });
    await admin.ok('mutation($id: ID!) { deleteSkillQueue(id: $id) { id } }', { id: row.id });
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'SkillQueue', recordId: row.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.operation, e.ouId])).toEqual([
      ['created', 'createSkillQueue', north],
      ['updated', 'updateSkillQueue', north],
      ['deleted', 'deleteSkillQueue', north],
    ]);
    expect(entries[1]!.changes).toEqual({
      onBusy: {
        before: expect.objectContaining({ action: 'RELEASE', skillQueueId: null }),
        after: expect.objectContaining({
          action: 'TRANSFER',
          targetType: 'SKILL_QUEUE',
          skillQueueId: target.id,
          busyCondition: 'WAIT_SECONDS',
          busyConditionValue: 30,
        }),
      },
    });
  });
});

describe('the media class filter (agent skill pickers, issue 11 item 6)', () => {
  it('lists the queues of a class: VOICE_VIDEO the voice and video ones, MULTIMEDIA multimedia and click-to-dial, with the other filters', async () => {
    const rows = Object.fromEntries(
      await Promise.all(
        ['VOICE', 'VIDEO', 'MULTIMEDIA', 'VOICE_CLICK_TO_DIAL', 'VIDEO_CLICK_TO_DIAL'].map(async (type) => [type, (await created({ type, ouId: south })).id]),
      ),
    );
    const listed = async (filter: Vars) => {
      const res = await admin.ok<{ allSkillQueues: { id: string; type: string }[] }>(
        'query($f: SkillQueueFilter) { allSkillQueues(filter: $f, perPage: 500) { id type } }',
        { f: { ouId: south, ...filter } },
      );
      return res.allSkillQueues
        .filter((q) => Object.values(rows).includes(q.id))
        .map((q) => q.type)
        .sort();
    };
    expect(await listed({ mediaClass: 'VOICE_VIDEO' })).toEqual(['VIDEO', 'VOICE']);
    expect(await listed({ mediaClass: 'MULTIMEDIA' })).toEqual(['MULTIMEDIA', 'VIDEO_CLICK_TO_DIAL', 'VOICE_CLICK_TO_DIAL']);
    expect(await listed({ mediaClass: 'MULTIMEDIA', type: 'MULTIMEDIA' })).toEqual(['MULTIMEDIA']);
    expect(await listed({ mediaClass: 'VOICE_VIDEO', type: 'MULTIMEDIA' })).toEqual([]);
    expect(await listed({})).toHaveLength(5);
  });
});
