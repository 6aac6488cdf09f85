import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { AccessCode } from '../../api/src/modules/routing/access-code.entity';
import { Ivr } from '../../api/src/modules/routing/ivr.entity';
import { VoicePrompt } from '../../api/src/modules/routing/voice-prompt.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, items 2 (IVRs, voice prompts) and 3 (access codes): SPEC §6's fields and limits,
 * uniqueness, the OU scope and the audit trail, over the real HTTP pipeline.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'routing');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
});
afterAll(() => t?.close());

type Vars = Record<string, unknown>;
type Row = Record<string, unknown> & { id: string; version: number; ouId: string | null };

interface Kind {
  type: 'AccessCode' | 'Ivr' | 'VoicePrompt';
  entity: typeof AccessCode | typeof Ivr | typeof VoicePrompt;
  /** GraphQL types of the arguments. */
  args: Record<string, string>;
  /** A valid record; each test changes what it checks. */
  valid: () => Vars;
  menu: string;
}

let serial = 0;
const next = () => String(++serial);

const ACCESS_CODE: Kind = {
  type: 'AccessCode',
  entity: AccessCode,
  args: { code: 'String', mediaType: 'RoutingMediaType', ouId: 'ID' },
  valid: () => ({ code: `7${next().padStart(6, '0')}`, mediaType: 'VOICE' }),
  menu: 'access-codes',
};
const IVR: Kind = {
  type: 'Ivr',
  entity: Ivr,
  args: { name: 'String', accessCode: 'String', mediaType: 'CallMediaType', ouId: 'ID' },
  valid: () => {
    const n = next();
    return { name: `IVR ${n}`, accessCode: `8${n.padStart(6, '0')}`, mediaType: 'VOICE' };
  },
  menu: 'called-routes',
};
const VOICE_PROMPT: Kind = {
  type: 'VoicePrompt',
  entity: VoicePrompt,
  args: { name: 'String', mediaType: 'CallMediaType', fileUrl: 'String', ouId: 'ID' },
  valid: () => ({ name: `Prompt ${next()}`, mediaType: 'VIDEO', fileUrl: 'https://media.example.com/tones/wait.wav' }),
  menu: 'skill-queues',
};
const KINDS = [ACCESS_CODE, IVR, VOICE_PROMPT];

const selection = (k: Kind) => `id version ${Object.keys(k.args).join(' ')} access { canEdit canDelete }`;

function mutate(client: GraphQLClient, k: Kind, op: 'create' | 'update', vars: Vars) {
  const types: Record<string, string> = { ...k.args, ...(op === 'update' ? { id: 'ID!', version: 'Int' } : {}) };
  const given = Object.keys(vars);
  const head = given.length ? `(${given.map((v) => `$${v}: ${types[v]}`).join(', ')})` : '';
  const args = given.length ? `(${given.map((v) => `${v}: $${v}`).join(', ')})` : '';
  return client.request<Record<string, Row>>(`mutation${head} { ${op}${k.type}${args} { ${selection(k)} } }`, vars);
}
const create = (client: GraphQLClient, k: Kind, vars: Vars) => mutate(client, k, 'create', vars);
async function created(client: GraphQLClient, k: Kind, vars: Vars): Promise<Row> {
  const res = await create(client, k, vars);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data![`create${k.type}`]!;
}
const count = (k: Kind) => t.db().count(k.entity, { tenant: tenant.tenantId });
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;

/** Refused as BAD_USER_INPUT naming `field` (and only it), with nothing written. */
async function expectRefused(k: Kind, vars: Vars, field: string) {
  const before = await count(k);
  const res = await create(admin, k, vars);
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {})).toEqual([field]);
  expect(await count(k)).toBe(before);
}

const DIGITS_INSIDE = ['12345', '0', '9', '1'.repeat(24), '0'.repeat(23)];
const DIGITS_OUTSIDE = ['', '1'.repeat(25), '12a45', '+12345', '123 45', '12-45', '１２３', '١٢٣'];

