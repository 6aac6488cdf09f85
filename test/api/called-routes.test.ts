import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { CalledRoute } from '../../api/src/modules/routing/called-route.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, item 4: called routes — an access code plus an optional extension, sent to a skill
 * queue of the access code's type or to an IVR of its call media; the dialled number unique in
 * the tenant, also against access codes; what points at a queue, IVR or access code keeps it.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'routes');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
});
afterAll(() => t?.close());

type Vars = Record<string, unknown>;
type Route = { id: string; version: number; dialledNumber: string; extensionCode: string; mediaType: string; deviceType: string } & Record<string, unknown>;

let serial = 0;
const next = () => ++serial;
/** A fresh number of `digits` digits, unique in this run. */
const fresh = (prefix: string, digits = 7) => `${prefix}${String(next()).padStart(digits - prefix.length, '0')}`;

const ARGS: Record<string, string> = {
  accessCodeId: 'ID',
  extensionCode: 'String',
  deviceType: 'RouteDevice',
  skillQueueId: 'ID',
  ivrId: 'ID',
  ouId: 'ID',
  id: 'ID!',
  version: 'Int',
};
const SELECTION = 'id version accessCodeId extensionCode dialledNumber mediaType deviceType skillQueueId ivrId ouId access { canEdit canDelete }';

