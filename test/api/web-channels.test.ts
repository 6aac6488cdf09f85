import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { WebChannel } from '../../api/src/modules/routing/web-channel.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, items 5 and 6: web channels — their MULTIMEDIA called route to a queue serving WEB,
 * options whose fields are required only while on, the write-only secret, click to dial, and the
 * work time with its exceptions answered by `channelOpen` — over the real HTTP pipeline.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
let webRoute: string;

let serial = 0;
const next = () => ++serial;

async function make(kind: string, args: string): Promise<string> {
  const res = await admin.ok<Record<string, { id: string }>>(`mutation { create${kind}(${args}) { id } }`);
  return res[`create${kind}`]!.id;
}
/** A called route of `mediaType` to a new queue of that type (with `subtypes`), or to an IVR. */
async function calledRoute(mediaType: string, subtypes = '[]', ouId: string | null = null): Promise<string> {
  const accessCode = await make('AccessCode', `code: "6${String(next()).padStart(6, '0')}", mediaType: ${mediaType}`);
  const extra = mediaType === 'MULTIMEDIA' ? `, subtypes: ${subtypes}` : '';
  const queue = await make('SkillQueue', `name: "Q${next()}", type: ${mediaType}${extra}`);
  return make('CalledRoute', `accessCodeId: "${accessCode}", deviceType: SKILL_QUEUE, skillQueueId: "${queue}"${ouId ? `, ouId: "${ouId}"` : ''}`);
}

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'channels');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  webRoute = await calledRoute('MULTIMEDIA', '[WEB, EMAIL]');
});
afterAll(() => t?.close());

type Vars = Record<string, unknown>;
const ARGS: Record<string, string> = {
  id: 'ID!',
  version: 'Int',
  channelCode: 'String',
  calledRouteId: 'ID',
  ouId: 'ID',
  transferKeywords: '[String!]',
  clickToDialEnabled: 'Boolean',
  clickToDialTarget: 'ClickToDialTarget',
  clickToDialRouteId: 'ID',
  clickToDialIvrId: 'ID',
  dialogEndEnabled: 'Boolean',
  dialogEndNoReplyMinutes: 'Int',
  dialogEndConclusion: 'String',
  thirdPartyAuthEnabled: 'Boolean',
  thirdPartySecret: 'String',
  workTime: 'WorkTimeInput',
  queueReminderIntervalSeconds: 'Int',
  queueReminderText: 'String',
  chatbotEnabled: 'Boolean',
  chatbotAvatarUrl: 'String',
  chatbotName: 'String',
  chatbotAccessCode: 'String',
  chatbotDefaultReply: 'String',
  chatbotTimeoutReply: 'String',
  chatbotTransferPrompt: 'String',
  robotAssistantEnabled: 'Boolean',
  robotAssistantAccessCode: 'String',
  robotAssistantSilentRouteId: 'ID',
};
const SELECTION = `id version channelCode calledRouteId ouId transferKeywords clickToDialEnabled clickToDialTarget clickToDialRouteId clickToDialIvrId
  dialogEndEnabled dialogEndNoReplyMinutes dialogEndConclusion thirdPartyAuthEnabled hasThirdPartySecret queueReminderIntervalSeconds queueReminderText
  chatbotEnabled chatbotName chatbotGender robotAssistantEnabled
  workTime { timeZone workdays workdaySegments { start end } nonWorkdaySegments { start end } exceptions { date closed note segments { start end } } nonWorkingTimeNotice }`;
type Channel = Record<string, unknown> & { id: string; version: number };

