import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';

let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

const OU_FIELDS = 'id name path parentId version';
const CREATE = `mutation($name: String!, $parentId: ID) { createOrgUnit(name: $name, parentId: $parentId) { ${OU_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $name: String, $parentId: ID, $version: Int) { updateOrgUnit(id: $id, name: $name, parentId: $parentId, version: $version) { ${OU_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteOrgUnit(id: $id) { id name } }`;

interface Ou {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  version: number;
}

async function create(name: string, parentId?: string): Promise<Ou> {
  return (await admin.ok<{ createOrgUnit: Ou }>(CREATE, { name, parentId })).createOrgUnit;
}

/** Rows of the tenant straight from the database: what "nothing written" is checked against. */
async function snapshot() {
  const rows = await t.db().find(OrgUnit, { tenant: tenant.tenantId }, { orderBy: { id: 'ASC' } });
  return rows.map((r) => ({ id: r.id, name: r.name, path: r.path, parent: r.parent?.id ?? null, version: r.version }));
}

async function expectRejected(query: string, variables: Record<string, unknown>, code: string, field?: string) {
  const before = await snapshot();
  const res = await admin.request(query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  if (field) expect(Object.keys(res.errors?.[0]?.extensions?.fields ?? {})).toEqual([field]);
  expect(await snapshot()).toEqual(before);
  return res.errors![0]!;
}

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'ou');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