function mutate(client: GraphQLClient, op: 'create' | 'update', vars: Vars) {
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${ARGS[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, Route>>(`mutation${head} { ${op}CalledRoute${args} { ${SELECTION} } }`, vars);
}
async function route(vars: Vars, client = admin): Promise<Route> {
  const res = await mutate(client, 'create', vars);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createCalledRoute!;
}
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;
const count = () => t.db().count(CalledRoute, { tenant: tenant.tenantId });

async function one(kind: string, args: string, vars: Vars, client = admin): Promise<{ id: string }> {
  const res = await client.ok<Record<string, { id: string }>>(`mutation { create${kind}(${args}) { id } }`, vars);
  return res[`create${kind}`]!;
}
async function accessCode(mediaType: string, codeValue = fresh('5'), ouId: string | null = null): Promise<{ id: string }> {
  const res = await admin.ok<{ createAccessCode: { id: string } }>(
    'mutation($code: String, $mediaType: RoutingMediaType, $ouId: ID) { createAccessCode(code: $code, mediaType: $mediaType, ouId: $ouId) { id } }',
    { code: codeValue, mediaType, ouId },
  );
  return res.createAccessCode;
}
const queue = (type: string, extra = '') => one('SkillQueue', `name: "Queue ${next()}", type: ${type}${extra}`, {});
const ivr = (mediaType: string) => one('Ivr', `name: "IVR ${next()}", accessCode: "${fresh('9')}", mediaType: ${mediaType}`, {});

/** Refused as BAD_USER_INPUT naming `field` (and only it), with nothing written. */
async function expectRefused(vars: Vars, field: string, message?: RegExp) {
  const before = await count();
  const res = await mutate(admin, 'create', vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {})).toEqual([field]);
  if (message) expect(fieldsOf(res)![field]).toMatch(message);
  expect(await count()).toBe(before);
}

describe('a called route', () => {
  it('dials the access code followed by the extension, and takes its media type', async () => {
    const ac = await accessCode('VOICE', '12345');
    const q = await queue('VOICE');
    const r = await route({ accessCodeId: ac.id, extensionCode: '1', deviceType: 'SKILL_QUEUE', skillQueueId: q.id });
    expect(r).toMatchObject({
      dialledNumber: '123451',
      extensionCode: '1',
      mediaType: 'VOICE',
      deviceType: 'SKILL_QUEUE',
      skillQueueId: q.id,
      ivrId: null,
      ouId: null,
    });
    const bare = await route({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE', skillQueueId: q.id });
    expect(bare.dialledNumber).toBe('12345');
  });

  it('refuses a dialled number that is another access code (12345 + 1 against 123451), and the reverse', async () => {
    const ac = await accessCode('VOICE', '22345');
    const q = await queue('VOICE');
    await accessCode('VOICE', '223451');
    await expectRefused(
      { accessCodeId: ac.id, extensionCode: '1', deviceType: 'SKILL_QUEUE', skillQueueId: q.id },
      'extensionCode',
      /223451 is already the number of another access code/,
    );
    await route({ accessCodeId: ac.id, extensionCode: '2', deviceType: 'SKILL_QUEUE', skillQueueId: q.id });
    const res = await admin.request('mutation { createAccessCode(code: "223452", mediaType: VOICE) { id } }');
    expect(fieldsOf(res)).toEqual({ code: '223452 is already dialled for a called route of another access code' });
  });

  it('refuses a dialled number another route already dials', async () => {
    const ac = await accessCode('VOICE');
    const q = await queue('VOICE');
    await route({ accessCodeId: ac.id, extensionCode: '7', deviceType: 'SKILL_QUEUE', skillQueueId: q.id });
    await expectRefused(
      { accessCodeId: ac.id, extensionCode: '7', deviceType: 'SKILL_QUEUE', skillQueueId: q.id },
      'extensionCode',
      /already dialled for another called route/,
    );
  });

  it.each([
    ['no extension', ''],
    ['one digit', '0'],
    ['eight digits', '12345678'],
  ])('accepts an extension: %s', async (_label, extensionCode) => {
    const ac = await accessCode('VOICE');
    const r = await route({ accessCodeId: ac.id, extensionCode, deviceType: 'SKILL_QUEUE', skillQueueId: (await queue('VOICE')).id });
    expect(r.extensionCode).toBe(extensionCode);
  });

  it.each([
    ['nine digits', '123456789'],
    ['a letter', '12a'],
    ['a space', '1 2'],
    ['a plus', '+1'],
  ])('refuses an extension: %s, naming extensionCode', async (_label, extensionCode) => {
    const ac = await accessCode('VOICE');
    await expectRefused({ accessCodeId: ac.id, extensionCode, deviceType: 'SKILL_QUEUE', skillQueueId: (await queue('VOICE')).id }, 'extensionCode');
  });

  it('needs an access code and a device type', async () => {
    const before = await count();
    const res = await mutate(admin, 'create', {});
    expect(fieldsOf(res)).toEqual({ accessCodeId: 'accessCodeId is required', deviceType: 'deviceType is required' });
    expect(await count()).toBe(before);
  });

  it.each([
    ['VOICE', 'VOICE'],
    ['VIDEO', 'VIDEO'],
    ['MULTIMEDIA', 'MULTIMEDIA'],
    ['VOICE_CLICK_TO_DIAL', 'VOICE_CLICK_TO_DIAL'],
  ])('%s access code: a skill queue of the same type is accepted', async (codeType, queueType) => {
    const ac = await accessCode(codeType);
    expect((await route({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE', skillQueueId: (await queue(queueType)).id })).mediaType).toBe(codeType);
  });

  it.each([
    ['VOICE', 'VIDEO'],
    ['VOICE', 'VOICE_CLICK_TO_DIAL'],
    ['MULTIMEDIA', 'VOICE'],
    ['VIDEO_CLICK_TO_DIAL', 'VIDEO'],
  ])('%s access code: a %s skill queue is refused, naming skillQueueId', async (codeType, queueType) => {
    const ac = await accessCode(codeType);
    await expectRefused({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE', skillQueueId: (await queue(queueType)).id }, 'skillQueueId', /takes .* calls/);
  });

  it.each([
    ['VOICE', 'VOICE'],
    ['VIDEO', 'VIDEO'],
    ['VOICE_CLICK_TO_DIAL', 'VOICE'],
    ['VIDEO_CLICK_TO_DIAL', 'VIDEO'],
  ])('%s access code: an IVR answering %s calls is accepted', async (codeType, ivrMedia) => {
    const ac = await accessCode(codeType);
    const target = await ivr(ivrMedia);
    expect(await route({ accessCodeId: ac.id, deviceType: 'IVR', ivrId: target.id })).toMatchObject({
      deviceType: 'IVR',
      ivrId: target.id,
      skillQueueId: null,
    });
  });

  it('refuses an IVR of the other call media (ivrId), and any IVR for a MULTIMEDIA access code (deviceType)', async () => {
    await expectRefused({ accessCodeId: (await accessCode('VOICE')).id, deviceType: 'IVR', ivrId: (await ivr('VIDEO')).id }, 'ivrId', /answers VIDEO calls/);
    await expectRefused(
      { accessCodeId: (await accessCode('MULTIMEDIA')).id, deviceType: 'IVR', ivrId: (await ivr('VOICE')).id },
      'deviceType',
      /skill queues, not to IVRs/,
    );
  });

  it('needs the target of its device', async () => {
    const ac = await accessCode('VOICE');
    await expectRefused({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE' }, 'skillQueueId', /needs the skill queue/);
    await expectRefused({ accessCodeId: ac.id, deviceType: 'IVR' }, 'ivrId', /needs the IVR/);
  });

  it('clears the target of the other device when the device changes', async () => {
    const ac = await accessCode('VOICE');
    const r = await route({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE', skillQueueId: (await queue('VOICE')).id });
    const target = await ivr('VOICE');
    const res = await mutate(admin, 'update', { id: r.id, version: r.version, deviceType: 'IVR', ivrId: target.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCalledRoute).toMatchObject({ deviceType: 'IVR', ivrId: target.id, skillQueueId: null });
  });
});

describe('what a called route points at', () => {
  it('keeps its access code, queue and IVR from being deleted, naming the called routes; once it is gone they can be', async () => {
    const ac = await accessCode('VOICE');
    const q = await queue('VOICE');
    const target = await ivr('VOICE');
    const toQueue = await route({ accessCodeId: ac.id, extensionCode: '1', deviceType: 'SKILL_QUEUE', skillQueueId: q.id });
    const toIvr = await route({ accessCodeId: ac.id, extensionCode: '2', deviceType: 'IVR', ivrId: target.id });
    for (const [kind, id] of [
      ['AccessCode', ac.id],
      ['SkillQueue', q.id],
      ['Ivr', target.id],
    ] as const) {
      const res = await admin.request(`mutation($id: ID!) { delete${kind}(id: $id) { id } }`, { id });
      expect(res.errors?.[0]?.extensions, kind).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
      expect(res.errors?.[0]?.message, kind).toMatch(/still used by called routes/);
    }
    for (const r of [toQueue, toIvr]) await admin.ok('mutation($id: ID!) { deleteCalledRoute(id: $id) { id } }', { id: r.id });
    for (const kind of ['SkillQueue', 'Ivr', 'AccessCode']) {
      const id = { SkillQueue: q.id, Ivr: target.id, AccessCode: ac.id }[kind];
      await admin.ok(`mutation($id: ID!) { delete${kind}(id: $id) { id } }`, { id });
    }
  });

  it("keeps an access code's number and media type while routes use it", async () => {
    const ac = await accessCode('VOICE');
    await route({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE', skillQueueId: (await queue('VOICE')).id });
    const renumbered = await admin.request('mutation($id: ID!) { updateAccessCode(id: $id, code: "99999999") { id } }', { id: ac.id });
    expect(fieldsOf(renumbered)).toEqual({ code: 'The number of an access code used by 1 called route cannot change' });
    const remedia = await admin.request('mutation($id: ID!) { updateAccessCode(id: $id, mediaType: VIDEO) { id } }', { id: ac.id });
    expect(fieldsOf(remedia)).toEqual({ mediaType: 'The media type of an access code used by 1 called route cannot change' });
  });

  it("keeps a queue's type while a route to it needs it", async () => {
    const ac = await accessCode('VOICE');
    const q = await queue('VOICE');
    await route({ accessCodeId: ac.id, deviceType: 'SKILL_QUEUE', skillQueueId: q.id });
    const res = await admin.request('mutation($id: ID!) { updateSkillQueue(id: $id, type: VIDEO) { id } }', { id: q.id });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(Object.keys(fieldsOf(res)!)).toEqual(['type']);
  });
});

describe('called routes: OU scope and audit', () => {
  it('a North editor lists North and Unorganized routes, never South; a South target shows no id', async () => {
    const ac = await accessCode('VOICE');
    const southQueue = await one('SkillQueue', `name: "South queue ${next()}", type: VOICE, ouId: "${south}"`, {});
    const inNorth = await route({ accessCodeId: ac.id, extensionCode: '1', deviceType: 'SKILL_QUEUE', skillQueueId: southQueue.id, ouId: north });
    const inSouth = await route({ accessCodeId: ac.id, extensionCode: '2', deviceType: 'SKILL_QUEUE', skillQueueId: southQueue.id, ouId: south });
    const role = await createRole(admin, ['called-routes', 'called-routes:view', 'called-routes:create', 'called-routes:edit', 'called-routes:delete']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    const list = await editor.ok<{ allCalledRoutes: Route[] }>(`{ allCalledRoutes(perPage: 500) { id skillQueueId accessCodeId } }`);
    const ids = list.allCalledRoutes.map((r) => r.id);
    expect(ids).toContain(inNorth.id);
    expect(ids).not.toContain(inSouth.id);
    expect(list.allCalledRoutes.find((r) => r.id === inNorth.id)).toMatchObject({ skillQueueId: null, accessCodeId: ac.id });
    expect(code(await editor.request('query($id: ID!) { CalledRoute(id: $id) { id } }', { id: inSouth.id }))).toBe('NOT_FOUND');
  });

  it('leaves an audit entry per mutation', async () => {
    const ac = await accessCode('VOICE');
    const r = await route({ accessCodeId: ac.id, extensionCode: '3', deviceType: 'SKILL_QUEUE', skillQueueId: (await queue('VOICE')).id, ouId: north });
    await admin.ok('mutation($id: ID!) { updateCalledRoute(id: $id, extensionCode: "4") { id } }', { id: r.id });
    await admin.ok('mutation($id: ID!) { deleteCalledRoute(id: $id) { id } }', { id: r.id });
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'CalledRoute', recordId: r.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.ouId])).toEqual([
      ['created', north],
      ['updated', north],
      ['deleted', north],
    ]);
    expect(entries[1]!.changes).toEqual({
      extensionCode: { before: '3', after: '4' },
      dialledNumber: { before: `${(r as Route).dialledNumber}`, after: `${r.dialledNumber.slice(0, -1)}4` },
    });
  });
});
