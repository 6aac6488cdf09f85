import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { ApiClient } from '../../api/src/modules/identity/api-client.entity';
import { Employee } from '../../api/src/modules/identity/employee.entity';
import { OuGrant } from '../../api/src/modules/identity/ou-grant.entity';
import { Role } from '../../api/src/modules/identity/role.entity';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { Tenant } from '../../api/src/common/tenant.entity';
import { startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import {
  EscalationModel,
  VIEW_OF,
  sortGrants,
  type Change,
  type GrantInput,
  type Holdings,
  type Kind,
  type MHolder,
  type Outcome,
} from '../support/escalation-model';

/**
 * Escalation, as a property (issue 7, "What it must show"): in random worlds (a small OU tree,
 * isolation on or off, a few roles drawn mostly from the employees / api-clients / roles / audit /
 * org-units menus, several employees and API clients with random roles, grants and home OUs, maybe
 * a tenant admin) a random actor makes a random sequence of credential, role, grant, enable /
 * disable, create, rotate, revoke and delete changes on random targets, over HTTP.
 *
 * - Every step answers what an independent model of the rules says (OK, FORBIDDEN,
 *   FORBIDDEN/TARGET_HOLDS_MORE, NOT_FOUND, BAD_USER_INPUT); a refused step changes no row and
 *   writes no audit entry; an allowed one leaves the database equal to the model, with exactly the
 *   audit entry the model expects.
 * - Afterwards, every principal whose credentials the actor knows (passwords it set, clients it
 *   created or whose secret it rotated) is signed in for real (`login` / `clientLogin`), and what
 *   it holds (`me`, and the stored roles and grants) is within what the actor held at the start;
 *   so is every principal the actor changed or created, and the actor itself.
 * - Tokens issued before a password reset, rotation, revoke, enable/disable or delete are dead;
 *   every other one still works.
 * - Every principal of the world reads exactly the audit entries the model says it may read
 *   (list, count and by id): `audit:view`, the view operation of the record's page, read on its OU.
 *
 * The end-of-world checks read what principals hold from the database and from `me`, not from
 * the model, so they stand on their own (PBT_ESCALATION_ONLY=1 runs only them). PBT_RUNS and
 * PBT_SEED change the number of worlds and the seed (printed); PBT_SHRINK=1 shrinks a failure;
 * PBT_ORPHANS=0 keeps roles from holding operations without their menu.
 */
const RUNS = Number(process.env.PBT_RUNS ?? 150);
const SEED = Number(process.env.PBT_SEED ?? 20261201);

// ---------------------------------------------------------------------------------------------
// Generators

/** Menus the rules under test are about, with the operations the probes need, and how likely each is held. */
const MENUS: Record<string, { ops: readonly string[]; strong: [number, number]; weak: [number, number] }> = {
  employees: { ops: ['view', 'create', 'edit', 'delete'], strong: [97, 90], weak: [60, 50] },
  'api-clients': { ops: ['view', 'create', 'edit', 'delete'], strong: [95, 88], weak: [50, 50] },
  roles: { ops: ['view'], strong: [60, 60], weak: [40, 50] },
  audit: { ops: ['view'], strong: [80, 75], weak: [65, 65] },
  'org-units': { ops: ['view', 'edit'], strong: [60, 60], weak: [40, 50] },
  'tenant-params': { ops: ['view'], strong: [40, 60], weak: [30, 50] },
  'customer-center': { ops: ['view'], strong: [40, 60], weak: [30, 50] },
  'customer-context': { ops: ['view'], strong: [30, 60], weak: [25, 50] },
};

const chance = (percent: number) => fc.integer({ min: 0, max: 99 }).map((x) => x < percent);

/**
 * Operations stored in a role without their menu ("orphans": not effective by themselves). On by
 * default since the hole found with them is closed (PBT_ORPHANS=0 turns them off)
 * random worlds found it within 200 worlds for 3 of 4 seeds tried.
 */
const ORPHANS = process.env.PBT_ORPHANS !== '0';
const withoutOrphans = (permissions: string[]) =>
  ORPHANS ? permissions : permissions.filter((p) => !p.includes(':') || permissions.includes(p.split(':')[0]!));

/** A role's permission list; sometimes an operation comes without its menu (stored, not effective). */
const permissionsArb = (which: 'strong' | 'weak'): fc.Arbitrary<string[]> =>
  fc
    .tuple(
      ...Object.entries(MENUS).map(([menu, m]) =>
        fc
          .tuple(chance(m[which][0]), fc.tuple(...m.ops.map(() => chance(m[which][1]))))
          .map(([withMenu, held]) => [...(withMenu ? [menu] : []), ...m.ops.filter((_, i) => held[i]).map((op) => `${menu}:${op}`)]),
      ),
    )
    .map((lists) => withoutOrphans(lists.flat()));

/** A role holding one menu only, or only some of its operations: roles that make sense only together. */
const splitRoleArb: fc.Arbitrary<string[]> = fc
  .constantFrom('employees', 'api-clients', 'roles', 'audit', 'org-units')
  .chain((menu) =>
    fc.oneof(
      fc.constant<string[]>([menu]),
      fc.subarray([...MENUS[menu]!.ops], { minLength: 1 }).map((ops) => ops.map((op) => `${menu}:${op}`)),
    ),
  )
  .map(withoutOrphans);

interface GrantSpec {
  ou: number;
  write: boolean;
}
interface HolderSpec {
  kind: Kind;
  roles: number[];
  grants: GrantSpec[];
  home: number | null;
  admin: boolean;
  enabled: boolean /** Home and grants within the actor's scope. */;
  near: boolean;
}
const STEP_OPS = ['reset-password', 'set-enabled', 'set-roles', 'set-grants', 'touch', 'set-admin', 'create', 'rotate', 'revoke', 'delete'] as const;
type StepOp = (typeof STEP_OPS)[number];
interface StepSpec {
  op: StepOp;
  /** Picks the target among the world's principals of the kind (deleted ones included). */
  target: number;
  self: boolean;
  client: boolean;
  roles: number[];
  grants: { ou: number; read: boolean; write: boolean }[];
  home: number | null;
  flag: boolean;
  /** Home and grants within the actor's scope. */
  near: boolean;
}
interface Scenario {
  parents: (number | null)[];
  isolation: boolean;
  roles: string[][];
  actor: { kind: 'employee' | 'client' | 'admin'; roles: number[]; grants: GrantSpec[]; home: number | null };
  others: HolderSpec[];
  audits: { type: string; ou: number | null }[];
  steps: StepSpec[];
  /** Picks the audit entry read by id, per principal. */
  probe: number;
}

const STEP_WEIGHTS: Record<StepOp, number> = {
  'reset-password': 22,
  'set-enabled': 10,
  'set-roles': 16,
  'set-grants': 16,
  touch: 5,
  'set-admin': 3,
  create: 14,
  rotate: 9,
  revoke: 3,
  delete: 5,
};

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 5 }).chain((n) => {
  const ou = fc.integer({ min: 0, max: n - 1 });
  const maybeOu = fc.option(ou, { nil: null, freq: 5 });
  const grants = (writeShare: number, min: number) =>
    fc.uniqueArray(fc.record({ ou, write: chance(writeShare) }), { minLength: min, maxLength: 3, selector: (g) => g.ou });
  const roles = permissionsArb('strong').chain((strong) =>
    fc
      .array(
        fc.oneof(
          { arbitrary: fc.subarray(strong).map(withoutOrphans), weight: 4 },
          { arbitrary: permissionsArb('weak'), weight: 4 },
          { arbitrary: splitRoleArb, weight: 3 },
        ),
        { minLength: 2, maxLength: 4 },
      )
      .map((rest) => [strong, ...rest]),
  );
  return roles.chain((roleList) => {
    const roleIndex = fc.integer({ min: 0, max: roleList.length - 1 });
    const roleSet = fc.uniqueArray(roleIndex, { maxLength: 2 });
    const holder = (kind: Kind): fc.Arbitrary<HolderSpec> =>
      fc.record({
        kind: fc.constant(kind),
        roles: roleSet,
        grants: grants(40, 0),
        home: maybeOu,
        admin: kind === 'employee' ? chance(8) : fc.constant(false),
        enabled: chance(92),
        near: chance(80),
      });
    const step: fc.Arbitrary<StepSpec> = fc.record({
      op: fc.oneof(...STEP_OPS.map((op) => ({ arbitrary: fc.constant(op), weight: STEP_WEIGHTS[op] }))),
      target: fc.nat(),
      self: chance(8),
      client: chance(40),
      // Often the actor's own role: "make them like me".
      roles: fc.tuple(chance(35), fc.uniqueArray(roleIndex, { maxLength: 2 })).map(([own, rest]) => (own ? [0, ...rest.filter((r) => r !== 0)] : rest)),
      grants: fc.uniqueArray(
        fc.record({ ou, kind: fc.integer({ min: 0, max: 99 }) }).map(({ ou: o, kind }) => ({ ou: o, read: kind < 90, write: kind < 45 })),
        { maxLength: 2, selector: (g) => g.ou },
      ),
      home: maybeOu,
      flag: chance(15),
      near: chance(75),
    });
    return fc.record({
      parents: fc.tuple(
        ...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null, freq: 3 }))),
      ),
      isolation: chance(80),
      roles: fc.constant(roleList),
      actor: fc.record({
        kind: fc.oneof(
          { arbitrary: fc.constant('employee' as const), weight: 6 },
          { arbitrary: fc.constant('client' as const), weight: 3 },
          { arbitrary: fc.constant('admin' as const), weight: 1 },
        ),
        // Role 0 is the strong one; a second role sometimes.
        roles: fc.option(roleIndex, { nil: null, freq: 2 }).map((r) => (r === null || r === 0 ? [0] : [0, r])),
        grants: grants(75, 1),
        home: maybeOu,
      }),
      others: fc
        .tuple(fc.array(holder('employee'), { minLength: 2, maxLength: 4 }), fc.array(holder('client'), { minLength: 1, maxLength: 2 }))
        .map(([e, c]) => [...e, ...c]),
      audits: fc.array(fc.record({ type: fc.constantFrom(...Object.keys(VIEW_OF)), ou: maybeOu }), { minLength: 2, maxLength: 6 }),
      steps: fc.array(step, { minLength: 3, maxLength: 7 }),
      probe: fc.nat(),
    }) as fc.Arbitrary<Scenario>;
  });
});

