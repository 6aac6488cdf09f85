import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_SCOPE, hasRowScope, unscoped } from '../../api/src/common/row-scope';
import { PlatformSetting } from '../../api/src/db/platform-setting.entity';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { Employee } from '../../api/src/modules/identity/employee.entity';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { createContext } from '../../api/src/server/context';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 8, item 2: the row scope is structural. Every table of a tenant's data carries the
 * filter; an EntityManager bound to nobody refuses to read; a request's reads are scoped even
 * when the code asks for nothing; and every way past it is listed here, by file and reason, so a
 * new one is a visible change of this snapshot (like the permission snapshot).
 */
const SRC = path.resolve(__dirname, '../../api/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** `unscoped(...)` calls with their reason, and hand-written SQL (which no filter sees), per file. */
function escapeHatches(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of sources(SRC).sort()) {
    const rel = path.relative(SRC, file);
    if (rel === 'common/row-scope.ts' || rel.startsWith('bench/') || rel.startsWith('db/migrations/')) continue;
    const text = readFileSync(file, 'utf8');
    const uses = [
      ...[...text.matchAll(/\bunscoped\((?:[\w.()]+,\s*)?(['"`])(.+?)\1\)/g)].map((m) => `unscoped: ${m[2]}`),
      // A type argument (`execute<Row[]>(`) does not hide a call.
      ...[...text.matchAll(/\.(getConnection\(\)|createQueryBuilder(?:<[^(]*?>)?\(|getKnex\(\)|execute(?:<[^(]*?>)?\()/g)].map(
        (m) => `sql: ${m[1]!.replace(/<.*>/, '')}`,
      ),
    ];
    const counts = new Map<string, number>();
    for (const use of uses) counts.set(use, (counts.get(use) ?? 0) + 1);
    if (uses.length) out[rel] = [...counts].map(([use, n]) => (n > 1 ? `${use} ×${n}` : use)).sort();
  }
  return out;
}

describe('the escape hatch', () => {
  it('is used only where the snapshot says, each unscoped access naming its reason', async () => {
    await expect(`${JSON.stringify(escapeHatches(), null, 2)}\n`).toMatchFileSnapshot('../snapshots/unscoped.json');
  });

  it('every call of unscoped() names a reason the listing can read', () => {
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      const calls = text.match(/\bunscoped\(/g)?.length ?? 0;
      const listed = [...text.matchAll(/\bunscoped\((?:[\w.()]+,\s*)?(['"`])(.+?)\1\)/g)].length;
      // row-scope.ts declares it (signatures, not calls).
      if (!file.endsWith('row-scope.ts')) expect(listed, path.relative(SRC, file)).toBe(calls);
    }
  });
});

describe('scoped by default', () => {
  let t: TestApp;
  let north: string;
  let south: string;
  let viewer: { client: GraphQLClient };
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const tenant = await createTestTenant(t.orm, 'rowscope');
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    north = await createOu(admin, 'North');
    south = await createOu(admin, 'South');
    for (const [name, ouId] of [
      ['North customer', north],
      ['South customer', south],
    ]) {
      await admin.ok('mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o) { id } }', { n: name, o: ouId });
    }
    const role = await createRole(admin, ['customer-center', 'customer-center:view']);
    viewer = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: false }], homeOuId: south });
    token = viewer.client.token!;
  });
  afterAll(() => t?.close());

  it('every table holding a tenant column (and the tenant itself) declares it, and the ORM applies it', () => {
    const tenantData = Object.values(t.orm.getMetadata().getAll()).filter((meta) => !meta.abstract && (meta.properties.tenant || meta.className === 'Tenant'));
    expect(tenantData.length).toBeGreaterThanOrEqual(14);
    for (const meta of tenantData) {
      expect(hasRowScope(meta.class), meta.className).toBe(true);
      expect(meta.filters[ROW_SCOPE]?.default, meta.className).toBe(true);
    }
  });

  it("unscoped(reason) lifts the scope for one call, on the request's own EntityManager", async () => {
    const why = unscoped('a test looks past the scope');
    expect(why).toEqual({ filters: { [ROW_SCOPE]: { unscoped: 'a test looks past the scope' } }, disableIdentityMap: true });
    const ctx = await createContext(t.app.services, token, '127.0.0.1');
    expect(await ctx.em.count(Customer, {})).toBe(1);
    expect(await ctx.em.count(Customer, {}, why)).toBe(await t.db().count(Customer, {}));
    // Only that call: the next one is scoped again.
    expect(await ctx.em.count(Customer, {})).toBe(1);
  });

  it('a record read past the scope is not found again by a scoped read of its id (it stays out of the identity map)', async () => {
    const ctx = await createContext(t.app.services, token, '127.0.0.1');
    const seen = await ctx.em.findOne(OrgUnit, { id: south }, unscoped('a test looks past the scope'));
    expect(seen?.id).toBe(south);
    // MikroORM answers findOne by id from its identity map without a query: the unscoped read must not have put it there.
    expect(await ctx.em.findOne(OrgUnit, { id: south })).toBeNull();
    expect(await ctx.em.findOne(OrgUnit, { id: north })).not.toBeNull();
  });

  it('a table without a tenant has no row scope to declare', () => {
    expect(hasRowScope(PlatformSetting)).toBe(false);
    expect(hasRowScope(Customer)).toBe(true);
  });

  it('an EntityManager bound to nobody refuses to read tenant data instead of reading it all', async () => {
    await expect(t.orm.em.fork().find(Customer, {})).rejects.toThrow(`No arguments provided for filter '${ROW_SCOPE}'`);
  });

  it("a request's EntityManager reads only the caller's tenant and OU scope, whatever the code asks", async () => {
    const ctx = await createContext(t.app.services, token, '127.0.0.1');
    // No tenant, no scope in these conditions: the filter alone narrows them.
    expect((await ctx.em.find(Customer, {})).map((c) => c.name)).toEqual(['North customer']);
    expect((await ctx.em.find(OrgUnit, {})).map((o) => o.id)).toEqual([north]);
    expect(await ctx.em.count(Customer, { ou: south })).toBe(0);
    // Its own record lies in South, which it may not read: only the named escape hatch finds it.
    expect(await ctx.em.findOne(Employee, { account: { $ne: '' } })).toBeNull();
    // Another tenant's rows are invisible too (the admin of this test's tenant is not in it: a demo-less database still has other test tenants).
    expect((await t.db().count(Customer, {})) > (await ctx.em.count(Customer, {}))).toBe(true);
  });
});
