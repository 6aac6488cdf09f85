import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { migrate } from '../../api/src/db/migrate';
import { ENTITIES, openOrm } from '../../api/src/db/orm';
import { RESOLVERS } from '../../api/src/schema';
import { serverConstraints } from '../../api/src/schema-artifacts';
import { widgetModule } from '../fixtures/example-module/widget.module';
import { Widget } from '../fixtures/example-module/widget.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 8: a new OU-owned resource with ten validated fields and one reference is three files in
 * its module folder (test/fixtures/example-module: entity, inputs, module with its one
 * declaration) plus the migration the ORM generates, and nothing else edited but the line naming
 * its module. It gets the whole grammar, the row scope, the permission rules, the audit trail,
 * field errors and what the console reads, from the kernel.
 */
const FOLDER = path.resolve(__dirname, '../fixtures/example-module');
const FIELDS = 'id name code description priority capacity enabled color tags contactEmail startsAt ouId version access { canEdit canDelete }';

let databaseUrl: string;
let generated: string;
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;

/** A database of its own: the product's migrations, then the one the ORM generates for the new entity. */
async function exampleDatabase(): Promise<string> {
  const server = new URL(inject('databaseUrl'));
  const name = `example_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  server.pathname = `/${name}`;
  const orm = await openOrm(server.toString(), { entities: [...ENTITIES, ...widgetModule.entities], pool: { min: 0, max: 2 } });
  try {
    await migrate(orm);
    generated = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    await orm.getSchemaGenerator().execute(generated);
  } finally {
    await orm.close();
  }
  return server.toString();
}

async function dropDatabase(url: string) {
  const server = new URL(url);
  const name = server.pathname.slice(1);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

beforeAll(async () => {
  databaseUrl = await exampleDatabase();
  t = await startTestApp({ modules: { manifests: [widgetModule], databaseUrl } });
  tenant = await createTestTenant(t.orm, 'example');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
});
afterAll(async () => {
  await t?.close();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

const VARIABLE_TYPES: Record<string, string> = { ou: 'ID', starts: 'DateTimeISO' };
const create = (client: GraphQLClient, args: string, variables: Record<string, unknown> = {}) => {
  const declared = Object.keys(variables).map((v) => `$${v}: ${VARIABLE_TYPES[v]}`);
  const head = declared.length ? `(${declared.join(', ')})` : '';
  return client.request<{ createWidget: Record<string, unknown> }>(`mutation${head} { createWidget(${args}) { ${FIELDS} } }`, variables);
};

describe('a new resource', () => {
  it('is three files in its module folder, and its migration is what the ORM generates for its entity', () => {
    const files = readdirSync(FOLDER).sort();
    expect(files).toEqual(['widget.entity.ts', 'widget.inputs.ts', 'widget.module.ts']);
    const lines = files.reduce((n, f) => n + readFileSync(path.join(FOLDER, f), 'utf8').trimEnd().split('\n').length, 0);
    expect(lines).toBeLessThan(180);
    // The generated migration touches the new table only.
    expect(generated).toMatch(/create table "widget"/);
    const tables = [...generated.matchAll(/(?:create table|alter table|\bon) "(\w+)"/g)].map((m) => m[1]);
    expect(new Set(tables)).toEqual(new Set(['widget']));
  });

  it('gets the whole grammar: create with every field, getOne, a sorted and searched page, count, update, delete', async () => {
    const created = await create(
      admin,
      'name: "  Alpha ", code: "ALPHA", description: "first", priority: 2, capacity: 50, enabled: false, color: "#FF8800", tags: [" a ", "b"], contactEmail: "ops@example.com", startsAt: $starts, ouId: $ou',
      { ou: north, starts: '2027-01-02T03:04:05.000Z' },
    );
    expect(created.errors).toBeUndefined();
    const w = created.data!.createWidget;
    expect(w).toMatchObject({
      name: 'Alpha',
      code: 'ALPHA',
      description: 'first',
      priority: 2,
      capacity: 50,
      enabled: false,
      color: '#FF8800',
      tags: ['a', 'b'],
      contactEmail: 'ops@example.com',
      startsAt: '2027-01-02T03:04:05.000Z',
      ouId: north,
      version: 1,
      access: { canEdit: true, canDelete: true },
    });
    await admin.ok('mutation($ou: ID) { createWidget(name: "Beta", code: "BETA", ouId: $ou) { id } }', { ou: south });

    const one = await admin.ok<{ Widget: { name: string } }>('query($id: ID!) { Widget(id: $id) { name } }', { id: w.id });
    expect(one.Widget.name).toBe('Alpha');
    const page = await admin.ok<{ allWidgets: { name: string }[]; _allWidgetsMeta: { count: number } }>(
      'query { allWidgets(sortField: "priority", sortOrder: "DESC") { name } _allWidgetsMeta { count } }',
    );
    expect(page.allWidgets.map((x) => x.name)).toEqual(['Beta', 'Alpha']);
    expect(page._allWidgetsMeta.count).toBe(2);
    const searched = await admin.ok<{ allWidgets: { name: string }[] }>('query { allWidgets(filter: { q: "alp" }) { name } }');
    expect(searched.allWidgets.map((x) => x.name)).toEqual(['Alpha']);
    const filtered = await admin.ok<{ allWidgets: { name: string }[] }>('query($ou: ID) { allWidgets(filter: { ouId: $ou }) { name } }', { ou: south });
    expect(filtered.allWidgets.map((x) => x.name)).toEqual(['Beta']);

    const updated = await admin.ok<{ updateWidget: Record<string, unknown> }>(
      `mutation($id: ID!, $ou: ID) { updateWidget(id: $id, version: 1, priority: 9, description: null, ouId: $ou) { ${FIELDS} } }`,
      { id: w.id, ou: south },
    );
    expect(updated.updateWidget).toMatchObject({ priority: 9, description: '', ouId: south, name: 'Alpha', capacity: 50, version: 2 });
    const stale = await admin.request(`mutation($id: ID!) { updateWidget(id: $id, version: 1, priority: 3) { id } }`, { id: w.id });
    expect(code(stale)).toBe('CONFLICT');

    await admin.ok('mutation($id: ID!) { deleteWidget(id: $id) { id } }', { id: w.id });
    expect(code(await admin.request('query($id: ID!) { Widget(id: $id) { id } }', { id: w.id }))).toBe('NOT_FOUND');
  });

  it('refuses bad input field by field, with nothing written', async () => {
    const before = await t.db().count(Widget, {});
    const bad = await create(
      admin,
      'name: "", code: "lower", priority: 11, capacity: -1, color: "red", tags: ["a", "b", "c", "d", "e", "f"], contactEmail: "nope"',
    );
    expect(code(bad)).toBe('BAD_USER_INPUT');
    const fields = bad.errors![0]!.extensions!.fields as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['capacity', 'code', 'color', 'contactEmail', 'name', 'priority', 'tags']);
    const missing = await create(admin, 'description: "no name"');
    expect(missing.errors![0]!.extensions!.fields).toEqual({ name: 'name is required', code: 'code is required' });
    const unknownOu = await create(admin, 'name: "Gamma", code: "GAMMA", ouId: $ou', { ou: '00000000-0000-4000-8000-000000000000' });
    expect(unknownOu.errors![0]!.extensions!.fields).toEqual({ ouId: 'OU not found' });
    await admin.ok('mutation { createWidget(name: "Taken", code: "T1") { id } }');
    const taken = await create(admin, 'name: "Taken", code: "T2"');
    expect(taken.errors![0]!.extensions!.fields).toEqual({ name: 'Widget "Taken" already exists' });
    expect(await t.db().count(Widget, {})).toBe(before + 1);
  });

  it('is scoped and guarded like every resource: OU scope, its page operations, the audit trail', async () => {
    const role = await createRole(admin, ['channels', 'channels:view', 'channels:create', 'channels:edit']);
    const editor = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] });
    await admin.ok('mutation($ou: ID) { createWidget(name: "South only", code: "SOUTH", ouId: $ou) { id } }', { ou: south });
    const mine = await create(editor.client, 'name: "North one", code: "NORTH", ouId: $ou', { ou: north });
    expect(mine.errors, JSON.stringify(mine.errors)).toBeUndefined();
    const seen = await editor.client.ok<{ allWidgets: { name: string }[] }>('query { allWidgets { name } }');
    // North and Unorganized (readable by everyone), never South.
    expect(seen.allWidgets.map((x) => x.name).sort()).toEqual(['North one', 'Taken']);
    // A reference outside the caller's scope is not found, like a missing one; a placement it may not write is FORBIDDEN.
    const hidden = await create(editor.client, 'name: "Moved", code: "MOVED", ouId: $ou', { ou: south });
    expect(hidden.errors![0]!.extensions!.fields).toEqual({ ouId: 'OU not found' });
    const unorganized = await create(editor.client, 'name: "Nowhere", code: "NOWHERE"');
    expect(code(unorganized)).toBe('FORBIDDEN');
    expect(code(await editor.client.request('mutation($id: ID!) { deleteWidget(id: $id) { id } }', { id: mine.data!.createWidget.id }))).toBe('FORBIDDEN');

    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordType: 'Widget', recordId: String(mine.data!.createWidget.id) });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'created', operation: 'createWidget', ouId: north });
    expect(entries[0]!.changes).toMatchObject({
      name: { before: null, after: 'North one' },
      code: { before: null, after: 'NORTH' },
      priority: { before: null, after: 5 },
      ouId: { before: null, after: north },
    });
  });

  it('publishes its limits, sort fields and permissions for the console', () => {
    const published = serverConstraints([...RESOLVERS, ...widgetModule.resolvers]);
    expect(published.mutations.createWidget).toMatchObject({
      name: { minLength: 1, maxLength: 64 },
      priority: { min: 1, max: 10, integer: true },
      tags: { maxItems: 5, each: true },
      ouId: { reference: 'OrgUnit', pickFrom: 'writable', nullLabel: 'Unorganized' },
    });
    expect(published.resources.Widget?.sortable).toEqual(['id', 'createdAt', 'updatedAt', 'name', 'code', 'priority']);
    expect(published.operations['Mutation.createWidget']).toBe('channels:create');
    expect(published.operations['Query.allWidgets']).toBe('channels:view');
  });
});