function mutate(op: 'create' | 'update', vars: Vars, client = admin) {
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${ARGS[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, Channel>>(`mutation${head} { ${op}WebChannel${args} { ${SELECTION} } }`, vars);
}
const valid = (): Vars => ({ channelCode: `web_${next()}`, calledRouteId: webRoute });
async function created(vars: Vars): Promise<Channel> {
  const res = await mutate('create', { ...valid(), ...vars });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createWebChannel!;
}
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;
const count = () => t.db().count(WebChannel, { tenant: tenant.tenantId });

/** Refused as BAD_USER_INPUT naming exactly `fields`, with nothing written. */
async function expectRefused(vars: Vars, fields: string[], op: 'create' | 'update' = 'create') {
  const before = await count();
  const res = await mutate(op, op === 'create' ? { ...valid(), ...vars } : vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {}).sort()).toEqual([...fields].sort());
  expect(await count()).toBe(before);
  return fieldsOf(res)!;
}

describe('a web channel', () => {
  it('has SPEC §6 defaults: options off, a 10 s reminder, Monday to Friday 09:00–18:00', async () => {
    const c = await created({});
    expect(c).toMatchObject({
      transferKeywords: [],
      clickToDialEnabled: false,
      dialogEndEnabled: false,
      thirdPartyAuthEnabled: false,
      hasThirdPartySecret: false,
      chatbotEnabled: false,
      robotAssistantEnabled: false,
      queueReminderIntervalSeconds: 10,
      chatbotGender: 'UNKNOWN',
    });
    expect(c.workTime).toEqual({
      timeZone: 'UTC',
      workdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
      workdaySegments: [{ start: '09:00', end: '18:00' }],
      nonWorkdaySegments: [],
      exceptions: [],
      nonWorkingTimeNotice: null,
    });
  });

  it('needs a channel code and a called route', async () => {
    const before = await count();
    const res = await mutate('create', {});
    expect(fieldsOf(res)).toEqual({ channelCode: 'channelCode is required', calledRouteId: 'calledRouteId is required' });
    expect(await count()).toBe(before);
  });

  it.each([['a'], ['_'], ['Web_Chat_2'], ['x'.repeat(64)]])('accepts the channel code %s', async (channelCode) => {
    expect((await created({ channelCode })).channelCode).toBe(channelCode);
  });

  it.each([[''], ['2web'], ['web-chat'], ['web chat'], ['wéb'], ['x'.repeat(65)]])('refuses the channel code "%s"', async (channelCode) => {
    await expectRefused({ channelCode }, ['channelCode']);
  });

  it('keeps channel codes unique in the tenant, ignoring case', async () => {
    await created({ channelCode: 'Support' });
    const fields = await expectRefused({ channelCode: 'SUPPORT' }, ['channelCode']);
    expect(fields.channelCode).toBe('Web channel "SUPPORT" already exists');
  });

  it.each([
    ['a MULTIMEDIA route to a queue serving every channel', 'MULTIMEDIA', '[]', true],
    ['a MULTIMEDIA route to a queue serving WEB and e-mail', 'MULTIMEDIA', '[WEB, EMAIL]', true],
    ['a MULTIMEDIA route to a queue serving e-mail only', 'MULTIMEDIA', '[EMAIL]', false],
    ['a VOICE route', 'VOICE', '[]', false],
  ])('queues its dialogs on %s: %s', async (_label, mediaType, subtypes, ok) => {
    const route = await calledRoute(mediaType as string, subtypes as string);
    if (ok) expect((await created({ calledRouteId: route })).calledRouteId).toBe(route);
    else await expectRefused({ calledRouteId: route }, ['calledRouteId']);
  });

  it('keeps a queue that channels use serving WEB, and a route they use a MULTIMEDIA route to a queue', async () => {
    const accessCode = await make('AccessCode', `code: "6${String(next()).padStart(6, '0')}", mediaType: MULTIMEDIA`);
    const queue = await make('SkillQueue', `name: "Q${next()}", type: MULTIMEDIA, subtypes: [WEB]`);
    const route = await make('CalledRoute', `accessCodeId: "${accessCode}", deviceType: SKILL_QUEUE, skillQueueId: "${queue}"`);
    await created({ calledRouteId: route });
    const narrowed = await admin.request(`mutation { updateSkillQueue(id: "${queue}", subtypes: [EMAIL]) { id } }`);
    expect(Object.keys(fieldsOf(narrowed)!)).toEqual(['subtypes']);
    const widened = await admin.request(`mutation { updateSkillQueue(id: "${queue}", subtypes: []) { subtypes } }`);
    expect(widened.errors).toBeUndefined();
    const deleted = await admin.request(`mutation { deleteCalledRoute(id: "${route}") { id } }`);
    expect(deleted.errors?.[0]?.message).toMatch(/still used by web channels/);
  });

  it.each([
    ['dialog end', { dialogEndEnabled: true }, ['dialogEndNoReplyMinutes', 'dialogEndConclusion']],
    ['third-party authentication', { thirdPartyAuthEnabled: true }, ['thirdPartySecret']],
    [
      'the chatbot',
      { chatbotEnabled: true },
      ['chatbotAvatarUrl', 'chatbotName', 'chatbotAccessCode', 'chatbotDefaultReply', 'chatbotTimeoutReply', 'chatbotTransferPrompt'],
    ],
    ['the robot assistant', { robotAssistantEnabled: true }, ['robotAssistantAccessCode', 'robotAssistantSilentRouteId']],
    ['click to dial', { clickToDialEnabled: true }, ['clickToDialTarget']],
  ])('requires the fields of %s only while it is on', async (_label, on, fields) => {
    const refused = await expectRefused(on, fields as string[]);
    for (const f of fields as string[]) expect(refused[f]).toMatch(/Required while|required while/i);
  });

  it("keeps an option's fields while it is off, and takes them back when it is switched on again", async () => {
    const c = await created({ dialogEndEnabled: true, dialogEndNoReplyMinutes: 5, dialogEndConclusion: 'Bye' });
    const off = await mutate('update', { id: c.id, dialogEndEnabled: false });
    expect(off.data!.updateWebChannel).toMatchObject({ dialogEndEnabled: false, dialogEndNoReplyMinutes: 5, dialogEndConclusion: 'Bye' });
    const on = await mutate('update', { id: c.id, dialogEndEnabled: true });
    expect(on.errors).toBeUndefined();
  });

  it.each([
    ['no-reply minutes 0', { dialogEndNoReplyMinutes: 0 }, 'dialogEndNoReplyMinutes'],
    ['no-reply minutes 1441', { dialogEndNoReplyMinutes: 1441 }, 'dialogEndNoReplyMinutes'],
    ['a reminder every 0 s', { queueReminderIntervalSeconds: 0 }, 'queueReminderIntervalSeconds'],
    ['a reminder every 3601 s', { queueReminderIntervalSeconds: 3601 }, 'queueReminderIntervalSeconds'],
    ['a 501-character reminder', { queueReminderText: 'r'.repeat(501) }, 'queueReminderText'],
    ['21 transfer keywords', { transferKeywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }, 'transferKeywords'],
    ['a 33-character keyword', { transferKeywords: ['k'.repeat(33)] }, 'transferKeywords'],
    ['an avatar that is not a URL', { chatbotAvatarUrl: 'smile.png' }, 'chatbotAvatarUrl'],
    ['a chatbot access code with letters', { chatbotAccessCode: '12a' }, 'chatbotAccessCode'],
    ['a 15-character secret', { thirdPartySecret: 's'.repeat(15) }, 'thirdPartySecret'],
  ])('refuses %s, naming the field', async (_label, vars, field) => {
    await expectRefused(vars, [field]);
  });

  it.each([
    ['no-reply minutes 1 and 1440', { dialogEndNoReplyMinutes: 1 }, { dialogEndNoReplyMinutes: 1440 }],
    ['a reminder every 1 s and 3600 s', { queueReminderIntervalSeconds: 1 }, { queueReminderIntervalSeconds: 3600 }],
    ['20 keywords of 32 characters', { transferKeywords: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(32, 'k')) }, { transferKeywords: [] }],
  ])('accepts the edges: %s', async (_label, low, high) => {
    await created(low);
    await created(high);
  });

  it('never returns the third-party secret, says that one is set, and audits it masked', async () => {
    const c = await created({ thirdPartyAuthEnabled: true, thirdPartySecret: 'shared-secret-0123456789' });
    expect(c.hasThirdPartySecret).toBe(true);
    expect(JSON.stringify(c)).not.toContain('shared-secret');
    expect(code(await admin.request(`{ WebChannel(id: "${c.id}") { thirdPartySecret } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    await admin.ok(`mutation { updateWebChannel(id: "${c.id}", thirdPartySecret: "another-secret-9876543210") { id } }`);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'WebChannel', recordId: c.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => e.changes.thirdPartySecret)).toEqual([
      { before: null, after: '***' },
      { before: '***', after: '***' },
    ]);
    expect(JSON.stringify(entries.map((e) => e.changes))).not.toMatch(/secret-\d/);
  });

  it('sends click to dial to a click-to-dial route or an IVR, clearing the other', async () => {
    const ctdRoute = await calledRoute('VOICE_CLICK_TO_DIAL');
    const ivr = await make('Ivr', `name: "IVR ${next()}", accessCode: "${String(next()).padStart(6, '7')}", mediaType: VOICE`);
    const c = await created({ clickToDialEnabled: true, clickToDialTarget: 'AGENT', clickToDialRouteId: ctdRoute });
    expect(c).toMatchObject({ clickToDialTarget: 'AGENT', clickToDialRouteId: ctdRoute, clickToDialIvrId: null });
    const toIvr = await mutate('update', { id: c.id, clickToDialTarget: 'IVR', clickToDialIvrId: ivr });
    expect(toIvr.data!.updateWebChannel).toMatchObject({ clickToDialTarget: 'IVR', clickToDialIvrId: ivr, clickToDialRouteId: null });
    await expectRefused({ clickToDialEnabled: true, clickToDialTarget: 'AGENT', clickToDialRouteId: await calledRoute('VOICE') }, ['clickToDialRouteId']);
    await expectRefused({ clickToDialEnabled: true, clickToDialTarget: 'IVR' }, ['clickToDialIvrId']);
  });
});

describe('work time', () => {
  const twoSegmentsAndAHoliday = {
    timeZone: 'Europe/Berlin',
    workdaySegments: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ],
    exceptions: [{ date: '2026-12-25', closed: true, note: 'Christmas' }],
    nonWorkingTimeNotice: 'We are closed; write to us and we answer tomorrow.',
  };

  it("answers channelOpen in the channel's zone: a segment, the lunch break, a holiday, a weekend", async () => {
    const c = await created({ workTime: twoSegmentsAndAHoliday });
    const ask = async (at: string) =>
      (
        await admin.ok<{ channelOpen: { open: boolean; rule: { kind: string; note: string | null }; localTime: string; notice: string | null } }>(
          'query($id: ID!, $at: DateTimeISO) { channelOpen(channelId: $id, at: $at) { open rule { kind note } localTime notice } }',
          { id: c.id, at },
        )
      ).channelOpen;
    // 2026-12-22 is a Tuesday; Berlin is UTC+1 in winter.
    expect(await ask('2026-12-22T07:30:00Z')).toMatchObject({
      open: true,
      rule: { kind: 'WORKDAY_SEGMENT' },
      localTime: '2026-12-22T08:30:00+01:00',
      notice: null,
    });
    expect(await ask('2026-12-22T11:15:00Z')).toMatchObject({
      open: false,
      rule: { kind: 'OUTSIDE_SEGMENTS' },
      notice: twoSegmentsAndAHoliday.nonWorkingTimeNotice,
    });
    expect(await ask('2026-12-25T09:00:00Z')).toMatchObject({ open: false, rule: { kind: 'EXCEPTION_CLOSED', note: 'Christmas' } });
    expect(await ask('2026-12-26T09:00:00Z')).toMatchObject({ open: false, rule: { kind: 'CLOSED_DAY' } });
  });

  it('refuses a third segment that overlaps, naming it, and writes nothing', async () => {
    const c = await created({ workTime: twoSegmentsAndAHoliday });
    const overlapping = { ...twoSegmentsAndAHoliday, workdaySegments: [...twoSegmentsAndAHoliday.workdaySegments, { start: '17:00', end: '19:00' }] };
    const fields = await expectRefused({ id: c.id, workTime: overlapping }, ['workTime.workdaySegments.2.start'], 'update');
    expect(fields['workTime.workdaySegments.2.start']).toMatch(/overlap/i);
    const stored = await t.db().findOneOrFail(WebChannel, c.id);
    expect(stored.workTime.workdaySegments).toHaveLength(2);
  });

  it('refuses a fifth segment and an unknown time zone', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` }));
    await expectRefused({ workTime: { timeZone: 'UTC', workdaySegments: five } }, ['workTime.workdaySegments']);
    await expectRefused({ workTime: { timeZone: 'Mars/Olympus' } }, ['workTime.timeZone']);
  });
});