describe('access codes', () => {
  it('creates one with every field and reads it back', async () => {
    const row = await created(admin, ACCESS_CODE, { code: '4000123', mediaType: 'MULTIMEDIA', ouId: north });
    expect(row).toMatchObject({ code: '4000123', mediaType: 'MULTIMEDIA', ouId: north, version: 1, access: { canEdit: true, canDelete: true } });
    const one = await admin.ok<{ AccessCode: Row }>('query($id: ID!) { AccessCode(id: $id) { code mediaType ouId } }', { id: row.id });
    expect(one.AccessCode).toEqual({ code: '4000123', mediaType: 'MULTIMEDIA', ouId: north });
  });

  it.each(DIGITS_INSIDE)('accepts the code %j (digits, 1 to 24)', async (value) => {
    const row = await created(admin, ACCESS_CODE, { ...ACCESS_CODE.valid(), code: value });
    expect(row.code).toBe(value);
  });

  it.each(DIGITS_OUTSIDE)('refuses the code %j, naming code', (value) => expectRefused(ACCESS_CODE, { ...ACCESS_CODE.valid(), code: value }, 'code'));

  it.each(['VOICE', 'VIDEO', 'MULTIMEDIA', 'VOICE_CLICK_TO_DIAL', 'VIDEO_CLICK_TO_DIAL'])('takes the media type %s', async (mediaType) => {
    expect((await created(admin, ACCESS_CODE, { ...ACCESS_CODE.valid(), mediaType })).mediaType).toBe(mediaType);
  });

  it('is unique in the tenant: a second one is a field error on code, another tenant may have it', async () => {
    await created(admin, ACCESS_CODE, { code: '5550100', mediaType: 'VOICE' });
    const before = await count(ACCESS_CODE);
    const taken = await create(admin, ACCESS_CODE, { code: '5550100', mediaType: 'VIDEO', ouId: south });
    expect(code(taken)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(taken)).toEqual({ code: 'Access code "5550100" already exists' });
    expect(await count(ACCESS_CODE)).toBe(before);

    const other = await createTestTenant(t.orm, 'routing2');
    const otherAdmin = await t.loginAs(other.adminAccount, other.password);
    expect((await created(otherAdmin, ACCESS_CODE, { code: '5550100', mediaType: 'VOICE' })).code).toBe('5550100');
  });

  it('renaming onto a taken code is the same field error, and nothing changes', async () => {
    await created(admin, ACCESS_CODE, { code: '5550200', mediaType: 'VOICE' });
    const row = await created(admin, ACCESS_CODE, { code: '5550201', mediaType: 'VOICE' });
    const res = await mutate(admin, ACCESS_CODE, 'update', { id: row.id, version: 1, code: '5550200' });
    expect(fieldsOf(res)).toEqual({ code: 'Access code "5550200" already exists' });
    const after = await admin.ok<{ AccessCode: Row }>('query($id: ID!) { AccessCode(id: $id) { code version } }', { id: row.id });
    expect(after.AccessCode).toEqual({ code: '5550201', version: 1 });
  });
});

describe('IVRs', () => {
  it('creates one with every field', async () => {
    const row = await created(admin, IVR, { name: '  Main menu ', accessCode: '1000', mediaType: 'VIDEO', ouId: north });
    expect(row).toMatchObject({ name: 'Main menu', accessCode: '1000', mediaType: 'VIDEO', ouId: north, version: 1 });
  });

  it.each(DIGITS_INSIDE)('accepts the access code %j (digits, 1 to 24)', async (value) => {
    expect((await created(admin, IVR, { ...IVR.valid(), accessCode: value })).accessCode).toBe(value);
  });

  it.each(DIGITS_OUTSIDE)('refuses the access code %j, naming accessCode', (value) => expectRefused(IVR, { ...IVR.valid(), accessCode: value }, 'accessCode'));

  it('answers voice or video calls only: MULTIMEDIA is not a value of its media type, nothing written', async () => {
    const before = await count(IVR);
    const res = await create(admin, IVR, { ...IVR.valid(), mediaType: 'MULTIMEDIA' });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).toMatch(/mediaType/);
    expect(await count(IVR)).toBe(before);
  });

  it('has a name and an access code unique in the tenant, the name ignoring case', async () => {
    await created(admin, IVR, { name: 'Sales IVR', accessCode: '2000', mediaType: 'VOICE' });
    const before = await count(IVR);
    const sameName = await create(admin, IVR, { name: 'sales ivr', accessCode: '2001', mediaType: 'VOICE' });
    expect(fieldsOf(sameName)).toEqual({ name: 'IVR "sales ivr" already exists' });
    const sameCode = await create(admin, IVR, { name: 'Support IVR', accessCode: '2000', mediaType: 'VIDEO' });
    expect(fieldsOf(sameCode)).toEqual({ accessCode: 'IVR "2000" already exists' });
    expect(await count(IVR)).toBe(before);
  });
});