// ---------------------------------------------------------------------------------------------
// Figures printed at the end, so the strength of the run is visible.

const stats = {
  worlds: 0,
  steps: {} as Record<string, Record<string, number>>,
  outcomes: {} as Record<string, number>,
  /** Outcomes by the model's reason (ids left out). */
  reasons: {} as Record<string, number>,
  signIns: { employee: 0, client: 0 },
  knownButCannotSignIn: 0,
  touched: 0,
  tokens: { alive: 0, dead: 0 },
  audit: { principals: 0, pagesRefused: 0, visible: 0, hidden: 0 },
  ms: { build: 0, steps: 0, signIns: 0, tokens: 0, audit: 0 },
};

function printStats() {
  const total = Object.values(stats.outcomes).reduce((x, y) => x + y, 0);
  const pct = (x: number) => (total ? `${((100 * x) / total).toFixed(0)}%` : '-');
  const lines = [`escalation property: seed ${SEED}, ${stats.worlds} worlds, ${total} steps`];
  lines.push(
    `  outcomes: ${Object.entries(stats.outcomes)
      .sort()
      .map(([o, c]) => `${o} ${c} (${pct(c)})`)
      .join(', ')}`,
  );
  lines.push(
    `  by the model's reason: ${Object.entries(stats.reasons)
      .sort((x, y) => y[1] - x[1])
      .map(([r, c]) => `${r} ${c}`)
      .join('; ')}`,
  );
  for (const [op, codes] of Object.entries(stats.steps).sort())
    lines.push(
      `  ${op}: ${Object.entries(codes)
        .sort()
        .map(([c, v]) => `${c} ${v}`)
        .join(', ')}`,
    );
  lines.push(
    `  signed in with credentials the actor knew: ${stats.signIns.employee} employees, ${stats.signIns.client} clients (${stats.knownButCannotSignIn} more known but disabled or revoked)`,
  );
  lines.push(`  principals the actor changed or created, checked within its holdings: ${stats.touched}`);
  lines.push(`  build-time tokens checked: ${stats.tokens.alive} alive, ${stats.tokens.dead} dead`);
  lines.push(
    `  audit: ${stats.audit.principals} principals checked (${stats.audit.pagesRefused} without the audit page), entry/principal pairs visible ${stats.audit.visible}, hidden ${stats.audit.hidden}`,
  );
  lines.push(
    `  time (ms): ${Object.entries(stats.ms)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// The world: written straight into the database, principals signed in with real tokens.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface World {
  tenantId: string;
  m: EscalationModel;
  actorId: string;
  /** What the actor held when the world was built. */
  actorStart: Holdings;
  /** Tokens issued when the world was built, per principal. */
  tokens: Map<string, GraphQLClient>;
  /** OU ids by index, for the generators' OU numbers. */
  ouIds: string[];
  roleIds: string[];
}

let fresh = 0;

async function build(s: Scenario): Promise<World> {
  const em = t.db();
  const m = new EscalationModel(s.isolation);
  const tenant = em.create(Tenant, { code: `esc-${randomUUID().slice(0, 12)}`, name: 'Escalation property', interOrgIsolation: s.isolation });
  const ous: OrgUnit[] = [];
  const names: string[] = [];
  s.parents.forEach((parent, i) => {
    names.push(parent === null ? `OU ${i}` : `${names[parent]} / OU ${i}`);
    const ou = em.create(OrgUnit, { tenant, name: `OU ${i}`, path: names[i]!, parent: parent === null ? null : ous[parent]! });
    ous.push(ou);
    m.ous.push({ id: ou.id, parent: parent === null ? null : ous[parent]!.id });
  });
  const ouId = (i: number | null) => (i === null ? null : ous[i]!.id);
  const roles = s.roles.map((permissions, i) => {
    const r = em.create(Role, { tenant, name: `R${i}`, permissions });
    m.roles.push({ id: r.id, permissions });
    return r;
  });
  const unusable = 'unused: tokens are issued directly';
  const holders: { kind: Kind; id: string }[] = [];
  const add = (spec: HolderSpec) => {
    const grants = sortGrants(spec.grants.map((g) => ({ ou: ous[g.ou]!.id, write: g.write })));
    const roleIds = [...new Set(spec.roles.map((r) => roles[r]!.id))].sort();
    let row: Employee | ApiClient;
    if (spec.kind === 'employee') {
      row = em.create(Employee, {
        tenant,
        account: `esc.${randomUUID()}`,
        name: 'E',
        passwordHash: unusable,
        homeOu: spec.home === null ? null : ous[spec.home]!,
        isTenantAdmin: spec.admin,
        enabled: spec.enabled,
      });
    } else {
      row = em.create(ApiClient, { tenant, name: 'C', clientId: `sbc_${randomUUID().slice(0, 20)}`, secretHash: unusable, enabled: spec.enabled });
    }
    for (const r of spec.roles) row.roles.add(roles[r]!);
    for (const g of grants)
      em.create(OuGrant, {
        tenant,
        ou: ous.find((o) => o.id === g.ou)!,
        canRead: true,
        canWrite: g.write,
        ...(spec.kind === 'employee' ? { employee: row as Employee } : { apiClient: row as ApiClient }),
      });
    m.holders.push({
      kind: spec.kind,
      id: row.id,
      home: spec.kind === 'employee' ? ouId(spec.home) : null,
      admin: spec.admin,
      roles: roleIds,
      grants,
      enabled: spec.enabled,
      revoked: false,
      mustChange: false,
      exists: true,
      tokenAlive: true,
      note: '',
    });
    holders.push({ kind: spec.kind, id: row.id });
    return row.id;
  };
  const actorKind: Kind = s.actor.kind === 'client' ? 'client' : 'employee';
  const actorId = add({
    kind: actorKind,
    roles: s.actor.roles,
    grants: s.actor.grants,
    home: actorKind === 'employee' ? s.actor.home : null,
    admin: s.actor.kind === 'admin',
    enabled: true,
    near: false,
  });
  const actorHeld = m.holdings(m.holder(actorId)!);
  const within = (mode: 'read' | 'write', i: number | null) =>
    withinScope(
      actorHeld,
      ous.map((o) => o.id),
      mode,
      i,
    );
  for (const o of s.others)
    add(o.near ? { ...o, home: within('write', o.home ?? 0), grants: uniqueOus(o.grants.map((g) => ({ ...g, ou: within('read', g.ou)! }))) } : o);
  // Entries about other pages, recorded in random OUs, beside those the actor's changes write.
  for (const a of s.audits) {
    const e = em.create(AuditEntry, {
      tenant,
      principalKind: 'platform',
      principalId: null,
      principalHandle: 'pbt',
      operation: `seed${a.type}`,
      action: 'updated',
      recordType: a.type,
      recordId: randomUUID(),
      ouId: ouId(a.ou),
      changes: {},
    });
    m.audit.push({ id: e.id, recordType: e.recordType, recordId: e.recordId, ou: e.ouId ?? null });
  }
  await em.flush();

  const tokens = new Map<string, GraphQLClient>();
  for (const h of holders) {
    const { token } = await t.app.services.tokens.issue({ sub: h.id, tid: tenant.id, knd: h.kind, cv: 0 });
    tokens.set(h.id, t.client.withToken(token));
  }
  return { tenantId: tenant.id, m, actorId, actorStart: actorHeld, tokens, ouIds: ous.map((o) => o.id), roleIds: roles.map((r) => r.id) };
}

/** OU number `i` moved into the actor's read (write) scope when it has one: so that most steps are not refused trivially. */
function withinScope(held: Holdings, ouIds: string[], mode: 'read' | 'write', i: number | null): number | null {
  if (i === null || held.all) return i;
  const scope = mode === 'read' ? held.read : held.write;
  const inside = ouIds.map((_, k) => k).filter((k) => scope.has(ouIds[k]!));
  return inside.length ? inside[i % inside.length]! : i;
}

const uniqueOus = <T extends { ou: number }>(grants: T[]): T[] => grants.filter((g, i) => grants.findIndex((x) => x.ou === g.ou) === i);

/** The world's principals and audit entries as the database holds them. */
async function snapshot(tenantId: string) {
  const sql = `select
    (select coalesce(json_agg(json_build_object(
        'id', e.id, 'home', e.home_ou_id, 'admin', e.is_tenant_admin, 'enabled', e.enabled, 'revoked', false,
        'mustChange', e.must_change_password, 'note', e.position, 'hash', e.password_hash, 'cv', e.credential_version,
        'roles', coalesce((select json_agg(x.role_id order by x.role_id) from employee_role x where x.employee_id = e.id), '[]'),
        'grants', coalesce((select json_agg(json_build_array(g.ou_id, g.can_read, g.can_write) order by g.ou_id) from ou_grant g where g.employee_id = e.id), '[]'))
      order by e.id), '[]') from employee e where e.tenant_id = :t) as employees,
    (select coalesce(json_agg(json_build_object(
        'id', c.id, 'home', null, 'admin', false, 'enabled', c.enabled, 'revoked', c.revoked_at is not null,
        'mustChange', false, 'note', c.description, 'hash', c.secret_hash, 'cv', c.credential_version,
        'roles', coalesce((select json_agg(x.role_id order by x.role_id) from api_client_role x where x.api_client_id = c.id), '[]'),
        'grants', coalesce((select json_agg(json_build_array(g.ou_id, g.can_read, g.can_write) order by g.ou_id) from ou_grant g where g.api_client_id = c.id), '[]'))
      order by c.id), '[]') from api_client c where c.tenant_id = :t) as clients,
    (select coalesce(json_agg(json_build_object('id', a.id, 'recordType', a.record_type, 'recordId', a.record_id, 'ou', a.ou_id) order by a.id), '[]')
       from audit_entry a where a.tenant_id = :t) as audit`;
  const knex = t.orm.em.getConnection().getKnex();
  const { rows } = (await knex.raw(sql, { t: tenantId })) as { rows: { employees: DbHolder[]; clients: DbHolder[]; audit: DbAudit[] }[] };
  const row = rows[0]!;
  const holders = new Map<string, DbHolder & { kind: Kind }>();
  for (const e of row.employees) holders.set(e.id, { ...e, kind: 'employee' });
  for (const c of row.clients) holders.set(c.id, { ...c, kind: 'client' });
  return { holders, audit: row.audit };
}
interface DbHolder {
  id: string;
  home: string | null;
  admin: boolean;
  enabled: boolean;
  revoked: boolean;
  mustChange: boolean;
  note: string;
  hash: string;
  cv: number;
  roles: string[];
  grants: [string, boolean, boolean][];
}
interface DbAudit {
  id: string;
  recordType: string;
  recordId: string;
  ou: string | null;
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The database must hold exactly the model's principals, field by field. */
function expectModelMatches(m: EscalationModel, snap: Snapshot, label: string) {
  const model = m.holders
    .filter((h) => h.exists)
    .map((h) => ({
      id: h.id,
      kind: h.kind,
      home: h.home,
      admin: h.admin,
      enabled: h.enabled,
      revoked: h.revoked,
      mustChange: h.mustChange,
      note: h.note,
      roles: [...h.roles].sort(),
      grants: sortGrants(h.grants).map((g) => [g.ou, true, g.write]),
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  const db = [...snap.holders.values()]
    .map(({ id, kind, home, admin, enabled, revoked, mustChange, note, roles, grants }) => ({
      id,
      kind,
      home,
      admin,
      enabled,
      revoked,
      mustChange,
      note,
      roles,
      grants,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  expect(db, `${label}: the database holds what the model says`).toEqual(model);
  expect(snap.audit.map((a) => a.id).sort(), `${label}: audit entries`).toEqual(m.audit.map((a) => a.id).sort());
}

// ---------------------------------------------------------------------------------------------
// Steps

interface Known {
  kind: Kind;
  id: string;
  account?: string;
  clientId?: string;
  secret: string;
}

const codeOf = (res: GraphQLResponse<unknown>): Outcome => {
  const e = res.errors?.[0];
  if (!e) return 'OK';
  if (e.extensions?.code === 'FORBIDDEN' && e.extensions.reason === 'TARGET_HOLDS_MORE') return 'TARGET_HOLDS_MORE';
  return e.extensions?.code as Outcome;
};

/** The change a step spec stands for in the current world, and the request that makes it. */
function resolve(w: World, spec: StepSpec, n: number): { change: Change; query: string; variables: Record<string, unknown> } {
  const m = w.m;
  const actor = m.holder(w.actorId)!;
  const kind: Kind =
    spec.op === 'reset-password' || spec.op === 'set-admin'
      ? 'employee'
      : spec.op === 'rotate' || spec.op === 'revoke'
        ? 'client'
        : spec.client
          ? 'client'
          : 'employee';
  // The actor targets itself only when the spec says so (changing oneself is the exception, not the rule).
  const candidates = m.holders.filter((h) => h.kind === kind && h.id !== actor.id);
  const target = (spec.self && actor.kind === kind) || !candidates.length ? actor : candidates[spec.target % candidates.length]!;
  const id = target.id;
  const near = (i: number | null) => (spec.near ? withinScope(w.actorStart, w.ouIds, 'write', i) : i);
  const grants: GrantInput[] = uniqueOus(spec.grants.map((g) => ({ ...g, ou: near(g.ou)! }))).map((g) => ({
    ou: w.ouIds[g.ou]!,
    read: g.read,
    write: g.write,
  }));
  const gql = grants.map((g) => ({ ouId: g.ou, canRead: g.read, canWrite: g.write }));
  const roles = spec.roles.map((r) => w.roleIds[r]!);
  const E = kind === 'employee' ? 'Employee' : 'ApiClient';
  switch (spec.op) {
    case 'reset-password':
      return {
        change: { op: 'reset-password', target: id },
        query: 'mutation($id: ID!, $p: String) { updateEmployee(id: $id, password: $p) { id } }',
        variables: { id, p: `Known#Pass${n}` },
      };
    case 'set-enabled':
      return {
        change: { op: 'set-enabled', kind, target: id, enabled: spec.flag ? true : !target.enabled },
        query: `mutation($id: ID!, $v: Boolean) { update${E}(id: $id, enabled: $v) { id } }`,
        variables: { id, v: spec.flag ? true : !target.enabled },
      };
    case 'set-roles':
      return {
        change: { op: 'set-roles', kind, target: id, roles },
        query: `mutation($id: ID!, $r: [ID!]) { update${E}(id: $id, roleIds: $r) { id } }`,
        variables: { id, r: roles },
      };
    case 'set-grants':
      return {
        change: { op: 'set-grants', kind, target: id, grants },
        query: `mutation($id: ID!, $g: [OuGrantInput!]) { update${E}(id: $id, grants: $g) { id } }`,
        variables: { id, g: gql },
      };
    case 'touch': {
      const field = kind === 'employee' ? 'position' : 'description';
      return {
        change: { op: 'touch', kind, target: id, note: `note ${n}` },
        query: `mutation($id: ID!, $v: String) { update${E}(id: $id, ${field}: $v) { id } }`,
        variables: { id, v: `note ${n}` },
      };
    }
    case 'set-admin':
      return {
        change: { op: 'set-admin', target: id, admin: !target.admin },
        query: 'mutation($id: ID!, $v: Boolean) { updateEmployee(id: $id, isTenantAdmin: $v) { id } }',
        variables: { id, v: !target.admin },
      };
    case 'rotate':
      return {
        change: { op: 'rotate', target: id },
        query: 'mutation($id: ID!) { rotateApiClientSecret(id: $id) { id clientId clientSecret } }',
        variables: { id },
      };
    case 'revoke':
      return { change: { op: 'revoke', target: id }, query: 'mutation($id: ID!) { revokeApiClient(id: $id) { id } }', variables: { id } };
    case 'delete':
      return { change: { op: 'delete', kind, target: id }, query: `mutation($id: ID!) { delete${E}(id: $id) { id } }`, variables: { id } };
    case 'create': {
      const at = near(spec.home);
      const home = kind === 'employee' ? (at === null ? null : w.ouIds[at]!) : null;
      const admin = kind === 'employee' && spec.flag;
      const change: Change = { op: 'create', kind, home, roles, grants, admin };
      if (kind === 'client') {
        return {
          change,
          query: 'mutation($n: String!, $r: [ID!], $g: [OuGrantInput!]) { createApiClient(name: $n, roleIds: $r, grants: $g) { id clientId clientSecret } }',
          variables: { n: `made ${n}`, r: roles, g: gql },
        };
      }
      return {
        change,
        query: `mutation($a: String!, $p: String!, $r: [ID!], $g: [OuGrantInput!], $h: ID, $adm: Boolean) {
          createEmployee(account: $a, name: $a, password: $p, roleIds: $r, grants: $g, homeOuId: $h, isTenantAdmin: $adm) { id } }`,
        variables: { a: `esc.made.${randomUUID().slice(0, 8)}.${n}`, p: `Known#Pass${n}`, r: roles, g: gql, h: home, adm: admin },
      };
    }
  }
}