describe('web channels: OU scope and audit', () => {
  it('a North editor sees North and Unorganized channels, never South', async () => {
    const inNorth = await created({ ouId: north });
    const inSouth = await created({ ouId: south });
    const role = await createRole(admin, ['channels', 'channels:view', 'channels:edit']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    const ids = (await editor.ok<{ allWebChannels: { id: string }[] }>('{ allWebChannels(perPage: 500) { id } }')).allWebChannels.map((c) => c.id);
    expect(ids).toContain(inNorth.id);
    expect(ids).not.toContain(inSouth.id);
    expect(code(await editor.request(`{ channelOpen(channelId: "${inSouth.id}") { open } }`))).toBe('NOT_FOUND');
    expect(code(await editor.request(`mutation { updateWebChannel(id: "${inSouth.id}", queueReminderText: "x") { id } }`))).toBe('NOT_FOUND');
  });

  it('leaves an audit entry per mutation', async () => {
    const c = await created({ ouId: north });
    await admin.ok(`mutation { updateWebChannel(id: "${c.id}", queueReminderText: "Still there?") { id } }`);
    await admin.ok(`mutation { deleteWebChannel(id: "${c.id}") { id } }`);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'WebChannel', recordId: c.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.ouId])).toEqual([
      ['created', north],
      ['updated', north],
      ['deleted', north],
    ]);
    expect(entries[1]!.changes).toEqual({ queueReminderText: { before: '', after: 'Still there?' } });
  });
});
