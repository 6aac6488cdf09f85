import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { Tenant } from '../../api/src/common/tenant.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';

let t: TestApp;
let demo: Awaited<ReturnType<typeof createTestTenant>>;
let acme: Awaited<ReturnType<typeof createTestTenant>>;
let demoAdmin: GraphQLClient;
let acmeAdmin: GraphQLClient;
let demoOuIds: string[];

beforeAll(async () => {
  t = await startTestApp();
  demo = await createTestTenant(t.orm, 'demo');
  acme = await createTestTenant(t.orm, 'acme');
  demoAdmin = await t.loginAs(demo.adminAccount, demo.password);
  acmeAdmin = await t.loginAs(acme.adminAccount, acme.password);
  const north = await demoAdmin.ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(name: "North") { id } }');
  await demoAdmin.ok('mutation($p: ID) { createOrgUnit(name: "North-East", parentId: $p) { id } }', { p: north.createOrgUnit.id });
  demoOuIds = (await demoAdmin.ok<{ allOrgUnits: { id: string }[] }>('{ allOrgUnits { id } }')).allOrgUnits.map((o) => o.id);
});
afterAll(() => t?.close());

async function demoRows() {
  const rows = await t.db().find(OrgUnit, { tenant: demo.tenantId }, { orderBy: { id: 'ASC' } });
  return rows.map((r) => [r.id, r.name, r.path, r.parent?.id ?? null, r.version]);
}

describe('cross-tenant isolation (acme admin vs demo data)', () => {
  it('lists and counts only its own OUs, whatever filter it passes', async () => {
    const own = await acmeAdmin.ok<{ allOrgUnits: { id: string }[]; _allOrgUnitsMeta: { count: number } }>(
      '{ allOrgUnits(perPage: 500) { id } _allOrgUnitsMeta { count } }',
    );
    expect(own.allOrgUnits.map((o) => o.id)).toEqual([acme.defaultOuId]);
    expect(own._allOrgUnitsMeta.count).toBe(1);
    const byIds = await acmeAdmin.ok<{ allOrgUnits: unknown[]; _allOrgUnitsMeta: { count: number } }>(
      'query($ids: [ID!]) { allOrgUnits(filter: { ids: $ids }) { id } _allOrgUnitsMeta(filter: { ids: $ids }) { count } }',
      { ids: demoOuIds },
    );
    expect(byIds.allOrgUnits).toEqual([]);
    expect(byIds._allOrgUnitsMeta.count).toBe(0);
    const byParent = await acmeAdmin.ok<{ allOrgUnits: unknown[] }>('query($p: ID) { allOrgUnits(filter: { parentId: $p }) { id } }', { p: demoOuIds[1] });
    expect(byParent.allOrgUnits).toEqual([]);
  });

  it('reads, updates and deletes of demo ids are NOT_FOUND, exactly like missing ids, and change nothing', async () => {
    const before = await demoRows();
    for (const id of demoOuIds) {
      for (const [query, vars] of [
        ['query($id: ID!) { OrgUnit(id: $id) { id name } }', { id }],
        ['mutation($id: ID!) { updateOrgUnit(id: $id, name: "Hijacked") { id } }', { id }],
        ['mutation($id: ID!) { updateOrgUnit(id: $id, parentId: null) { id } }', { id }],
        ['mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }', { id }],
      ] as const) {
        const res = await acmeAdmin.request(query, vars);
        expect(res.errors?.[0]).toMatchObject({ message: 'OU not found', extensions: { code: 'NOT_FOUND' } });
      }
    }
    expect(await demoRows()).toEqual(before);
  });

  it('cannot attach its own OUs under a demo OU, nor move one there', async () => {
    const before = await demoRows();
    const created = await acmeAdmin.request('mutation($p: ID) { createOrgUnit(name: "Spy", parentId: $p) { id } }', { p: demoOuIds[0] });
    expect(created.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { parentId: 'Parent OU not found' } });
    const moved = await acmeAdmin.request('mutation($id: ID!, $p: ID) { updateOrgUnit(id: $id, parentId: $p) { id } }', {
      id: acme.defaultOuId,
      p: demoOuIds[0],
    });
    expect(moved.errors?.[0]?.extensions?.fields).toEqual({ parentId: 'Parent OU not found' });
    expect(await demoRows()).toEqual(before);
  });

  it('does not see a demo parent through nested fields', async () => {
    const { allOrgUnits } = await demoAdmin.ok<{ allOrgUnits: { name: string; parent: { name: string } | null }[] }>(
      '{ allOrgUnits { name parent { name } } }',
    );
    expect(allOrgUnits.find((o) => o.name === 'North-East')?.parent?.name).toBe('North');
  });

  it('allows the same OU names in different tenants', async () => {
    const res = await acmeAdmin.ok<{ createOrgUnit: { path: string } }>('mutation { createOrgUnit(name: "North") { path } }');
    expect(res.createOrgUnit.path).toBe('North');
  });

  it('edits only its own tenant parameters', async () => {
    const demoBefore = await t.db().findOneOrFail(Tenant, demo.tenantId);
    await acmeAdmin.ok('mutation { updateMyTenant(name: "Acme Renamed", contactRecordSpanDays: 90) { id } }');
    const demoAfter = await t.db().findOneOrFail(Tenant, demo.tenantId);
    expect(demoAfter.name).toBe(demoBefore.name);
    expect(demoAfter.contactRecordSpanDays).toBe(demoBefore.contactRecordSpanDays);
    const { myTenant } = await acmeAdmin.ok<{ myTenant: { code: string; name: string } }>('{ myTenant { code name } }');
    expect(myTenant).toEqual({ code: acme.code, name: 'Acme Renamed' });
  });
});

