import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { Tenant } from '../../api/src/common/tenant.entity';
import { RoutingMediaType } from '../../api/src/modules/routing/media-type';
import { SkillQueue } from '../../api/src/modules/routing/skill-queue.entity';
import { SkillQueueGroup, SkillQueueGroupMember } from '../../api/src/modules/routing/skill-queue-group.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, item 2: skill queue groups — a named set of skill queues of one media class
 * (VOICE_VIDEO: VOICE and VIDEO; MULTIMEDIA: MULTIMEDIA and click-to-dial), each queue found in
 * the caller's scope, those outside it kept and not shown; a queue keeps a type of its groups'
 * class, and cannot be deleted while a group holds it.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'groups');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
});
afterAll(() => t?.close());

type Vars = Record<string, unknown>;
type Group = { id: string; version: number; name: string; description: string; mediaClass: string; skillQueueIds: string[]; ouId: string | null };

let serial = 0;
const next = () => ++serial;

const ARGS: Record<string, string> = {
  name: 'String',
  description: 'String',
  mediaClass: 'QueueMediaClass',
  skillQueueIds: '[ID!]',
  ouId: 'ID',
  id: 'ID!',
  version: 'Int',
};
const SELECTION = 'id version name description mediaClass skillQueueIds ouId';

function mutate(client: GraphQLClient, op: 'create' | 'update', vars: Vars) {
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${ARGS[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, Group>>(`mutation${head} { ${op}SkillQueueGroup${args} { ${SELECTION} } }`, vars);
}
async function group(vars: Vars, client = admin): Promise<Group> {
  const res = await mutate(client, 'create', { name: `Group ${next()}`, ...vars });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createSkillQueueGroup!;
}
async function update(vars: Vars, client = admin): Promise<Group> {
  const res = await mutate(client, 'update', vars);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.updateSkillQueueGroup!;
}
async function queue(type: string, ouId: string | null = null, name = `Queue ${next()}`): Promise<string> {
  const res = await admin.ok<{ createSkillQueue: { id: string } }>(
    `mutation($ouId: ID, $name: String) { createSkillQueue(name: $name, type: ${type}, ouId: $ouId) { id } }`,
    { ouId, name },
  );
  return res.createSkillQueue.id;
}
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;
const count = async () => [await t.db().count(SkillQueueGroup, { tenant: tenant.tenantId }), await t.db().count(SkillQueueGroupMember, {})];

/** Refused as BAD_USER_INPUT naming `field` (and only it), with nothing written. */
async function expectRefused(op: 'create' | 'update', vars: Vars, field: string, message?: RegExp) {
  const before = await count();
  const res = await mutate(admin, op, op === 'create' ? { name: `Group ${next()}`, mediaClass: 'VOICE_VIDEO', ...vars } : vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {})).toEqual([field]);
  if (message) expect(fieldsOf(res)![field]).toMatch(message);
  expect(await count()).toEqual(before);
}

describe('a skill queue group', () => {
  it('holds skill queues of its media class, listed by id', async () => {
    const voice = await queue('VOICE');
    const video = await queue('VIDEO');
    const g = await group({ name: 'Hotline', description: 'All hotline queues', mediaClass: 'VOICE_VIDEO', skillQueueIds: [voice, video] });
    expect(g).toMatchObject({ name: 'Hotline', description: 'All hotline queues', mediaClass: 'VOICE_VIDEO', ouId: null, version: 1 });
    expect(g.skillQueueIds).toEqual([voice, video].sort());
  });

  it.each([
    ['VOICE_VIDEO', ['VOICE', 'VIDEO']],
    ['MULTIMEDIA', ['MULTIMEDIA', 'VOICE_CLICK_TO_DIAL', 'VIDEO_CLICK_TO_DIAL']],
  ])('a %s group takes %j queues', async (mediaClass, types) => {
    const ids = await Promise.all(types.map((type) => queue(type)));
    expect((await group({ mediaClass, skillQueueIds: ids })).skillQueueIds).toEqual([...ids].sort());
  });

  it.each([
    ['VOICE_VIDEO', 'MULTIMEDIA'],
    ['VOICE_VIDEO', 'VOICE_CLICK_TO_DIAL'],
    ['MULTIMEDIA', 'VOICE'],
    ['MULTIMEDIA', 'VIDEO'],
  ])('a %s group refuses a %s queue, naming skillQueueIds and the queue', async (mediaClass, type) => {
    const name = `Odd ${next()}`;
    const ids = [await queue(mediaClass === 'MULTIMEDIA' ? 'MULTIMEDIA' : 'VOICE'), await queue(type, null, name)];
    await expectRefused(
      'create',
      { mediaClass, skillQueueIds: ids },
      'skillQueueIds',
      new RegExp(`Skill queue "${name}" is ${type}; a ${mediaClass} group holds only`),
    );
  });

  it('needs a name and a media class', async () => {
    const before = await count();
    const res = await mutate(admin, 'create', {});
    expect(fieldsOf(res)).toEqual({ name: 'name is required', mediaClass: 'mediaClass is required' });
    expect(await count()).toEqual(before);
  });

  it.each([
    ['one character', 'G'],
    ['100 characters', 'g'.repeat(100)],
    ['spaces, dots and dashes', 'Gold - tier.2 _x'],
  ])('accepts a name: %s', async (_label, name) => {
    expect((await group({ name, mediaClass: 'VOICE_VIDEO' })).name).toBe(name);
  });

  it.each([
    ['101 characters', 'g'.repeat(101)],
    ['a forbidden character', 'Gold#1'],
    ['a control character', 'Gold\u0007'],
    ['blank', '   '],
  ])('refuses a name: %s, naming name', async (_label, name) => {
    await expectRefused('create', { name }, 'name');
  });

  it('keeps names unique in the tenant ignoring case', async () => {
    await group({ name: 'Platinum', mediaClass: 'VOICE_VIDEO' });
    await expectRefused('create', { name: 'PLATINUM', mediaClass: 'MULTIMEDIA' }, 'name', /already exists/);
  });

  it('takes a description of up to 255 characters', async () => {
    expect((await group({ mediaClass: 'VOICE_VIDEO', description: 'd'.repeat(255) })).description).toHaveLength(255);
    await expectRefused('create', { description: 'd'.repeat(256) }, 'description', /at most 255/);
  });

  it('holds at most 200 queues (the edge accepted, one more refused)', async () => {
    const em = t.db();
    const owner = em.getReference(Tenant, tenant.tenantId);
    const many = Array.from({ length: 201 }, (_, i) => em.create(SkillQueue, { tenant: owner, name: `Bulk ${next()} ${i}`, type: RoutingMediaType.VOICE }));
    await em.flush();
    const ids = many.map((q) => q.id);
    expect((await group({ mediaClass: 'VOICE_VIDEO', skillQueueIds: ids.slice(0, 200) })).skillQueueIds).toHaveLength(200);
    await expectRefused('create', { skillQueueIds: ids }, 'skillQueueIds', /at most 200/);
  });

  it('refuses an unknown queue, a malformed id and a queue listed twice, naming skillQueueIds', async () => {
    const voice = await queue('VOICE');
    await expectRefused('create', { skillQueueIds: [voice, '00000000-0000-4000-8000-000000000000'] }, 'skillQueueIds', /Skill queue not found/);
    await expectRefused('create', { skillQueueIds: ['not-an-id'] }, 'skillQueueIds', /Skill queue not found/);
    await expectRefused('create', { skillQueueIds: [voice, voice] }, 'skillQueueIds', /at most once/);
  });

  it('replaces its queues when given, keeps them when omitted, empties them with null; every change counts in the version', async () => {
    const [a, b, c] = [await queue('VOICE'), await queue('VOICE'), await queue('VIDEO')];
    const g = await group({ mediaClass: 'VOICE_VIDEO', skillQueueIds: [a, b] });
    const replaced = await update({ id: g.id, version: g.version, skillQueueIds: [b, c] });
    expect(replaced.skillQueueIds).toEqual([b, c].sort());
    expect(replaced.version).toBe(g.version + 1);
    const renamed = await update({ id: g.id, description: 'kept queues' });
    expect(renamed.skillQueueIds).toEqual([b, c].sort());
    const emptied = await update({ id: g.id, skillQueueIds: null });
    expect(emptied.skillQueueIds).toEqual([]);
    const stale = await mutate(admin, 'update', { id: g.id, version: g.version, skillQueueIds: [a] });
    expect(code(stale)).toBe('CONFLICT');
  });

  it("refuses a media class its queues do not fit, naming skillQueueIds and the queue's type", async () => {
    const voice = await queue('VOICE');
    const g = await group({ mediaClass: 'VOICE_VIDEO', skillQueueIds: [voice] });
    await expectRefused(
      'update',
      { id: g.id, mediaClass: 'MULTIMEDIA' },
      'skillQueueIds',
      /is VOICE; a MULTIMEDIA group holds only MULTIMEDIA and click-to-dial/,
    );
  });

  it('lists by media class', async () => {
    const g = await group({ mediaClass: 'MULTIMEDIA' });
    const list = await admin.ok<{ allSkillQueueGroups: Group[] }>(
      '{ allSkillQueueGroups(perPage: 500, filter: { mediaClass: MULTIMEDIA }) { id mediaClass } }',
    );
    expect(list.allSkillQueueGroups.map((x) => x.id)).toContain(g.id);
    expect(new Set(list.allSkillQueueGroups.map((x) => x.mediaClass))).toEqual(new Set(['MULTIMEDIA']));
  });
});

describe('the queues of a group', () => {
  it("keep a type of the group's class: VOICE to VIDEO is fine, VOICE to MULTIMEDIA is refused naming type", async () => {
    const q = await queue('VOICE');
    await group({ mediaClass: 'VOICE_VIDEO', skillQueueIds: [q] });
    await admin.ok('mutation($id: ID!) { updateSkillQueue(id: $id, type: VIDEO) { id } }', { id: q });
    const res = await admin.request('mutation($id: ID!) { updateSkillQueue(id: $id, type: MULTIMEDIA) { id } }', { id: q });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(res)).toEqual({ type: '1 skill queue group of VOICE and VIDEO queues holds this queue; take it out of it first' });
    const stored = await t.db().findOneOrFail(SkillQueue, { id: q });
    expect(stored.type).toBe('VIDEO');
  });

  it('cannot be deleted while a group holds them (HAS_RECORDS naming the groups); out of the group, they can', async () => {
    const q = await queue('MULTIMEDIA');
    const g = await group({ mediaClass: 'MULTIMEDIA', skillQueueIds: [q] });
    const res = await admin.request('mutation($id: ID!) { deleteSkillQueue(id: $id) { id } }', { id: q });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
    expect(res.errors?.[0]?.message).toMatch(/still used by skill queue groups/);
    await update({ id: g.id, skillQueueIds: [] });
    await admin.ok('mutation($id: ID!) { deleteSkillQueue(id: $id) { id } }', { id: q });
  });

  it('leave the group when it is deleted, and can be deleted then', async () => {
    const q = await queue('VOICE');
    const g = await group({ mediaClass: 'VOICE_VIDEO', skillQueueIds: [q] });
    await admin.ok('mutation($id: ID!) { deleteSkillQueueGroup(id: $id) { id } }', { id: g.id });
    expect(await t.db().count(SkillQueueGroupMember, { group: g.id })).toBe(0);
    await admin.ok('mutation($id: ID!) { deleteSkillQueue(id: $id) { id } }', { id: q });
  });
});