describe('OU tree', () => {
  it('starts with DefaultOU', async () => {
    const { allOrgUnits } = await admin.ok<{ allOrgUnits: Ou[] }>(`{ allOrgUnits { ${OU_FIELDS} } }`);
    expect(allOrgUnits.map((o) => o.name)).toEqual(['DefaultOU']);
  });

  it('creates top-level and child OUs with their path', async () => {
    const sales = await create('Sales');
    const emea = await create('EMEA', sales.id);
    expect(emea).toMatchObject({ name: 'EMEA', parentId: sales.id, path: 'Sales / EMEA', version: 1 });
    const { OrgUnit } = await admin.ok<{ OrgUnit: Ou & { parent: { name: string } } }>(
      `query($id: ID!) { OrgUnit(id: $id) { ${OU_FIELDS} parent { name } } }`,
      { id: emea.id },
    );
    expect(OrgUnit.parent.name).toBe('Sales');
  });

  it('trims names and keeps the same name allowed under different parents', async () => {
    const a = await create('  Dup-A  ');
    const b = await create('Dup-B');
    expect(a.name).toBe('Dup-A');
    await create('Team', a.id);
    expect((await create('Team', b.id)).path).toBe('Dup-B / Team');
  });

  it('refuses a duplicate name among siblings, case-insensitively, writing nothing', async () => {
    const p = await create('Parent-Dup');
    await create('Billing', p.id);
    const error = await expectRejected(CREATE, { name: 'BILLING', parentId: p.id }, 'BAD_USER_INPUT', 'name');
    expect(error.message).toContain('already exists under "Parent-Dup"');
    await expectRejected(CREATE, { name: 'defaultou' }, 'BAD_USER_INPUT', 'name');
  });

  it.each([
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a 101-character name', { name: 'x'.repeat(101) }],
  ])('refuses %s on the name field', async (_label, vars) => {
    await expectRejected(CREATE, vars, 'BAD_USER_INPUT', 'name');
  });

  it('accepts a 100-character name', async () => {
    expect((await create('y'.repeat(100))).name).toHaveLength(100);
  });

  it.each([
    ['an unknown parent', '3b241101-e2bb-4255-8caf-4136c566a962'],
    ['a malformed parent id', 'not-an-id'],
  ])('refuses %s on the parentId field', async (_label, parentId) => {
    await expectRejected(CREATE, { name: 'Orphan', parentId }, 'BAD_USER_INPUT', 'parentId');
  });

  it('renames an OU and re-paths its whole subtree without bumping the children', async () => {
    const root = await create('Region');
    const mid = await create('Zone', root.id);
    const leaf = await create('Desk', mid.id);
    const renamed = (await admin.ok<{ updateOrgUnit: Ou }>(UPDATE, { id: root.id, name: 'Territory', version: 1 })).updateOrgUnit;
    expect(renamed).toMatchObject({ name: 'Territory', path: 'Territory', version: 2 });
    const { OrgUnit } = await admin.ok<{ OrgUnit: Ou }>(`query($id: ID!) { OrgUnit(id: $id) { ${OU_FIELDS} } }`, { id: leaf.id });
    expect(OrgUnit).toMatchObject({ path: 'Territory / Zone / Desk', version: 1 });
  });

  // Found by the isolation property: the path was built from the unloaded parent reference ("undefined / Booth").
  it('renames an OU below another: its path and its subtree keep the parent path', async () => {
    const root = await create('Hall');
    const mid = await create('Row', root.id);
    const leaf = await create('Seat', mid.id);
    const renamed = (await admin.ok<{ updateOrgUnit: Ou }>(UPDATE, { id: mid.id, name: 'Booth' })).updateOrgUnit;
    expect(renamed.path).toBe('Hall / Booth');
    const { OrgUnit } = await admin.ok<{ OrgUnit: Ou }>(`query($id: ID!) { OrgUnit(id: $id) { ${OU_FIELDS} } }`, { id: leaf.id });
    expect(OrgUnit.path).toBe('Hall / Booth / Seat');
  });

  it('moves an OU under another and back to the top level', async () => {
    const a = await create('Move-A');
    const b = await create('Move-B');
    const child = await create('Kid', a.id);
    const moved = (await admin.ok<{ updateOrgUnit: Ou }>(UPDATE, { id: a.id, parentId: b.id })).updateOrgUnit;
    expect(moved.path).toBe('Move-B / Move-A');
    const kid = (await admin.ok<{ OrgUnit: Ou }>(`query($id: ID!) { OrgUnit(id: $id) { ${OU_FIELDS} } }`, { id: child.id })).OrgUnit;
    expect(kid.path).toBe('Move-B / Move-A / Kid');
    const back = (await admin.ok<{ updateOrgUnit: Ou }>(UPDATE, { id: a.id, parentId: null })).updateOrgUnit;
    expect(back).toMatchObject({ parentId: null, path: 'Move-A' });
  });

  it('refuses moves that would make a cycle', async () => {
    const top = await create('Cycle-Top');
    const mid = await create('Cycle-Mid', top.id);
    const low = await create('Cycle-Low', mid.id);
    await expectRejected(UPDATE, { id: top.id, parentId: top.id }, 'BAD_USER_INPUT', 'parentId');
    await expectRejected(UPDATE, { id: top.id, parentId: low.id }, 'BAD_USER_INPUT', 'parentId');
    await expectRejected(UPDATE, { id: top.id, parentId: mid.id }, 'BAD_USER_INPUT', 'parentId');
  });

  it('refuses a move into a parent that already has a child of that name', async () => {
    const x = await create('Has-Ops');
    await create('Ops', x.id);
    const ops2 = await create('Ops');
    await expectRejected(UPDATE, { id: ops2.id, parentId: x.id }, 'BAD_USER_INPUT', 'name');
  });

  it('answers a stale version with CONFLICT and writes nothing', async () => {
    const ou = await create('Versioned');
    await admin.ok(UPDATE, { id: ou.id, name: 'Versioned-2', version: 1 });
    await expectRejected(UPDATE, { id: ou.id, name: 'Versioned-3', version: 1 }, 'CONFLICT');
  });

  it('refuses a null name on update (omitted means unchanged, null is invalid)', async () => {
    const ou = await create('Keep-Name');
    await expectRejected(UPDATE, { id: ou.id, name: null }, 'BAD_USER_INPUT', 'name');
    const same = (await admin.ok<{ updateOrgUnit: Ou }>(UPDATE, { id: ou.id })).updateOrgUnit;
    expect(same).toMatchObject({ name: 'Keep-Name', version: 1 });
  });

  it('refuses to delete an OU that has children', async () => {
    const p = await create('Parent-Del');
    await create('Child-Del', p.id);
    const error = await expectRejected(DELETE, { id: p.id }, 'BAD_USER_INPUT', 'id');
    expect(error.extensions?.reason).toBe('HAS_CHILDREN');
  });

  it("refuses to delete an OU that still has records (the admin's home OU)", async () => {
    const error = await expectRejected(DELETE, { id: tenant.defaultOuId }, 'BAD_USER_INPUT', 'id');
    expect(error.extensions?.reason).toBe('HAS_RECORDS');
    expect(error.message).toContain('employees');
  });

  it('deletes a leaf, which is then NOT_FOUND', async () => {
    const leaf = await create('Leaf-Del');
    const { deleteOrgUnit } = await admin.ok<{ deleteOrgUnit: { id: string; name: string } }>(DELETE, { id: leaf.id });
    expect(deleteOrgUnit).toEqual({ id: leaf.id, name: 'Leaf-Del' });
    const res = await admin.request(`query($id: ID!) { OrgUnit(id: $id) { id } }`, { id: leaf.id });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await expectRejected(DELETE, { id: leaf.id }, 'NOT_FOUND');
  });

  it.each(['00000000-0000-0000-0000-000000000000', 'garbage'])('reports %s as NOT_FOUND on read, update and delete', async (id) => {
    for (const [query, vars] of [
      ['query($id: ID!) { OrgUnit(id: $id) { id } }', { id }],
      [UPDATE, { id, name: 'x' }],
      [DELETE, { id }],
    ] as const) {
      const res = await admin.request(query, vars);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe('OU not found');
    }
  });

  it('serialises concurrent moves so no cycle can be created', async () => {
    const a = await create('Race-A');
    const b = await create('Race-B');
    const results = await Promise.all([admin.request(UPDATE, { id: a.id, parentId: b.id }), admin.request(UPDATE, { id: b.id, parentId: a.id })]);
    const failed = results.filter((r) => r.errors);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.errors![0]!.extensions?.fields).toHaveProperty('parentId');
  });
});