describe('tenant parameters', () => {
  let admin: GraphQLClient;
  let tenantId: string;
  beforeAll(async () => {
    const p = await createTestTenant(t.orm, 'params');
    tenantId = p.tenantId;
    admin = await t.loginAs(p.adminAccount, p.password);
  });

  const FIELDS = `interOrgIsolation unifiedCustomerContact contactRecordSpanDays maxConcurrentSessions intelligentFormFilling twoFactorMethod
    quotaAudioAgents quotaVideoAgents quotaMultimediaAgents quotaVersatileAgents quotaIntelligentAgents version`;

  it('starts with the defaults of the spec', async () => {
    const { myTenant } = await admin.ok<{ myTenant: Record<string, unknown> }>(`{ myTenant { ${FIELDS} } }`);
    expect(myTenant).toEqual({
      interOrgIsolation: true,
      unifiedCustomerContact: true,
      contactRecordSpanDays: 30,
      maxConcurrentSessions: 0,
      intelligentFormFilling: false,
      twoFactorMethod: 'NONE',
      quotaAudioAgents: 0,
      quotaVideoAgents: 0,
      quotaMultimediaAgents: 0,
      quotaVersatileAgents: 0,
      quotaIntelligentAgents: 0,
      version: 1,
    });
  });

  it.each([
    ['contactRecordSpanDays', 1],
    ['contactRecordSpanDays', 365],
    ['maxConcurrentSessions', 0],
    ['maxConcurrentSessions', 60],
    ['quotaAudioAgents', 0],
    ['quotaVideoAgents', 250],
    ['quotaIntelligentAgents', 100000],
  ])('accepts %s = %i (in range)', async (field, value) => {
    const res = await admin.ok<{ updateMyTenant: Record<string, number> }>(`mutation($v: Int) { updateMyTenant(${field}: $v) { ${field} } }`, { v: value });
    expect(res.updateMyTenant[field]).toBe(value);
  });

  it.each([
    ['contactRecordSpanDays', 0],
    ['contactRecordSpanDays', 366],
    ['maxConcurrentSessions', -1],
    ['maxConcurrentSessions', 61],
    ['quotaAudioAgents', -1],
    ['quotaMultimediaAgents', 100001],
  ])('refuses %s = %i on its field and writes nothing', async (field, value) => {
    const before = await t.db().findOneOrFail(Tenant, tenantId);
    const res = await admin.request(`mutation($v: Int) { updateMyTenant(${field}: $v) { id } }`, { v: value });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors?.[0]?.extensions?.fields ?? {})).toEqual([field]);
    const after = await t.db().findOneOrFail(Tenant, tenantId);
    expect(after.version).toBe(before.version);
  });

  it('refuses an unknown two-factor method before any resolver runs', async () => {
    const res = await admin.request('mutation { updateMyTenant(twoFactorMethod: FAX) { id } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a blank name and an explicit null for a required parameter', async () => {
    for (const query of ['mutation { updateMyTenant(name: "  ") { id } }', 'mutation { updateMyTenant(interOrgIsolation: null) { id } }']) {
      const res = await admin.request(query);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('updates several parameters at once and bumps the version; a stale version is a CONFLICT', async () => {
    const { myTenant } = await admin.ok<{ myTenant: { version: number } }>('{ myTenant { version } }');
    const res = await admin.ok<{ updateMyTenant: Record<string, unknown> }>(
      'mutation($v: Int) { updateMyTenant(interOrgIsolation: false, twoFactorMethod: SMS, intelligentFormFilling: true, version: $v) { interOrgIsolation twoFactorMethod intelligentFormFilling version } }',
      { v: myTenant.version },
    );
    expect(res.updateMyTenant).toEqual({ interOrgIsolation: false, twoFactorMethod: 'SMS', intelligentFormFilling: true, version: myTenant.version + 1 });
    const stale = await admin.request('mutation($v: Int) { updateMyTenant(contactRecordSpanDays: 7, version: $v) { id } }', { v: myTenant.version });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = await t.db().findOneOrFail(Tenant, tenantId);
    expect(after.contactRecordSpanDays).not.toBe(7);
  });
});