describe('voice prompts', () => {
  it('creates one with every field', async () => {
    const row = await created(admin, VOICE_PROMPT, { name: 'Hold music', mediaType: 'VOICE', fileUrl: 'https://cdn.example.com/hold.wav', ouId: south });
    expect(row).toMatchObject({ name: 'Hold music', mediaType: 'VOICE', fileUrl: 'https://cdn.example.com/hold.wav', ouId: south, version: 1 });
  });

  const base = 'https://media.example.com/';
  it.each([
    ['an https URL', 'https://media.example.com/tones/wait.wav'],
    ['an http URL on an internal host', 'http://mediaserver:8080/tones/wait.wav'],
    ['2048 characters', base + 'a'.repeat(2048 - base.length)],
  ])('accepts a file reference: %s', async (_label, fileUrl) => {
    expect((await created(admin, VOICE_PROMPT, { ...VOICE_PROMPT.valid(), fileUrl })).fileUrl).toBe(fileUrl);
  });

  it.each([
    ['2049 characters', base + 'a'.repeat(2049 - base.length)],
    ['empty', ''],
    ['no scheme', 'media.example.com/wait.wav'],
    ['a path', '/tones/wait.wav'],
    ['another scheme', 'ftp://media.example.com/wait.wav'],
    ['script', 'javascript:alert(1)'],
    ['not a URL', 'wait tone'],
  ])('refuses a file reference: %s, naming fileUrl', (_label, fileUrl) => expectRefused(VOICE_PROMPT, { ...VOICE_PROMPT.valid(), fileUrl }, 'fileUrl'));

  it('has a name unique in the tenant ignoring case', async () => {
    await created(admin, VOICE_PROMPT, { ...VOICE_PROMPT.valid(), name: 'Welcome' });
    const res = await create(admin, VOICE_PROMPT, { ...VOICE_PROMPT.valid(), name: 'WELCOME' });
    expect(fieldsOf(res)).toEqual({ name: 'Voice prompt "WELCOME" already exists' });
  });
});

describe.each([IVR, VOICE_PROMPT])('names of $type', (k) => {
  it.each([
    ['one character', 'a'],
    ['100 characters', 'n'.repeat(100)],
    ['spaces, dashes, dots, underscores, brackets, quotes and @', 'Main-menu_2.0 [night] "B" @HQ'],
    ['letters of any script', 'Übersicht 中文 العربية'],
  ])('accepts %s', async (_label, name) => {
    expect((await created(admin, k, { ...k.valid(), name })).name).toBe(name);
  });

  it.each([
    ['empty', ''],
    ['101 characters', 'n'.repeat(101)],
    ...[..."`~!#$%^&*()+=|{}':;,<>/?"].map((c) => [`the forbidden character ${c}`, `Menu${c}1`]),
    ['a tab', 'Menu\t1'],
    ['a line feed', 'Menu\n1'],
    ['a NUL', 'Menu\u00001'],
    ['an escape', 'Menu\u001b1'],
    ['DEL', 'Menu\u007f1'],
    ['a C1 control', 'Menu\u00851'],
  ])('refuses %s, naming name', (_label, name) => expectRefused(k, { ...k.valid(), name }, 'name'));
});

describe.each(KINDS)('$type: required fields', (k) => {
  const required = Object.keys(k.valid());
  it('a create without them names each', async () => {
    const before = await count(k);
    const res = await create(admin, k, {});
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(res)).toEqual(Object.fromEntries(required.map((f) => [f, `${f} is required`])));
    expect(await count(k)).toBe(before);
  });

  it.each(required)('an update may not clear %s', async (field) => {
    const row = await created(admin, k, k.valid());
    const res = await mutate(admin, k, 'update', { id: row.id, version: 1, [field]: null });
    expect(fieldsOf(res)).toEqual({ [field]: `${field} is required` });
  });
});