describe('skill queue groups: OU scope and audit', () => {
  const editorOf = async () => {
    const role = await createRole(admin, ['skill-queue-groups', 'skill-queue-groups:view', 'skill-queue-groups:create', 'skill-queue-groups:edit']);
    return (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
  };

  it('a North editor lists North and Unorganized groups, never South, and sees only the queues of its scope', async () => {
    const southQueue = await queue('VOICE', south);
    const northQueue = await queue('VOICE', north);
    const inNorth = await group({ mediaClass: 'VOICE_VIDEO', ouId: north, skillQueueIds: [southQueue, northQueue] });
    const inSouth = await group({ mediaClass: 'VOICE_VIDEO', ouId: south });
    const loose = await group({ mediaClass: 'VOICE_VIDEO' });
    const editor = await editorOf();
    const list = await editor.ok<{ allSkillQueueGroups: Group[] }>('{ allSkillQueueGroups(perPage: 500) { id skillQueueIds } }');
    const ids = list.allSkillQueueGroups.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([inNorth.id, loose.id]));
    expect(ids).not.toContain(inSouth.id);
    expect(list.allSkillQueueGroups.find((g) => g.id === inNorth.id)!.skillQueueIds).toEqual([northQueue]);
    expect(code(await editor.request('query($id: ID!) { SkillQueueGroup(id: $id) { id } }', { id: inSouth.id }))).toBe('NOT_FOUND');
  });

  it("a North editor's save keeps the queues it cannot see, and cannot add one of them", async () => {
    const southQueue = await queue('VOICE', south);
    const [n1, n2] = [await queue('VOICE', north), await queue('VIDEO', north)];
    const g = await group({ mediaClass: 'VOICE_VIDEO', ouId: north, skillQueueIds: [southQueue, n1] });
    const editor = await editorOf();
    expect((await update({ id: g.id, skillQueueIds: [n2] }, editor)).skillQueueIds).toEqual([n2]);
    const stored = await admin.ok<{ SkillQueueGroup: Group }>('query($id: ID!) { SkillQueueGroup(id: $id) { skillQueueIds } }', { id: g.id });
    expect(stored.SkillQueueGroup.skillQueueIds).toEqual([southQueue, n2].sort());
    const other = await queue('VOICE', south);
    const res = await mutate(editor, 'update', { id: g.id, skillQueueIds: [n2, other] });
    expect(fieldsOf(res)).toEqual({ skillQueueIds: `Skill queue not found: ${other}` });
  });

  it('a hidden queue of another class is refused without being named', async () => {
    const southQueue = await queue('VOICE', south);
    const g = await group({ mediaClass: 'VOICE_VIDEO', ouId: north, skillQueueIds: [southQueue] });
    const editor = await editorOf();
    const res = await mutate(editor, 'update', { id: g.id, mediaClass: 'MULTIMEDIA' });
    expect(fieldsOf(res)).toEqual({
      skillQueueIds: 'A skill queue outside your scope is VOICE; a MULTIMEDIA group holds only MULTIMEDIA and click-to-dial queues',
    });
  });

  it('leaves an audit entry per mutation, with the queues it holds', async () => {
    const [a, b] = [await queue('VOICE'), await queue('VOICE')];
    const g = await group({ mediaClass: 'VOICE_VIDEO', ouId: north, skillQueueIds: [a] });
    await update({ id: g.id, skillQueueIds: [a, b] });
    await admin.ok('mutation($id: ID!) { deleteSkillQueueGroup(id: $id) { id } }', { id: g.id });
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'SkillQueueGroup', recordId: g.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.ouId])).toEqual([
      ['created', north],
      ['updated', north],
      ['deleted', north],
    ]);
    expect(entries[1]!.changes).toEqual({ skillQueueIds: { before: [a], after: [a, b].sort() } });
  });
});