const describeHolder = (m: EscalationModel, h: MHolder) => {
  const held = m.holdings(h);
  return `${h.kind} ${h.id}${h.admin ? ' (tenant admin)' : ''}: permissions [${[...held.permissions].sort().join(' ')}], ${held.all ? 'all OUs' : `read [${[...held.read].join(' ')}] write [${[...held.write].join(' ')}]`}, home ${h.home}, roles [${h.roles.join(' ')}], grants ${JSON.stringify(h.grants)}`;
};

/** `inner` holds nothing `outer` does not: the escalation property itself. */
function expectWithin(outer: Holdings, inner: Holdings, label: string) {
  expect(EscalationModel.shortfall(outer, inner), `${label}: holds what the actor did not hold at the start`).toEqual([]);
}

const ME = 'query { me { id isTenantAdmin permissions readableOuIds writableOuIds canReadUnorganized canWriteUnorganized } }';
type MeReply = {
  me: {
    id: string;
    isTenantAdmin: boolean;
    permissions: string[];
    readableOuIds: string[];
    writableOuIds: string[];
    canReadUnorganized: boolean;
    canWriteUnorganized: boolean;
  };
};

/** What `me` must say for holdings (a tenant admin's permission list is the whole catalogue: not compared). */
function expectMe(m: EscalationModel, me: MeReply['me'], held: Holdings, label: string) {
  const all = m.ous.map((o) => o.id).sort();
  expect({ ...me, id: undefined, permissions: held.admin ? undefined : me.permissions }, `${label}: me`).toEqual({
    id: undefined,
    isTenantAdmin: held.admin,
    permissions: held.admin ? undefined : [...held.permissions].sort(),
    readableOuIds: held.all ? all : all.filter((ou) => held.read.has(ou)),
    writableOuIds: held.all ? all : all.filter((ou) => held.write.has(ou)),
    canReadUnorganized: true,
    canWriteUnorganized: held.all,
  });
}