describe.each(KINDS)('$type: OU scope and audit', (k) => {
  let editor: GraphQLClient;
  let inNorth: Row;
  let inSouth: Row;
  let unorganized: Row;
  const list = `all${k.type}s`;

  beforeAll(async () => {
    const role = await createRole(admin, [k.menu, `${k.menu}:view`, `${k.menu}:create`, `${k.menu}:edit`]);
    editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    inNorth = await created(admin, k, { ...k.valid(), ouId: north });
    inSouth = await created(admin, k, { ...k.valid(), ouId: south });
    unorganized = await created(admin, k, k.valid());
  });

  it('a North editor lists and counts North and Unorganized, never South', async () => {
    const seen = await editor.ok<Record<string, Row[]>>(`query { ${list}(perPage: 500) { id ouId } _${list}Meta { count } }`);
    const ous = new Set(seen[list]!.map((r) => r.ouId));
    expect([...ous].every((ou) => ou === north || ou === null)).toBe(true);
    const ids = seen[list]!.map((r) => r.id);
    expect(ids).toContain(inNorth.id);
    expect(ids).toContain(unorganized.id);
    expect(ids).not.toContain(inSouth.id);
    expect((seen[`_${list}Meta`] as unknown as { count: number }).count).toBe(ids.length);
  });

  it('a South record is not found, to read or to change', async () => {
    expect(code(await editor.request(`query($id: ID!) { ${k.type}(id: $id) { id } }`, { id: inSouth.id }))).toBe('NOT_FOUND');
    expect(code(await mutate(editor, k, 'update', { id: inSouth.id, version: 1, ouId: north }))).toBe('NOT_FOUND');
  });

  it('it writes North; Unorganized is read-only to it; a South OU is "not found"', async () => {
    const mine = await created(editor, k, { ...k.valid(), ouId: north });
    expect(mine.access).toEqual({ canEdit: true, canDelete: false });
    const read = await editor.ok<Record<string, Row>>(`query($id: ID!) { ${k.type}(id: $id) { id access { canEdit canDelete } } }`, { id: unorganized.id });
    expect(read[k.type]!.access).toEqual({ canEdit: false, canDelete: false });

    const before = await count(k);
    expect(code(await create(editor, k, k.valid()))).toBe('FORBIDDEN');
    expect(code(await mutate(editor, k, 'update', { id: unorganized.id, version: 1, ouId: north }))).toBe('FORBIDDEN');
    const elsewhere = await create(editor, k, { ...k.valid(), ouId: south });
    expect(fieldsOf(elsewhere)).toEqual({ ouId: 'OU not found' });
    const moved = await mutate(editor, k, 'update', { id: mine.id, version: 1, ouId: south });
    expect(fieldsOf(moved)).toEqual({ ouId: 'OU not found' });
    expect(code(await editor.request(`mutation($id: ID!) { delete${k.type}(id: $id) { id } }`, { id: mine.id }))).toBe('FORBIDDEN');
    expect(await count(k)).toBe(before);
  });

  it('is refused without its page', async () => {
    const role = await createRole(admin, ['audit', 'audit:view']);
    const stranger = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    expect(code(await stranger.request(`query { ${list} { id } }`))).toBe('FORBIDDEN');
  });

  it('leaves an audit entry per mutation: created, updated, deleted', async () => {
    const row = await created(admin, k, { ...k.valid(), ouId: north });
    const changed = { ...k.valid(), ouId: south };
    await admin.ok(`mutation($id: ID!, $ou: ID) { update${k.type}(id: $id, version: 1, ouId: $ou) { id } }`, { id: row.id, ou: changed.ouId });
    await admin.ok(`mutation($id: ID!) { delete${k.type}(id: $id) { id } }`, { id: row.id });
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: k.type, recordId: row.id }, { orderBy: { at: 'ASC' } });
    expect(entries.map((e) => [e.action, e.operation, e.ouId])).toEqual([
      ['created', `create${k.type}`, north],
      ['updated', `update${k.type}`, south],
      ['deleted', `delete${k.type}`, south],
    ]);
    const first = Object.keys(k.valid())[0]!;
    expect(entries[0]!.changes).toMatchObject({ [first]: { before: null, after: row[first] }, ouId: { before: null, after: north } });
    expect(entries[1]!.changes).toEqual({ ouId: { before: north, after: south } });
  });
});

describe.each([
  [ACCESS_CODE, 'access codes'],
  [IVR, 'IVRs'],
  [VOICE_PROMPT, 'voice prompts'],
] as const)('an OU holding %s', (k, what) => {
  it(`cannot be deleted: the error names the ${what} (HAS_RECORDS); once they are gone it can`, async () => {
    const ou = await createOu(admin, `Holds ${k.type} ${next()}`);
    const row = await created(admin, k, { ...k.valid(), ouId: ou });
    const res = await admin.request('mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }', { id: ou });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`still has ${what};`));
    await admin.ok(`mutation($id: ID!) { delete${k.type}(id: $id) { id } }`, { id: row.id });
    await admin.ok('mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }', { id: ou });
  });
});