describe('OU lists', () => {
  let listAdmin: GraphQLClient;
  beforeAll(async () => {
    const other = await createTestTenant(t.orm, 'oul');
    listAdmin = await t.loginAs(other.adminAccount, other.password);
    const north = (await listAdmin.ok<{ createOrgUnit: Ou }>(CREATE, { name: 'North' })).createOrgUnit;
    for (const name of ['North-East', 'North-West', 'North_Central']) await listAdmin.ok(CREATE, { name, parentId: north.id });
    await listAdmin.ok(CREATE, { name: 'South' });
  });

  const list = async (args: string) =>
    await listAdmin.ok<{ allOrgUnits: Ou[]; _allOrgUnitsMeta: { count: number } }>(
      `{ allOrgUnits${args} { ${OU_FIELDS} } _allOrgUnitsMeta${metaArgs(args)} { count } }`,
    );
  const metaArgs = (args: string) => {
    const filter = /filter: (\{[^}]*\})/.exec(args)?.[1];
    return filter ? `(filter: ${filter})` : '';
  };

  it('lists in tree order by default (each OU after its parent), with the total count', async () => {
    const paths = (await list('')).allOrgUnits.map((o) => o.path);
    expect(paths).toHaveLength(6);
    expect(paths[0]).toBe('DefaultOU');
    expect(paths[1]).toBe('North');
    expect(paths.slice(2, 5).sort()).toEqual(['North / North-East', 'North / North-West', 'North / North_Central']);
    expect(paths[5]).toBe('South');
    expect((await list(''))._allOrgUnitsMeta.count).toBe(6);
  });

  it('pages with zero-based page and perPage', async () => {
    const all = (await list('(sortField: "name", sortOrder: "ASC")')).allOrgUnits.map((o) => o.name);
    expect(all[0]).toBe('DefaultOU');
    expect(all[5]).toBe('South');
    const page1 = (await list('(page: 1, perPage: 2, sortField: "name", sortOrder: "ASC")')).allOrgUnits.map((o) => o.name);
    expect(page1).toEqual(all.slice(2, 4));
    const desc = (await list('(sortField: "name", sortOrder: "DESC")')).allOrgUnits.map((o) => o.name);
    expect(desc).toEqual([...all].reverse());
  });

  it('filters by q (literal, wildcards escaped), ids and parentId, and counts the same', async () => {
    const byQ = await list('(filter: { q: "north-" })');
    expect(byQ.allOrgUnits.map((o) => o.name).sort()).toEqual(['North-East', 'North-West']);
    expect(byQ._allOrgUnitsMeta.count).toBe(2);
    const underscore = await list('(filter: { q: "h_c" })');
    expect(underscore.allOrgUnits.map((o) => o.name)).toEqual(['North_Central']);
    const north = (await list('(filter: { q: "North" })')).allOrgUnits.find((o) => o.name === 'North')!;
    const children = await list(`(filter: { parentId: "${north.id}" })`);
    expect(children._allOrgUnitsMeta.count).toBe(3);
    const byIds = await list(`(filter: { ids: ["${north.id}"] })`);
    expect(byIds.allOrgUnits.map((o) => o.id)).toEqual([north.id]);
  });

  it.each([
    ['an unknown sort field', '(sortField: "passwordHash")', 'sortField'],
    ['a bad sort order', '(sortOrder: "SIDEWAYS")', 'sortOrder'],
    ['a negative page', '(page: -1)', 'page'],
    ['a page size over 500', '(perPage: 501)', 'perPage'],
  ])('refuses %s', async (_label, args, field) => {
    const res = await listAdmin.request(`{ allOrgUnits${args} { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields).toHaveProperty(field);
  });
});