/** A principal as the database holds it, in the model's shape (history-free: its token's fate is not known here). */
function stored(snap: Snapshot, id: string): MHolder | undefined {
  const h = snap.holders.get(id);
  if (!h) return undefined;
  const { kind, home, admin, roles, enabled, revoked, mustChange, note } = h;
  return {
    kind,
    id,
    home,
    admin,
    roles,
    grants: h.grants.map(([ou, , write]) => ({ ou, write })),
    enabled,
    revoked,
    mustChange,
    exists: true,
    tokenAlive: true,
    note,
  };
}

/**
 * PBT_ESCALATION_ONLY=1 leaves out the step-by-step comparison with the model (outcomes, rows,
 * audit entries, token deaths): what remains are the end-of-world properties, computed from the
 * database alone. Used to show that they catch faults by themselves.
 */
const STEPWISE = process.env.PBT_ESCALATION_ONLY !== '1';

async function runScenario(s: Scenario) {
  let clock = performance.now();
  const lap = (phase: keyof typeof stats.ms) => {
    const now = performance.now();
    stats.ms[phase] += now - clock;
    clock = now;
  };
  const w = await build(s);
  lap('build');
  const m = w.m;
  stats.worlds++;
  const actorClient = w.tokens.get(w.actorId)!;
  const actorStart = w.actorStart;
  const trace: string[] = [
    `isolation ${m.isolation}; OUs ${JSON.stringify(m.ous)}; roles ${JSON.stringify(m.roles)}`,
    ...m.holders.map((h) => describeHolder(m, h)),
  ];
  const label = () => `world ${w.tenantId}, actor ${w.actorId}\n${trace.join('\n')}\n`;

  // The model's view of the actor is the server's.
  const start = await actorClient.request<MeReply>(ME);
  expectMe(m, start.data!.me, actorStart, `${label()}actor at the start`);

  const known = new Map<string, Known>();
  const touched = new Set<string>();
  let before = await snapshot(w.tenantId);
  expectModelMatches(m, before, `${label()}built world`);

  for (const [n, spec] of s.steps.entries()) {
    const { change, query, variables } = resolve(w, spec, ++fresh);
    const plan = m.plan(w.actorId, change);
    const res = await actorClient.request<Record<string, { id: string; clientId?: string; clientSecret?: string } | null>>(query, variables);
    const got = codeOf(res);
    trace.push(
      `step ${n}: ${JSON.stringify(change)} -> ${got} (model: ${plan.outcomes.join(' or ')}: ${plan.why})${res.errors ? ` ${res.errors[0]!.message}` : ''}`,
    );
    const row = (stats.steps[change.op + ('kind' in change ? `/${change.kind}` : '')] ??= {});
    row[got] = (row[got] ?? 0) + 1;
    stats.outcomes[got] = (stats.outcomes[got] ?? 0) + 1;
    const reason = plan.why
      .replace(/ [0-9a-f-]{36}/g, '')
      .replace(/(permission|read|write) [^,]*(, \1 [^,]*)*/g, '$1 …')
      .split(';')[0]!;
    stats.reasons[reason] = (stats.reasons[reason] ?? 0) + 1;
    if (STEPWISE) expect(plan.outcomes, `${label()}step ${n}: outcome`).toContain(got);

    const after = await snapshot(w.tenantId);
    if (got !== 'OK') {
      // Refused: nothing changed, not even a hash or a credential version, and no audit entry.
      if (STEPWISE) expect(after, `${label()}step ${n}: a refused change changes nothing`).toEqual(before);
      before = after;
      continue;
    }
    const payload = Object.values(res.data ?? {})[0]!;
    const target = change.op === 'create' ? payload.id : change.target;
    touched.add(target);
    if (STEPWISE) {
      const effect = plan.commit!(change.op === 'create' ? payload.id : undefined);
      // Exactly the expected audit entry, if any.
      const added = after.audit.filter((a) => !before.audit.some((b) => b.id === a.id));
      expect(
        added.map(({ recordType, recordId, ou }) => ({ recordType, recordId, ou })),
        `${label()}step ${n}: audit`,
      ).toEqual(effect.audit ? [effect.audit] : []);
      for (const a of added) m.audit.push(a);
      expectModelMatches(m, after, `${label()}step ${n}`);
      const was = before.holders.get(effect.target);
      const now = after.holders.get(effect.target);
      if (was && now) expect(now.hash !== was.hash, `${label()}step ${n}: credential changed`).toBe(effect.credentialChanged);
    }
    // What the actor now knows.
    if (change.op === 'reset-password') known.set(target, { kind: 'employee', id: target, secret: String(variables.p) });
    if (change.op === 'create' && change.kind === 'employee')
      known.set(target, { kind: 'employee', id: target, account: String(variables.a), secret: String(variables.p) });
    if ((change.op === 'create' && change.kind === 'client') || change.op === 'rotate') {
      expect(payload.clientSecret, `${label()}step ${n}: the new secret is shown`).toBeTruthy();
      known.set(target, { kind: 'client', id: target, clientId: payload.clientId!, secret: payload.clientSecret! });
    }
    before = after;
  }
  lap('steps');

  // From here on, what principals hold is read from the database (and from `me`), not from the model.
  const snap = await snapshot(w.tenantId);
  // Every principal whose credentials the actor knows: signed in for real, holding nothing more than the actor did.
  const accounts = await t.db().find(Employee, { tenant: w.tenantId }, { fields: ['id', 'account'] });
  for (const k of known.values()) {
    const h = stored(snap, k.id);
    if (!h) continue;
    const held = m.holdings(h);
    if (!EscalationModel.usable(h)) {
      // Disabled or revoked now; what it holds still counts (someone may enable it again).
      stats.knownButCannotSignIn++;
      expectWithin(actorStart, held, `${label()}known ${k.kind} ${k.id} (cannot sign in now)`);
      continue;
    }
    let token: string | undefined;
    if (k.kind === 'employee') {
      const account = k.account ?? accounts.find((e) => e.id === k.id)!.account;
      const res = await t.client.request<{ login: { token: string; mustChangePassword: boolean } | null }>(
        'mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token mustChangePassword } }',
        { a: account, p: k.secret },
      );
      expect(res.errors, `${label()}sign-in as ${k.id}`).toBeUndefined();
      expect(res.data!.login!.mustChangePassword, `${label()}sign-in as ${k.id}: must change the password it was handed`).toBe(true);
      token = res.data!.login!.token;
      stats.signIns.employee++;
    } else {
      const res = await t.client.request<{ clientLogin: { token: string } | null }>(
        'mutation($c: String!, $s: String!) { clientLogin(clientId: $c, clientSecret: $s) { token } }',
        { c: k.clientId, s: k.secret },
      );
      expect(res.errors, `${label()}client sign-in as ${k.id}`).toBeUndefined();
      token = res.data!.clientLogin!.token;
      stats.signIns.client++;
    }
    const me = await t.client.withToken(token).request<MeReply>(ME);
    expect(me.errors, `${label()}me of ${k.id}`).toBeUndefined();
    expect(me.data!.me.id).toBe(k.id);
    // The server's view of the signed-in principal (me) is what its stored roles and grants give...
    expectMe(m, me.data!.me, held, `${label()}signed in as ${k.kind} ${k.id}`);
    // ...and that is within what the actor held: the property itself.
    expectWithin(actorStart, held, `${label()}signed in as ${k.kind} ${k.id} with credentials the actor set; its me says ${JSON.stringify(me.data!.me)}`);
  }
  // Every principal the actor changed or created, and the actor itself: within the actor's start.
  for (const id of new Set([...touched, w.actorId])) {
    const h = stored(snap, id);
    if (!h) continue;
    stats.touched++;
    expectWithin(actorStart, m.holdings(h), `${label()}${id === w.actorId ? 'the actor itself' : `changed ${h.kind} ${id}`}`);
  }
  lap('signIns');

  // Tokens from before: dead exactly when a credential or sign-in change (or deletion) killed them.
  if (STEPWISE) {
    const tokenReplies = await Promise.all([...w.tokens].map(([, client]) => client.request<MeReply>('query { me { id } }')));
    [...w.tokens.keys()].forEach((id, i) => {
      const h = m.holder(id)!;
      const alive = h.tokenAlive && EscalationModel.usable(h);
      const res = tokenReplies[i]!;
      stats.tokens[alive ? 'alive' : 'dead']++;
      expect(alive ? res.data?.me?.id : codeOf(res), `${label()}build-time token of ${h.kind} ${id}`).toBe(alive ? id : 'UNAUTHENTICATED');
    });
  }
  lap('tokens');

  // Every audit entry against every principal, as stored: visible exactly when the model says it may read it.
  const entries = snap.audit;
  const probe = entries[s.probe % entries.length]!;
  const readers = [...snap.holders.keys()].map((id) => stored(snap, id)!).filter((h) => EscalationModel.usable(h));
  const auditReplies = await Promise.all(
    readers.map(async (h) => {
      const { token } = await t.app.services.tokens.issue({ sub: h.id, tid: w.tenantId, knd: h.kind, cv: snap.holders.get(h.id)!.cv });
      const as = t.client.withToken(token);
      return Promise.all([
        as.request<{ allAuditEntries: { id: string }[]; _allAuditEntriesMeta: { count: number } }>(
          'query { allAuditEntries(perPage: 500) { id } _allAuditEntriesMeta { count } }',
        ),
        as.request<{ AuditEntry: { id: string } | null }>('query($id: ID!) { AuditEntry(id: $id) { id } }', { id: probe.id }),
      ]);
    }),
  );
  readers.forEach((h, i) => {
    const [list, one] = auditReplies[i]!;
    stats.audit.principals++;
    const at = `${label()}audit read by ${describeHolder(m, h)}`;
    if (!m.auditPage(h)) {
      stats.audit.pagesRefused++;
      expect([codeOf(list), codeOf(one)], at).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      return;
    }
    const expected = entries
      .filter((e) => m.readsAudit(h, e))
      .map((e) => e.id)
      .sort();
    stats.audit.visible += expected.length;
    stats.audit.hidden += entries.length - expected.length;
    expect(list.errors, at).toBeUndefined();
    expect(list.data!.allAuditEntries.map((e) => e.id).sort(), `${at}: list`).toEqual(expected);
    expect(list.data!._allAuditEntriesMeta.count, `${at}: count`).toBe(expected.length);
    if (m.readsAudit(h, probe)) expect(one.data?.AuditEntry, `${at}: by id ${JSON.stringify(probe)}`).toEqual({ id: probe.id });
    else expect(codeOf(one), `${at}: by id ${JSON.stringify(probe)}`).toBe('NOT_FOUND');
  });
  lap('audit');
}

