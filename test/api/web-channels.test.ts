import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { WebChannel } from '../../api/src/modules/routing/web-channel.entity';
import { WorkTimeException } from '../../api/src/modules/routing/work-time-exception.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, items 5 and 6: web channels — their MULTIMEDIA called route to a queue serving WEB,
 * options whose fields are required only while on, the write-only secret, click to dial, and the
 * work time with its dated exceptions (`WorkTimeException` records) answered by `channelOpen` —
 * over the real HTTP pipeline.
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
  workTime { timeZone workdays workdaySegments { start end } nonWorkdaySegments { start end } nonWorkingTimeNotice }`;
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

const EXCEPTION_ARGS: Record<string, string> = {
  id: 'ID!',
  version: 'Int',
  channelId: 'ID',
  date: 'String',
  closed: 'Boolean',
  segments: '[TimeSegmentInput!]',
  note: 'String',
};
type Exception = {
  id: string;
  version: number;
  channelId: string | null;
  date: string;
  closed: boolean;
  segments: { start: string; end: string }[];
  note: string;
};

function mutateException(op: 'create' | 'update', vars: Vars, client = admin) {
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${EXCEPTION_ARGS[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, Exception>>(
    `mutation${head} { ${op}WorkTimeException${args} { id version channelId date closed segments { start end } note } }`,
    vars,
  );
}
async function exception(vars: Vars, client = admin): Promise<Exception> {
  const res = await mutateException('create', vars, client);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createWorkTimeException!;
}
const exceptionCount = () => t.db().count(WorkTimeException, { tenant: tenant.tenantId });
/** Refused as BAD_USER_INPUT naming exactly `fields`, with nothing written. */
async function exceptionRefused(op: 'create' | 'update', vars: Vars, fields: string[]) {
  const before = await exceptionCount();
  const res = await mutateException(op, vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {}).sort()).toEqual([...fields].sort());
  expect(await exceptionCount()).toBe(before);
  return fieldsOf(res)!;
}

describe('work time', () => {
  const twoSegments = {
    timeZone: 'Europe/Berlin',
    workdaySegments: [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ],
    nonWorkingTimeNotice: 'We are closed; write to us and we answer tomorrow.',
  };
  const ask = async (channelId: string, at: string) =>
    (
      await admin.ok<{
        channelOpen: { open: boolean; rule: { kind: string; note: string | null; start: string | null }; localTime: string; notice: string | null };
      }>('query($id: ID!, $at: DateTimeISO) { channelOpen(channelId: $id, at: $at) { open rule { kind note start } localTime notice } }', { id: channelId, at })
    ).channelOpen;

  it("answers channelOpen in the channel's zone: a segment, the lunch break, a holiday, special hours, a weekend", async () => {
    const c = await created({ workTime: twoSegments });
    await exception({ channelId: c.id, date: '2026-12-25', closed: true, note: 'Christmas' });
    await exception({ channelId: c.id, date: '2026-12-24', segments: [{ start: '09:00', end: '12:00' }], note: 'Christmas Eve' });
    // 2026-12-22 is a Tuesday; Berlin is UTC+1 in winter.
    expect(await ask(c.id, '2026-12-22T07:30:00Z')).toMatchObject({
      open: true,
      rule: { kind: 'WORKDAY_SEGMENT' },
      localTime: '2026-12-22T08:30:00+01:00',
      notice: null,
    });
    expect(await ask(c.id, '2026-12-22T11:15:00Z')).toMatchObject({
      open: false,
      rule: { kind: 'OUTSIDE_SEGMENTS' },
      notice: twoSegments.nonWorkingTimeNotice,
    });
    expect(await ask(c.id, '2026-12-25T09:00:00Z')).toMatchObject({ open: false, rule: { kind: 'EXCEPTION_CLOSED', note: 'Christmas' } });
    expect(await ask(c.id, '2026-12-24T08:30:00Z')).toMatchObject({ open: true, rule: { kind: 'EXCEPTION_SEGMENT', note: 'Christmas Eve', start: '09:00' } });
    expect(await ask(c.id, '2026-12-24T07:30:00Z')).toMatchObject({ open: false, rule: { kind: 'EXCEPTION_OUTSIDE_SEGMENTS' } });
    expect(await ask(c.id, '2026-12-26T09:00:00Z')).toMatchObject({ open: false, rule: { kind: 'CLOSED_DAY' } });
    // The local date decides: 2026-12-24T23:30Z is already the 25th in Berlin.
    expect(await ask(c.id, '2026-12-24T23:30:00Z')).toMatchObject({ rule: { kind: 'EXCEPTION_CLOSED' } });
  });

  it("lists a channel's exceptions by date, narrowed by channel, dates and note", async () => {
    const c = await created({});
    const other = await created({});
    await exception({ channelId: c.id, date: '2027-01-01', closed: true, note: "New Year's Day" });
    await exception({ channelId: c.id, date: '2026-12-25', closed: true, note: 'Christmas' });
    await exception({ channelId: other.id, date: '2026-12-25', closed: true });
    const list = async (filter: Vars) =>
      (
        await admin.ok<{ allWorkTimeExceptions: { date: string }[] }>('query($f: WorkTimeExceptionFilter) { allWorkTimeExceptions(filter: $f) { date } }', {
          f: filter,
        })
      ).allWorkTimeExceptions.map((e) => e.date);
    expect(await list({ channelId: c.id })).toEqual(['2026-12-25', '2027-01-01']);
    expect(await list({ channelId: c.id, from: '2026-12-26' })).toEqual(['2027-01-01']);
    expect(await list({ channelId: c.id, to: '2026-12-25' })).toEqual(['2026-12-25']);
    expect(await list({ channelId: c.id, q: 'new year' })).toEqual(['2027-01-01']);
    const bad = await admin.request('{ allWorkTimeExceptions(filter: { from: "2026-02-30", to: "tomorrow" }) { id } }');
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(Object.keys(fieldsOf(bad) ?? {}).sort()).toEqual(['from', 'to']);
  });

  it.each([
    ['2026-02-30', /is not a date/],
    ['2026-13-01', /is not a date/],
    ['25.12.2026', /YYYY-MM-DD/],
    ['2026-1-1', /YYYY-MM-DD/],
  ])('refuses the date %s on date', async (date, message) => {
    const c = await created({});
    const fields = await exceptionRefused('create', { channelId: c.id, date, closed: true }, ['date']);
    expect(fields.date).toMatch(message);
  });

  it('accepts a leap day, needs a channel and a date, and refuses a channel that does not exist', async () => {
    const c = await created({});
    expect((await exception({ channelId: c.id, date: '2028-02-29', closed: true })).date).toBe('2028-02-29');
    await exceptionRefused('create', {}, ['channelId', 'date']);
    const fields = await exceptionRefused('create', { channelId: '00000000-0000-4000-8000-000000000000', date: '2026-05-01', closed: true }, ['channelId']);
    expect(fields.channelId).toBe('Web channel not found');
  });

  it('takes one exception per channel and date', async () => {
    const c = await created({});
    const other = await created({});
    await exception({ channelId: c.id, date: '2026-05-01', closed: true });
    const fields = await exceptionRefused('create', { channelId: c.id, date: '2026-05-01', segments: [{ start: '10:00', end: '12:00' }] }, ['date']);
    expect(fields.date).toBe('Work time exception "2026-05-01" already exists');
    expect((await exception({ channelId: other.id, date: '2026-05-01', closed: true })).date).toBe('2026-05-01');
  });

  it('a date closed all day has no segments; closing special hours clears them', async () => {
    const c = await created({});
    const fields = await exceptionRefused('create', { channelId: c.id, date: '2026-06-01', closed: true, segments: [{ start: '09:00', end: '12:00' }] }, [
      'segments',
    ]);
    expect(fields.segments).toMatch(/no segments/);
    const special = await exception({ channelId: c.id, date: '2026-06-02', segments: [{ start: '09:00', end: '12:00' }] });
    const closed = await admin.ok<{ updateWorkTimeException: Exception }>(
      `mutation { updateWorkTimeException(id: "${special.id}", version: ${special.version}, closed: true) { closed segments { start } } }`,
    );
    expect(closed.updateWorkTimeException).toEqual({ closed: true, segments: [] });
  });

  it('special hours take 1 to 4 segments that do not overlap, each named by its path', async () => {
    const c = await created({});
    const none = await exceptionRefused('create', { channelId: c.id, date: '2026-07-01' }, ['segments']);
    expect(none.segments).toMatch(/at least one segment/);
    await exceptionRefused('create', { channelId: c.id, date: '2026-07-01', segments: [] }, ['segments']);
    const four = Array.from({ length: 4 }, (_, i) => ({ start: `0${i * 2}:00`, end: `0${i * 2 + 1}:00` }));
    expect((await exception({ channelId: c.id, date: '2026-07-02', segments: four })).segments).toHaveLength(4);
    const five = [...four, { start: '10:00', end: '11:00' }];
    expect((await exceptionRefused('create', { channelId: c.id, date: '2026-07-03', segments: five }, ['segments'])).segments).toBe('At most 4 segments');
    const overlap = await exceptionRefused(
      'create',
      {
        channelId: c.id,
        date: '2026-07-03',
        segments: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
      ['segments.1.start'],
    );
    expect(overlap['segments.1.start']).toMatch(/Overlaps the segment 09:00–12:00/);
    await exceptionRefused('create', { channelId: c.id, date: '2026-07-03', segments: [{ start: '24:00', end: '12:00' }] }, ['segments.0.start']);
    await exceptionRefused('create', { channelId: c.id, date: '2026-07-03', segments: [{ start: '12:00', end: '11:00' }] }, ['segments.0.end']);
    await exceptionRefused('create', { channelId: c.id, date: '2026-07-03', closed: true, note: 'n'.repeat(201) }, ['note']);
  });

  it('refuses a third segment that overlaps, naming it, and writes nothing', async () => {
    const c = await created({ workTime: twoSegments });
    const overlapping = { ...twoSegments, workdaySegments: [...twoSegments.workdaySegments, { start: '17:00', end: '19:00' }] };
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

  it('deleting a channel deletes its exceptions', async () => {
    const c = await created({});
    await exception({ channelId: c.id, date: '2026-08-01', closed: true });
    await exception({ channelId: c.id, date: '2026-08-02', closed: true });
    expect(await t.db().count(WorkTimeException, { channel: c.id })).toBe(2);
    await admin.ok(`mutation { deleteWebChannel(id: "${c.id}") { id } }`);
    expect(await t.db().count(WorkTimeException, { channel: c.id })).toBe(0);
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

  it("a North editor reaches the exceptions of North's channels only, through the channel's OU", async () => {
    const inNorth = await created({ ouId: north });
    const inSouth = await created({ ouId: south });
    const readOnly = await created({ ouId: south });
    const northHoliday = await exception({ channelId: inNorth.id, date: '2026-10-03', closed: true });
    const southHoliday = await exception({ channelId: inSouth.id, date: '2026-10-03', closed: true });
    const role = await createRole(admin, ['channels', 'channels:view', 'channels:create', 'channels:edit', 'channels:delete']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    const ids = (await editor.ok<{ allWorkTimeExceptions: { id: string }[] }>('{ allWorkTimeExceptions(perPage: 500) { id } }')).allWorkTimeExceptions.map(
      (e) => e.id,
    );
    expect(ids).toContain(northHoliday.id);
    expect(ids).not.toContain(southHoliday.id);
    expect(code(await editor.request(`{ WorkTimeException(id: "${southHoliday.id}") { id } }`))).toBe('NOT_FOUND');
    expect(code(await editor.request(`mutation { updateWorkTimeException(id: "${southHoliday.id}", note: "x") { id } }`))).toBe('NOT_FOUND');
    expect(code(await editor.request(`mutation { deleteWorkTimeException(id: "${southHoliday.id}") { id } }`))).toBe('NOT_FOUND');
    // A South channel is not found, like a missing one.
    const before = await exceptionCount();
    const res = await mutateException('create', { channelId: inSouth.id, date: '2026-10-04', closed: true }, editor);
    expect(fieldsOf(res)).toEqual({ channelId: 'Web channel not found' });
    expect(await exceptionCount()).toBe(before);
    // In North: created, edited, moved to South refused.
    const own = await exception({ channelId: inNorth.id, date: '2026-10-05', closed: true }, editor);
    expect(own.channelId).toBe(inNorth.id);
    expect(code(await mutateException('update', { id: own.id, channelId: readOnly.id }, editor))).toBe('BAD_USER_INPUT');
    // Read without write in South: seen, not changed.
    const reader = (
      await createEmployee(t, admin, {
        roleIds: [role],
        grants: [
          { ouId: north, canRead: true, canWrite: true },
          { ouId: south, canRead: true, canWrite: false },
        ],
      })
    ).client;
    expect(code(await mutateException('create', { channelId: inSouth.id, date: '2026-10-06', closed: true }, reader))).toBe('FORBIDDEN');
    expect(code(await reader.request(`mutation { updateWorkTimeException(id: "${southHoliday.id}", note: "x") { id } }`))).toBe('FORBIDDEN');
    expect(code(await mutateException('update', { id: own.id, channelId: inSouth.id }, reader))).toBe('FORBIDDEN');
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

  it("leaves an audit entry per exception mutation, placed in the channel's OU", async () => {
    const c = await created({ ouId: north });
    const e = await exception({ channelId: c.id, date: '2026-11-01', closed: true, note: 'All Saints' });
    await admin.ok(`mutation { updateWorkTimeException(id: "${e.id}", closed: false, segments: [{ start: "10:00", end: "14:00" }]) { id } }`);
    await admin.ok(`mutation { deleteWorkTimeException(id: "${e.id}") { id } }`);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'WorkTimeException', recordId: e.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((x) => [x.action, x.ouId, x.operation])).toEqual([
      ['created', north, 'createWorkTimeException'],
      ['updated', north, 'updateWorkTimeException'],
      ['deleted', north, 'deleteWorkTimeException'],
    ]);
    expect(entries[0]!.changes).toMatchObject({
      channelId: { before: null, after: c.id },
      date: { before: null, after: '2026-11-01' },
      note: { after: 'All Saints' },
    });
    expect(entries[1]!.changes).toEqual({ closed: { before: true, after: false }, segments: { before: [], after: [{ start: '10:00', end: '14:00' }] } });
  });
});