const step = (op: StepOp, target: number, extra: Partial<StepSpec> = {}): StepSpec => ({
  op,
  target,
  self: false,
  client: false,
  roles: [],
  grants: [],
  home: null,
  flag: false,
  near: false,
  ...extra,
});

/**
 * The world of the hole this property found (now closed): role 1 holds an operation without its
 * menu (stored, not effective), role 2 holds that menu. The actor may edit employees but not read
 * roles, so its role list is added to the target's current roles; the server checked only the
 * roles it named, and the target ended up holding `audit:view`, which the actor never held. Now
 * the result is checked: giving role 2 is refused.
 */
const hole = (withRolesView: boolean): Scenario => ({
  parents: [null, 0],
  isolation: true,
  roles: [['employees', 'employees:view', 'employees:edit', 'audit', ...(withRolesView ? ['roles', 'roles:view'] : [])], ['audit:view'], ['audit']],
  actor: { kind: 'employee', roles: [0], grants: [{ ou: 0, write: true }], home: 0 },
  others: [
    { kind: 'employee', roles: [1], grants: [{ ou: 0, write: false }], home: 0, admin: false, enabled: true, near: false },
    { kind: 'client', roles: [1], grants: [], home: null, admin: false, enabled: true, near: false },
  ],
  audits: [{ type: 'Employee', ou: 0 }],
  // The actor resets the password of an employee holding nothing more than it does, then gives it the menu role.
  steps: [step('reset-password', 0), step('set-roles', 0, { roles: [2] }), step('rotate', 0), step('set-roles', 0, { roles: [2], client: true })],
  probe: 0,
});

/** Worlds run before the random ones: corners the generators reach rarely. */
const EXAMPLES: Scenario[] = [
  // With roles:view the actor's list replaces the target's roles: the orphan role goes, nothing is gained.
  hole(true),
  // Without it the roles are added to the kept ones, and the combination is refused.
  hole(false),
];

describe('escalation property (issue 7)', () => {
  it(`no actor hands itself or anyone more than it holds, and audit entries are read like their records (${RUNS} worlds)`, async () => {
    console.log(`escalation property: seed ${SEED} (PBT_SEED), ${RUNS} worlds (PBT_RUNS)`);
    try {
      await fc.assert(fc.asyncProperty(scenario, runScenario), {
        numRuns: RUNS,
        seed: SEED,
        endOnFailure: !process.env.PBT_SHRINK,
        examples: EXAMPLES.map((e) => [e] as [Scenario]),
      });
    } finally {
      printStats();
    }
  }, 600_000);

  // Regression: roles kept for an editor without roles:view combined with the roles it gave into
  // more than it held (an operation kept without its menu, the menu given).
  it('roles kept for an editor without roles:view cannot combine with the roles it gives into more than it holds', async () => {
    await runScenario(hole(false));
  }, 60_000);
});
