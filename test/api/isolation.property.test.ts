import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../api/src/modules/context/activity.entity';
import { Comment } from '../../api/src/modules/context/comment.entity';
import { CustomerRequest } from '../../api/src/modules/context/request.entity';
import { Channel, Direction } from '../../api/src/modules/customer/channel';
import { ContactRecord } from '../../api/src/modules/customer/contact-record.entity';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { CustomerPhone } from '../../api/src/modules/customer/customer-contact.entity';
import { contactLookups } from '../../api/src/modules/customer/lookups';
import { ApiClient } from '../../api/src/modules/identity/api-client.entity';
import { Employee } from '../../api/src/modules/identity/employee.entity';
import { OuGrant } from '../../api/src/modules/identity/ou-grant.entity';
import { Role } from '../../api/src/modules/identity/role.entity';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { Tenant } from '../../api/src/common/tenant.entity';
import { startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { RESOURCES, VIEW, WorldModel, sortRows as sort, type Actor, type ActorKind, type MAudit, type MGrant, type Resource } from '../support/isolation-model';

/**
 * The core promise, as a property: for random OU trees, grants, roles, isolation settings and
 * records in random OUs (or Unorganized), what every principal reads, counts and changes through
 * the GraphQL API equals what an independent model of SPEC §1 says.
 *
 * Every world runs every principal — a tenant admin, an employee and an API client, in that
 * order — and then a canary without roles or grants. Each principal reads everything (lists,
 * counts, single reads, nested references, its own scope, the call-time lookup) as the writes
 * before it left the world, then tries random mutations of any kind. An allowed mutation is
 * applied to the model too, and the database must then hold exactly the model's world, with
 * one more audit entry (none for a change that changes nothing); a refused one changes no row,
 * no version and no audit entry. A record the principal may not read answers exactly like a
 * missing id, as the target of a read or a write and as a reference in a write.
 *
 * The generators are biased so that most checks have something to hide: view operations are
 * usually held, isolation is usually on, grants usually leave part of the tree out. The figures
 * printed at the end of the run say how often each branch was taken.
 */
const RUNS = Number(process.env.PBT_RUNS ?? 1000);
const SEED = Number(process.env.PBT_SEED ?? 20261121);

/** The operations the probes need, per menu. Operations are weighted so that view is usually held. */
const MENUS: Record<string, readonly string[]> = {
  'org-units': ['view', 'create', 'edit', 'delete'],
  employees: ['view', 'edit', 'delete'],
  'customer-center': ['view', 'create', 'delete', 'edit-contacts', 'record-contact'],
  'customer-context': ['view', 'edit', 'move-activity'],
  roles: ['view'],
};

const PROBES = [
  'create-ou',
  'rename-ou',
  'move-ou',
  'delete-ou',
  'update-employee',
  'move-employee',
  'delete-employee',
  'grant-employee',
  'create-customer',
  'edit-customer',
  'move-customer',
  'delete-customer',
  'create-request',
  'update-request',
  'delete-request',
  'create-activity',
  'update-activity',
  'move-activity',
  'delete-activity',
  'add-comment',
  'record-contact',
] as const;
type ProbeKind = (typeof PROBES)[number];

interface GrantSpec {
  ou: number;
  read: boolean;
  write: boolean;
}
interface PrincipalSpec {
  permissions: string[];
  grants: GrantSpec[];
  homeOu: number | null;
}
interface RecordSpec {
  homeOu: number | null;
  manager: number | null;
  grants: number[];
}
interface CustomerSpec {
  ou: number | null;
  extraActivity: boolean;
}
/** Indexes pick among the records that exist when the probe runs (`prefer`: among those the actor may read). */
interface ProbeSpec {
  kind: ProbeKind;
  target: number;
  ref: number;
  prefer: boolean;
  grants: GrantSpec[];
}
interface Scenario {
  parents: (number | null)[]; // parents[i] < i: a tree by construction
  isolation: boolean;
  employee: PrincipalSpec;
  client: PrincipalSpec;
  adminHomeOu: number | null;
  records: RecordSpec[]; // employees that are only records: no roles, read-only grants
  customers: CustomerSpec[]; // each with a contact record, a request, an activity in it and a comment
  probes: { employee: ProbeSpec[]; client: ProbeSpec[]; admin: ProbeSpec[] };
}

/** True with the given probability (unbiased: fast-check's bias toward bounds would skew the weights). */
const chance = (percent: number) => fc.noBias(fc.integer({ min: 0, max: 99 })).map((x) => x < percent);

const permissionsArb: fc.Arbitrary<string[]> = fc
  .tuple(
    ...Object.entries(MENUS).map(([menu, ops]) =>
      fc
        .tuple(chance(95), fc.tuple(...ops.map((op) => chance(op === 'view' ? 92 : 60))))
        .map(([withMenu, held]) => [...(withMenu ? [menu] : []), ...ops.filter((_, i) => held[i]).map((op) => `${menu}:${op}`)]),
    ),
  )
  .map((lists) => lists.flat());

const grantArb = (n: number): fc.Arbitrary<GrantSpec> =>
  fc
    .record({ ou: fc.integer({ min: 0, max: n - 1 }), kind: fc.noBias(fc.integer({ min: 0, max: 99 })), read: fc.boolean() })
    .map(({ ou, kind, read }) => (kind < 50 ? { ou, read, write: true } : kind < 88 ? { ou, read: true, write: false } : { ou, read: false, write: false }));

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 6 }).chain((n) => {
  const ou = fc.integer({ min: 0, max: n - 1 });
  const maybeOu = fc.option(ou, { nil: null, freq: 5 });
  const grants = fc.uniqueArray(grantArb(n), { minLength: 1, maxLength: 2, selector: (g) => g.ou });
  const principal = fc.record({ permissions: permissionsArb, grants, homeOu: maybeOu, trim: chance(95) });
  const probe = fc.record({
    // Grant delegation weighs more: it is where a scoped editor could hand out what it does not hold.
    kind: fc.constantFrom(...PROBES, 'grant-employee', 'grant-employee', 'grant-employee'),
    target: fc.nat(),
    ref: fc.nat(),
    prefer: chance(75),
    grants: fc.uniqueArray(grantArb(n), { minLength: 1, maxLength: 2, selector: (g) => g.ou }),
  });
  const probes = fc.array(probe, { minLength: 2, maxLength: 2 });
  return fc
    .record({
      parents: fc.tuple(
        ...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null, freq: 3 }))),
      ),
      isolation: chance(92),
      employee: principal,
      client: principal,
      adminHomeOu: maybeOu,
      records: fc.array(
        fc.record({ homeOu: maybeOu, manager: fc.option(fc.nat(), { nil: null }), grants: fc.oneof(fc.constant([]), fc.uniqueArray(ou, { maxLength: 2 })) }),
        { minLength: 2, maxLength: 5 },
      ),
      customers: fc.array(fc.record({ ou: fc.option(ou, { nil: null, freq: 8 }), extraActivity: fc.boolean() }), { minLength: 2, maxLength: 5 }),
      probes: fc.record({ employee: probes, client: probes, admin: probes }),
      manage: chance(80),
    })
    .map(({ manage, ...s }) => {
      const employee = notEverything(s.parents, s.employee);
      const client = notEverything(s.parents, s.client);
      // Usually each scoped principal has somebody to manage: a record employee homed where it may write.
      const records = s.records.map((r, i) => {
        const by = [employee, client][i];
        const home = by?.grants.find((g) => g.write)?.ou;
        return manage && home !== undefined ? { ...r, homeOu: home } : r;
      });
      return { ...s, employee, client, records };
    }) as fc.Arbitrary<Scenario>;
});

/** Most principals' grants leave something out (else nothing would be hidden from them): grants are dropped until they do. */
function notEverything(parents: (number | null)[], p: PrincipalSpec & { trim?: boolean }): PrincipalSpec {
  const { trim, ...spec } = p;
  if (!trim) return spec;
  const up = (ou: number) => {
    const out = [ou];
    for (let q = parents[ou]; q !== null && q !== undefined; q = parents[q]) out.push(q);
    return out;
  };
  const coversAll = (grants: GrantSpec[]) => parents.every((_, ou) => grants.some((g) => (g.read || g.write) && up(ou).includes(g.ou)));
  let grants = spec.grants;
  while (grants.length && coversAll(grants)) grants = grants.slice(1);
  return { ...spec, grants };
}

// ---------------------------------------------------------------------------------------------
// Instrumentation: printed at the end of the property run, so the strength of the test is visible.

const newStats = () => ({
  worlds: 0,
  readPasses: { employee: 0, client: 0, admin: 0, canary: 0 } as Record<ActorKind, number>,
  /** Worlds in which the principal ran its reads and its writes. */
  ranIn: { employee: 0, client: 0, admin: 0, canary: 0 } as Record<ActorKind, number>,
  lists: Object.fromEntries(RESOURCES.map((r) => [r, { checks: 0, forbidden: 0, hidden: 0 }])) as Record<
    Resource,
    { checks: number; forbidden: number; hidden: number }
  >,
  singles: Object.fromEntries(RESOURCES.map((r) => [r, { visible: 0, hidden: 0, forbidden: 0 }])) as Record<
    Resource,
    { visible: number; hidden: number; forbidden: number }
  >,
  nested: {} as Record<string, { shown: number; nulled: number }>,
  probes: {} as Record<string, Record<string, number>>,
  twins: 0,
});
let stats = newStats();

const countNested = (name: string, shown: boolean) => {
  const s = (stats.nested[name] ??= { shown: 0, nulled: 0 });
  if (shown) s.shown++;
  else s.nulled++;
};

function printStats() {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
  const lines = [`property test figures over ${stats.worlds} worlds (regressions not included):`];
  lines.push(
    `  principals ran reads+writes in: ${Object.entries(stats.ranIn)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} worlds; read passes: ${Object.entries(stats.readPasses)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  let checks = 0;
  let hidden = 0;
  let forbidden = 0;
  for (const [r, s] of Object.entries(stats.lists)) {
    checks += s.checks;
    hidden += s.hidden;
    forbidden += s.forbidden;
    lines.push(
      `  list ${r}: ${s.checks} checks, ${s.hidden} with something hidden (${pct(s.hidden, s.checks)}), ${s.forbidden} FORBIDDEN (${pct(s.forbidden, s.checks)})`,
    );
  }
  lines.push(`  all lists: ${pct(hidden, checks)} with something hidden, ${pct(forbidden, checks)} FORBIDDEN only`);
  lines.push(
    `  single reads (visible / hidden-vs-missing / forbidden): ${Object.entries(stats.singles)
      .map(([r, s]) => `${r} ${s.visible}/${s.hidden}/${s.forbidden}`)
      .join(', ')}`,
  );
  lines.push(
    `  nested references (shown / null because out of reach): ${Object.entries(stats.nested)
      .map(([r, s]) => `${r} ${s.shown}/${s.nulled}`)
      .join(', ')}`,
  );
  lines.push(`  hidden-vs-missing twins of refused writes: ${stats.twins}`);
  for (const [kind, codes] of Object.entries(stats.probes).sort())
    lines.push(
      `  ${kind}: ${Object.entries(codes)
        .sort()
        .map(([c, v]) => `${c} ${v}`)
        .join(', ')}`,
    );
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// The world: written straight into the database (fast), principals signed in with real tokens.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface Principal {
  actor: Actor;
  client: GraphQLClient;
  alive: boolean;
}
interface World {
  tenantId: string;
  model: WorldModel;
  employee: Principal;
  client: Principal;
  admin: Principal;
  canary: Principal;
}

let fresh = 0;
const unique = (prefix: string) => `${prefix}${++fresh}`;

async function build(s: Scenario): Promise<World> {
  const em = t.db();
  const m = new WorldModel(s.isolation);
  const tenant = em.create(Tenant, { code: `pbt-${randomUUID().slice(0, 12)}`, name: 'Property test', interOrgIsolation: s.isolation });
  const ous: OrgUnit[] = [];
  s.parents.forEach((parent, i) => {
    const ou = em.create(OrgUnit, { tenant, name: `OU ${i}`, path: '', parent: parent === null ? null : ous[parent]! });
    ous.push(ou);
    m.ous.push({ id: ou.id, name: ou.name, parent: parent === null ? null : ous[parent]!.id });
  });
  for (const ou of ous) ou.path = m.path(ou.id);
  const ouId = (i: number | null) => (i === null ? null : ous[i]!.id);
  const hash = 'unused: tokens are issued directly';
  const grant = (holder: { employee: Employee } | { apiClient: ApiClient }, g: GrantSpec): MGrant => {
    em.create(OuGrant, { tenant, ou: ous[g.ou]!, canRead: g.read, canWrite: g.write, ...holder });
    return { ou: ous[g.ou]!.id, read: g.read, write: g.write };
  };
  const employee = (home: number | null, extra: Partial<Pick<Employee, 'isTenantAdmin'>> = {}) => {
    const e = em.create(Employee, {
      tenant,
      account: `pbt.${randomUUID()}`,
      name: 'P',
      passwordHash: hash,
      homeOu: home === null ? null : ous[home]!,
      ...extra,
    });
    m.employees.push({ id: e.id, home: ouId(home), manager: null, position: '', admin: !!extra.isTenantAdmin, grants: [], permissions: [], roleIds: [] });
    return e;
  };
  const records = s.records.map((r) => {
    const e = employee(r.homeOu);
    const row = m.employee(e.id)!;
    row.grants = r.grants.map((ou) => grant({ employee: e }, { ou, read: true, write: false }));
    return e;
  });
  s.records.forEach((r, i) => {
    if (r.manager === null || i === 0) return;
    const manager = records[r.manager % i]!;
    records[i]!.manager = manager;
    m.employee(records[i]!.id)!.manager = manager.id;
  });
  const roleOf = (permissions: string[]) => em.create(Role, { tenant, name: `R ${randomUUID()}`, permissions });
  const emp = employee(s.employee.homeOu);
  const role = roleOf(s.employee.permissions);
  emp.roles.add(role);
  Object.assign(m.employee(emp.id)!, {
    permissions: s.employee.permissions,
    roleIds: [role.id],
    grants: s.employee.grants.map((g) => grant({ employee: emp }, g)),
  });
  const client = em.create(ApiClient, { tenant, name: 'CRM', clientId: `sbc_${randomUUID().slice(0, 20)}`, secretHash: hash });
  client.roles.add(roleOf(s.client.permissions));
  m.clients.push({ id: client.id, grants: s.client.grants.map((g) => grant({ apiClient: client }, g)) });
  const admin = employee(s.adminHomeOu, { isTenantAdmin: true });
  const canary = employee(null);

  s.customers.forEach((spec, i) => {
    const phone = `+1 202 555 01${String(i).padStart(2, '0')}`;
    const c = em.create(Customer, {
      tenant,
      customerNumber: String(20000000 + i),
      name: `C${i}`,
      phones: [phone],
      ou: spec.ou === null ? null : ous[spec.ou]!,
    });
    m.customers.push({ id: c.id, ou: ouId(spec.ou), remark: '', phone });
    for (const { raw, normalized, digits, digitsRev } of contactLookups(c.phones, []).phones)
      em.create(CustomerPhone, { tenant, customer: c, raw, normalized, digits, digitsRev });
    const contact = em.create(ContactRecord, {
      tenant,
      customer: c,
      caller: phone,
      called: '800',
      channel: Channel.VOICE,
      direction: Direction.INBOUND,
      startedAt: new Date(Date.now() - 3_600_000),
    });
    m.contacts.push({ id: contact.id, customer: c.id });
    const request = em.create(CustomerRequest, { tenant, customer: c, title: `R${i}` });
    m.requests.push({ id: request.id, customer: c.id, title: request.title });
    const activity = em.create(Activity, { tenant, customer: c, request, mediaType: Channel.VOICE });
    m.activities.push({ id: activity.id, customer: c.id, request: request.id, tags: [] });
    const comment = em.create(Comment, { tenant, activity, text: 'note', author: 'pbt' });
    m.comments.push({ id: comment.id, activity: activity.id, text: comment.text });
    if (spec.extraActivity) {
      const loose = em.create(Activity, { tenant, customer: c, mediaType: Channel.WEB, tags: ['loose'] });
      m.activities.push({ id: loose.id, customer: c.id, request: null, tags: ['loose'] });
    }
  });
  await em.flush();

  const principal = async (kind: ActorKind, id: string, permissions: string[], isAdmin = false): Promise<Principal> => {
    const knd = kind === 'client' ? 'client' : 'employee';
    const { token } = await t.app.services.tokens.issue({ sub: id, tid: tenant.id, knd, cv: 0 });
    return { actor: { kind, id, permissions, admin: isAdmin }, client: t.client.withToken(token), alive: true };
  };
  return {
    tenantId: tenant.id,
    model: m,
    employee: await principal('employee', emp.id, s.employee.permissions),
    client: await principal('client', client.id, s.client.permissions),
    admin: await principal('admin', admin.id, [], true),
    canary: await principal('canary', canary.id, []),
  };
}

/** The world's rows as the database holds them, in the model's shape, plus every row's version. */
async function rowsOf(tenantId: string) {
  const sql = `select
    (select coalesce(json_agg(json_build_array(id, name, parent_id, path, version)), '[]') from org_unit where tenant_id = :t) as ous,
    (select coalesce(json_agg(json_build_array(id, home_ou_id, manager_id, position, version)), '[]') from employee where tenant_id = :t) as employees,
    (select coalesce(json_agg(json_build_array(coalesce(employee_id, api_client_id), ou_id, can_read, can_write)), '[]') from ou_grant where tenant_id = :t) as grants,
    (select coalesce(json_agg(json_build_array(id, ou_id, remark, version)), '[]') from customer where tenant_id = :t) as customers,
    (select coalesce(json_agg(json_build_array(id, customer_id, title, version)), '[]') from customer_request where tenant_id = :t) as requests,
    (select coalesce(json_agg(json_build_array(id, customer_id, request_id, array_to_string(tags, ','), version)), '[]') from activity where tenant_id = :t) as activities,
    (select coalesce(json_agg(json_build_array(id, activity_id, text)), '[]') from activity_comment where tenant_id = :t) as comments,
    (select coalesce(json_agg(json_build_array(id, customer_id)), '[]') from contact_record where tenant_id = :t) as contacts,
    (select coalesce(json_agg(json_build_array(operation, record_type, record_id)), '[]') from audit_entry where tenant_id = :t) as audit`;
  const knex = t.orm.em.getConnection().getKnex();
  const { rows } = (await knex.raw(sql, { t: tenantId })) as { rows: Record<string, unknown[][]>[] };
  const row = rows[0]!;
  const versions: Record<string, number> = {};
  const plain = (name: string, versioned: boolean) =>
    sort(
      row[name]!.map((r) => {
        if (!versioned) return r;
        versions[r[0] as string] = r[r.length - 1] as number;
        return r.slice(0, -1);
      }),
    );
  return {
    rows: {
      ous: plain('ous', true),
      employees: plain('employees', true),
      grants: plain('grants', false),
      customers: plain('customers', true),
      requests: plain('requests', true),
      activities: plain('activities', true),
      comments: plain('comments', false),
      contacts: plain('contacts', false),
      audit: plain('audit', false),
    },
    versions,
  };
}
type Rows = Awaited<ReturnType<typeof rowsOf>>;

const codeOf = (res: GraphQLResponse<unknown>) => (res.errors?.length ? res.errors[0]!.extensions?.code : 'OK');
const sorted = (ids: Iterable<string>) => [...ids].sort();
const ref = (id: string | null | undefined, shown: boolean) => (id && shown ? { id } : null);
const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

// ---------------------------------------------------------------------------------------------
// Reads: lists, counts, filters by id, nested references, single reads, the scope, the lookup.

type Row = Record<string, unknown> & { id: string };

/**
 * What a read pass asks, in one request: the principal's own scope, the call-time lookup, and per
 * resource the list with its nested references, its count (in turn plain, or filtered by every
 * id of the world, hidden ones included), and single reads of a visible record (`<R>`), of a
 * hidden one (`<R>_h`) next to a missing id (`<R>_m`). The resources whose view operation the
 * principal lacks are left out of it (a refused list would null the whole answer): their single
 * reads are asked with it (they are nullable), their list or count (in turn) each on its own.
 */
const FIELDS: Record<Resource, string> = {
  OrgUnit: 'id name path parentId parent { id } access { canEdit canDelete }',
  Employee: 'id position homeOu { id } managerId manager { id } roleIds grants { ouId canRead canWrite ou { id } } access { canEdit canDelete }',
  Customer: 'id remark ou { id } latestContacts { id } access { canEdit canDelete }',
  CustomerRequest: 'id title customerId customer { id } activities { id } access { canEdit canDelete }',
  Activity: 'id customerId requestId tags request { id } comments { text } access { canEdit canDelete }',
};
const PLURAL: Record<Resource, string> = {
  OrgUnit: 'OrgUnits',
  Employee: 'Employees',
  Customer: 'Customers',
  CustomerRequest: 'CustomerRequests',
  Activity: 'Activities',
};
const CTX = 'customer { id } latestContacts { id } openRequests { id activities { id } }';
/** Which single reads a pass makes of a resource: a visible record, and a hidden one next to a missing id. */
interface Singles {
  visible: string[];
  v?: string;
  h?: string;
}

function readQuery(allowed: Resource[], picks: Record<Resource, Singles>, filtered: boolean, lookup: 'ctx_h' | 'customerContext'): string {
  const vars = [lookup === 'ctx_h' ? '$ctxH: String!' : '$ctxS: String!'];
  const fields = [
    `me { readableOuIds writableOuIds canReadUnorganized canWriteUnorganized }`,
    lookup === 'ctx_h' ? `ctx_h: customerContext(phone: $ctxH) { ${CTX} }` : `customerContext(phone: $ctxS) { ${CTX} }`,
  ];
  for (const r of RESOURCES) {
    const k = picks[r];
    if (allowed.includes(r)) {
      if (filtered) vars.push(`$${r}Ids: [ID!]`);
      fields.push(`all${PLURAL[r]} { ${FIELDS[r]} } _all${PLURAL[r]}Meta${filtered ? `(filter: { ids: $${r}Ids })` : ''} { count }`);
      if (k.v) {
        vars.push(`$${r}V: ID!`);
        fields.push(`${r}(id: $${r}V) { id }`);
      }
    }
    if (k.h) {
      vars.push(`$${r}H: ID!`, `$${r}M: ID!`);
      fields.push(`${r}_h: ${r}(id: $${r}H) { id } ${r}_m: ${r}(id: $${r}M) { id }`);
    }
  }
  return `query(${vars.join(', ')}) { ${fields.join(' ')} }`;
}

/** What each row of a visible list must say: its fields, and nested references only to what the caller may read. */
function expectRow(m: WorldModel, a: Actor, resource: Resource, row: Row, label: string) {
  const sees = (r: Resource, id: string | null | undefined) => !!id && m.sees(a, r, id);
  const access = (edit: string, del: string, ou: string | null) => ({
    canEdit: m.has(a, edit) && m.writes(a, ou),
    canDelete: m.has(a, del) && m.writes(a, ou),
  });
  const at = `${label} ${resource} ${row.id}`;
  const nestedSeen = (name: string, shown: boolean) => {
    if (a.kind === 'employee' || a.kind === 'client') countNested(name, shown);
  };
  switch (resource) {
    case 'OrgUnit': {
      const ou = m.ou(row.id)!;
      if (ou.parent) nestedSeen('OrgUnit.parent', sees('OrgUnit', ou.parent));
      // The parent (and its id, and its name in the path) only when the caller may read it.
      expect(row, at).toEqual({
        id: ou.id,
        name: ou.name,
        path: m.readablePath(a, ou.id),
        parentId: ou.parent && m.reads(a, ou.parent) ? ou.parent : null,
        parent: ref(ou.parent, sees('OrgUnit', ou.parent)),
        access: access('org-units:edit', 'org-units:delete', ou.id),
      });
      break;
    }
    case 'Employee': {
      const e = m.employee(row.id)!;
      if (e.home) nestedSeen('Employee.homeOu', sees('OrgUnit', e.home));
      if (e.manager) nestedSeen('Employee.manager', sees('Employee', e.manager));
      // Changing another principal needs holding everything it holds: access says what the API would do.
      const changeable = m.holdsAll(a, e);
      const self = a.kind !== 'client' && a.id === e.id;
      expect({ ...row, grants: undefined }, at).toEqual({
        id: e.id,
        position: e.position,
        homeOu: ref(e.home, sees('OrgUnit', e.home)),
        managerId: e.manager && sees('Employee', e.manager) ? e.manager : null,
        manager: ref(e.manager, sees('Employee', e.manager)),
        roleIds: m.has(a, 'roles:view') ? e.roleIds : [],
        grants: undefined,
        access: {
          canEdit: m.has(a, 'employees:edit') && m.writes(a, e.home) && changeable,
          canDelete: m.has(a, 'employees:delete') && m.writes(a, e.home) && changeable && !self,
        },
      });
      // Grants on OUs out of the caller's scope are left out; the OU itself needs its view operation.
      const grants = row.grants as { ouId: string; canRead: boolean; canWrite: boolean; ou: { id: string } | null }[];
      for (const g of e.grants) nestedSeen('OuGrant', m.reads(a, g.ou));
      const shown = e.grants.filter((g) => m.reads(a, g.ou));
      const key = (g: { ouId: string; canRead: boolean; canWrite: boolean; ou: { id: string } | null }) => JSON.stringify(g);
      expect(grants.map(key).sort(), at).toEqual(
        shown.map((g) => key({ ouId: g.ou, canRead: g.read, canWrite: g.write, ou: ref(g.ou, sees('OrgUnit', g.ou)) })).sort(),
      );
      break;
    }
    case 'Customer': {
      const c = m.customer(row.id)!;
      if (c.ou) nestedSeen('Customer.ou', sees('OrgUnit', c.ou));
      const contacts = m.contacts
        .filter((k) => k.customer === c.id)
        .slice(-5)
        .map((k) => k.id);
      expect({ ...row, latestContacts: sorted((row.latestContacts as Row[]).map((k) => k.id)) }, at).toEqual({
        id: c.id,
        remark: c.remark,
        ou: ref(c.ou, sees('OrgUnit', c.ou)),
        latestContacts: sorted(contacts),
        access: access('customer-center:edit-contacts', 'customer-center:delete', c.ou),
      });
      break;
    }
    case 'CustomerRequest': {
      const r = m.request(row.id)!;
      nestedSeen('CustomerRequest.customer', sees('Customer', r.customer));
      const ou = m.ouOf('CustomerRequest', r.id);
      expect({ ...row, activities: sorted((row.activities as Row[]).map((x) => x.id)) }, at).toEqual({
        id: r.id,
        title: r.title,
        customerId: r.customer,
        customer: ref(r.customer, sees('Customer', r.customer)),
        activities: sorted(m.activities.filter((x) => x.request === r.id).map((x) => x.id)),
        access: access('customer-context:edit', 'customer-context:edit', ou),
      });
      break;
    }
    case 'Activity': {
      const x = m.activity(row.id)!;
      const ou = m.ouOf('Activity', x.id);
      expect({ ...row, comments: sorted((row.comments as { text: string }[]).map((c) => c.text)) }, at).toEqual({
        id: x.id,
        customerId: x.customer,
        requestId: x.request,
        tags: x.tags,
        request: ref(x.request, sees('CustomerRequest', x.request)),
        comments: sorted(m.comments.filter((c) => c.activity === x.id).map((c) => c.text)),
        access: access('customer-context:edit', 'customer-context:edit', ou),
      });
      break;
    }
  }
}

/** An error as the client sees it, without where it was raised (aliases differ). */
const errorAt = (res: GraphQLResponse<unknown>, alias: string) => {
  const e = res.errors?.find((x) => x.path?.[0] === alias);
  return e && { message: e.message, extensions: e.extensions };
};

async function checkReads(w: World, p: Principal, pass: number, only?: Resource[]) {
  const m = w.model;
  const a = p.actor;
  const label = `[${a.kind} pass ${pass}] ${JSON.stringify({ permissions: a.permissions, grants: m.grantsOf(a), isolation: m.isolation })}`;
  const scoped = a.kind === 'employee' || a.kind === 'client';
  stats.readPasses[a.kind]++;
  const turn = stats.readPasses[a.kind];
  const hiddenCustomer = pick(
    m.customers.filter((c) => !m.sees(a, 'Customer', c.id)),
    turn,
  );
  const shownCustomer = pick(
    m.customers.filter((c) => m.sees(a, 'Customer', c.id)),
    turn,
  );
  const UNKNOWN = '+1 303 555 0199';
  const allowed = RESOURCES.filter((r) => m.has(a, VIEW[r]));
  const refused = RESOURCES.filter((r) => !allowed.includes(r));
  const picks = Object.fromEntries(
    RESOURCES.map((r) => {
      const visible = allowed.includes(r) ? m.visible(a, r) : [];
      // Refused resources: any record of it (all are out of reach) next to a missing id.
      const hidden = m.ids(r).filter((id) => !visible.includes(id));
      return [r, { visible, v: pick(visible, turn), h: pick(hidden, turn) }];
    }),
  ) as Record<Resource, Singles>;
  const filtered = turn % 2 === 0;
  const vars: Record<string, unknown> = { ctxH: hiddenCustomer?.phone ?? UNKNOWN, ctxS: shownCustomer?.phone ?? UNKNOWN };
  // One lookup per pass, in turn: of a customer out of reach, or of a visible one.
  const lookup: 'ctx_h' | 'customerContext' = turn % 2 ? 'ctx_h' : 'customerContext';
  for (const r of RESOURCES)
    Object.assign(vars, { [`${r}Ids`]: [...m.ids(r), randomUUID()], [`${r}V`]: picks[r].v, [`${r}H`]: picks[r].h, [`${r}M`]: randomUUID() });
  // Refused lists and counts, each alone: a list, or a count, in turn (only some for the canary, which is refused everything).
  const asked = (only ?? refused).filter((r) => refused.includes(r));
  const [res, refusedReplies] = await Promise.all([
    p.client.request<Record<string, unknown>>(readQuery(allowed, picks, filtered, lookup), vars),
    Promise.all(asked.map((r) => p.client.request(turn % 2 ? `{ all${PLURAL[r]} { id } }` : `{ _all${PLURAL[r]}Meta { count } }`))),
  ]);
  expect(res.data, `${label}: refused what the model allows: ${JSON.stringify(res.errors)}`).toBeTruthy();
  const data = res.data!;
  const errorOf = (alias: string) => errorAt(res, alias);

  // Its own scope, as OU pickers get it.
  const allOus = sorted(m.ous.map((o) => o.id));
  expect(data.me, label).toEqual({
    readableOuIds: m.unrestricted(a) ? allOus : allOus.filter((id) => m.reads(a, id)),
    writableOuIds: m.unrestricted(a) ? allOus : allOus.filter((id) => m.writes(a, id)),
    canReadUnorganized: true,
    canWriteUnorganized: m.writes(a, null),
  });

  // customerContext: a customer out of reach answers exactly like an unknown number (null, no error).
  if (!m.has(a, 'customer-center:view')) {
    expect([data[lookup], errorOf(lookup)?.extensions?.code], `${label} customerContext`).toEqual([null, 'FORBIDDEN']);
  } else if (lookup === 'ctx_h') {
    expect([data.ctx_h, errorOf('ctx_h')], `${label} customerContext of a customer out of reach`).toEqual([null, undefined]);
  } else {
    expect(errorOf(lookup), `${label} customerContext`).toBeUndefined();
    const got = data.customerContext as { customer: Row; latestContacts: Row[]; openRequests: { id: string; activities: Row[] }[] } | null;
    if (!shownCustomer) expect(got, label).toBeNull();
    else {
      const requests = m.has(a, 'customer-context:view') ? m.requests.filter((r) => r.customer === shownCustomer.id) : [];
      const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
      expect(
        got && {
          customer: got.customer,
          latestContacts: sorted(got.latestContacts.map((k) => k.id)),
          openRequests: got.openRequests.map((r) => ({ id: r.id, activities: sorted(r.activities.map((x) => x.id)) })).sort(byId),
        },
        `${label} customerContext`,
      ).toEqual({
        customer: { id: shownCustomer.id },
        latestContacts: sorted(
          m.contacts
            .filter((k) => k.customer === shownCustomer.id)
            .slice(-5)
            .map((k) => k.id),
        ),
        openRequests: requests.map((r) => ({ id: r.id, activities: sorted(m.activities.filter((x) => x.request === r.id).map((x) => x.id)) })).sort(byId),
      });
    }
  }

  // customerJourney: every activity of a customer in reach; one out of reach answers exactly like a missing one.
  if (m.has(a, 'customer-context:view')) {
    const JOURNEY = 'query($c: ID!) { customerJourney(customerId: $c, first: 100) { edges { node { id } } } }';
    const reachable = m.customers.filter((c) => m.reads(a, c.ou));
    const shown = pick(reachable, turn);
    const hidden = pick(
      m.customers.filter((c) => !m.reads(a, c.ou)),
      turn,
    );
    if (shown) {
      const got = await p.client.request<{ customerJourney: { edges: { node: Row }[] } }>(JOURNEY, { c: shown.id });
      expect(sorted(got.data?.customerJourney.edges.map((e) => e.node.id) ?? []), `${label} journey: ${JSON.stringify(got.errors)}`).toEqual(
        sorted(m.activities.filter((x) => x.customer === shown.id).map((x) => x.id)),
      );
    }
    if (hidden) {
      const [out, missing] = await Promise.all([p.client.request(JOURNEY, { c: hidden.id }), p.client.request(JOURNEY, { c: randomUUID() })]);
      expect(out, `${label} journey of a customer out of reach`).toEqual(missing);
      expect(codeOf(out)).toBe('BAD_USER_INPUT');
    }
  }

  const expectedErrors = new Set<string>(m.has(a, 'customer-center:view') ? [] : [lookup]);
  for (const r of RESOURCES) {
    const { visible, v, h } = picks[r];
    const at = `${label} ${r} (visible ${v}, hidden ${h})`;
    const s = scoped ? stats.lists[r] : undefined;
    if (s) s.checks++;
    if (h) expectedErrors.add(`${r}_h`).add(`${r}_m`);
    if (!allowed.includes(r)) {
      // Without the view operation: no list, no count, and single reads refused alike.
      if (s) s.forbidden++;
      if (scoped) stats.singles[r].forbidden++;
      const i = asked.indexOf(r);
      if (i >= 0) expect([refusedReplies[i]!.data ?? null, refusedReplies[i]!.errors?.map((e) => e.extensions?.code)], at).toEqual([null, ['FORBIDDEN']]);
      if (h)
        expect([data[`${r}_h`], data[`${r}_m`], errorOf(`${r}_h`)?.extensions?.code, errorOf(`${r}_m`)?.extensions?.code], at).toEqual([
          null,
          null,
          'FORBIDDEN',
          'FORBIDDEN',
        ]);
      continue;
    }
    const expected = sorted(visible);
    if (s && expected.length < m.ids(r).length) s.hidden++;
    expect(expected.length, 'worlds stay within one page').toBeLessThanOrEqual(25);
    // The list and the count (plain, or filtered by every id, hidden ones too) equal the model's visible set.
    const rows = data[`all${PLURAL[r]}`] as Row[];
    expect(sorted(rows.map((x) => x.id)), `${at} list`).toEqual(expected);
    expect((data[`_all${PLURAL[r]}Meta`] as { count: number }).count, `${at} count${filtered ? ' by ids' : ''}`).toBe(expected.length);
    for (const row of rows) expectRow(m, a, r, row, label);
    // Single reads: a visible record reads as itself; a hidden one exactly like a missing id.
    if (scoped && v) stats.singles[r].visible++;
    if (scoped && h) stats.singles[r].hidden++;
    if (v) expect([data[r], errorOf(r)], at).toEqual([{ id: v }, undefined]);
    if (h) {
      expect([data[`${r}_h`], data[`${r}_m`], errorOf(`${r}_m`)?.extensions?.code], at).toEqual([null, null, 'NOT_FOUND']);
      expect(errorOf(`${r}_h`), `${at}: hidden must read like missing`).toEqual(errorOf(`${r}_m`));
    }
  }
  // No other error anywhere.
  expect(
    (res.errors ?? []).map((e) => String(e.path?.[0])).filter((x) => !expectedErrors.has(x)),
    label,
  ).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Writes: each probe is planned from the model (expected answer and, when allowed, its effect).

interface Outcome {
  code: string;
  /** For BAD_USER_INPUT: the field at fault, and a reason code when the API gives one. */
  field?: string;
  reason?: string;
  /** Variables naming a missing id where the probe names a record out of reach: the answer must be the same. */
  twin?: Record<string, unknown>;
}
interface Plan {
  query: string;
  vars: Record<string, unknown>;
  outcome: Outcome;
  /** Applies an allowed change to the model; returns the audit entry it writes (null: it changed nothing). */
  /** `after`: the rows once it ran, for records the reply does not name (a contact's activity). */
  apply: (data: Record<string, { id: string } & Record<string, unknown>>, after: Rows) => MAudit | null;
  /** The record whose version an allowed change may bump; no other row's version moves. */
  target?: string;
}

const FORBIDDEN: Outcome = { code: 'FORBIDDEN' };
const OK: Outcome = { code: 'OK' };
const HOLDS_MORE: Outcome = { code: 'FORBIDDEN', reason: 'TARGET_HOLDS_MORE' };
const notFound = (vars: Record<string, unknown>, key: string): Outcome => ({ code: 'NOT_FOUND', twin: { ...vars, [key]: randomUUID() } });
const bad = (field: string, twin?: Record<string, unknown>, reason?: string): Outcome => ({ code: 'BAD_USER_INPUT', field, twin, reason });
/** The first rule that refuses, in the order the API checks: permission, the record, the caller's rights on it, references, the destination. */
const decide = (...rules: [boolean, Outcome | (() => Outcome)][]): Outcome => {
  const hit = rules.find(([refused]) => refused);
  return hit ? (typeof hit[1] === 'function' ? hit[1]() : hit[1]) : OK;
};
const audit = (operation: string, recordType: string, recordId: string): MAudit => ({ operation, recordType, recordId });

let clock = Date.now();

function plan(w: World, p: Principal, probe: ProbeSpec): Plan | null {
  const m = w.model;
  const a = p.actor;
  const has = (perm: string) => m.has(a, perm);
  const reads = (ou: string | null) => m.reads(a, ou);
  const writes = (ou: string | null) => m.writes(a, ou);
  const isCanary = (id: string) => id === w.canary.actor.id;
  /** A target: usually one the actor may locate (its OU in the read scope), sometimes any. */
  const target = <T extends { id: string }>(list: T[], ouOf: (x: T) => string | null): T | undefined =>
    pick(probe.prefer ? (list.filter((x) => reads(ouOf(x))).length ? list.filter((x) => reads(ouOf(x))) : list) : list, probe.target);
  /** A destination OU (null = Unorganized): usually one the actor may write, sometimes any. */
  const destination = (): string | null => {
    const all = [null, ...m.ous.map((o) => o.id)];
    const writable = all.filter((o) => writes(o));
    return pick(probe.ref % 3 && writable.length ? writable : all, probe.ref)!;
  };
  const customerOu = (id: string) => m.customer(id)!.ou;

  switch (probe.kind) {
    case 'create-ou': {
      const parent = destination();
      const name = unique('New ');
      const vars = { n: name, p: parent };
      return {
        query: 'mutation($n: String!, $p: ID) { createOrgUnit(name: $n, parentId: $p) { id } }',
        vars,
        outcome: decide(
          [!has('org-units:create'), FORBIDDEN],
          [parent !== null && !reads(parent), () => bad('parentId', { ...vars, p: randomUUID() })],
          [!writes(parent), FORBIDDEN],
        ),
        apply: (d) => {
          m.ous.push({ id: d.createOrgUnit!.id, name, parent });
          return audit('createOrgUnit', 'OrgUnit', d.createOrgUnit!.id);
        },
      };
    }
    case 'rename-ou': {
      const ou = target(m.ous, (o) => o.id);
      if (!ou) return null;
      const name = unique('Renamed ');
      const vars = { id: ou.id, n: name };
      return {
        query: 'mutation($id: ID!, $n: String!) { updateOrgUnit(id: $id, name: $n) { id } }',
        vars,
        outcome: decide([!has('org-units:edit'), FORBIDDEN], [!reads(ou.id), () => notFound(vars, 'id')], [!writes(ou.id), FORBIDDEN]),
        apply: () => {
          ou.name = name;
          return audit('updateOrgUnit', 'OrgUnit', ou.id);
        },
        target: ou.id,
      };
    }
    case 'move-ou': {
      const ou = target(m.ous, (o) => o.id);
      if (!ou) return null;
      const parent = destination();
      const vars = { id: ou.id, p: parent };
      return {
        query: 'mutation($id: ID!, $p: ID) { updateOrgUnit(id: $id, parentId: $p) { id } }',
        vars,
        outcome: decide(
          [!has('org-units:edit'), FORBIDDEN],
          [!reads(ou.id), () => notFound(vars, 'id')],
          [!writes(ou.id), FORBIDDEN],
          [parent !== null && !reads(parent), () => bad('parentId', { ...vars, p: randomUUID() })],
          [parent !== null && m.inSubtree(parent, ou.id), bad('parentId')],
          [parent !== ou.parent && !writes(parent), FORBIDDEN],
        ),
        apply: () => {
          if (parent === ou.parent) return null;
          ou.parent = parent;
          return audit('updateOrgUnit', 'OrgUnit', ou.id);
        },
        target: ou.id,
      };
    }
    case 'delete-ou': {
      // Usually an OU that can go (no sub-OUs, no records), else any.
      const empty = m.ous.filter(
        (o) => !m.ous.some((c) => c.parent === o.id) && !m.employees.some((e) => e.home === o.id) && !m.customers.some((c) => c.ou === o.id),
      );
      const ou = target(probe.ref % 3 && empty.length ? empty : m.ous, (o) => o.id);
      if (!ou) return null;
      const vars = { id: ou.id };
      return {
        query: 'mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }',
        vars,
        outcome: decide(
          [!has('org-units:delete'), FORBIDDEN],
          [!reads(ou.id), () => notFound(vars, 'id')],
          [!writes(ou.id), FORBIDDEN],
          [m.ous.some((o) => o.parent === ou.id), bad('id', undefined, 'HAS_CHILDREN')],
          [m.employees.some((e) => e.home === ou.id) || m.customers.some((c) => c.ou === ou.id), bad('id', undefined, 'HAS_RECORDS')],
        ),
        apply: () => {
          m.deleteOu(ou.id);
          return audit('deleteOrgUnit', 'OrgUnit', ou.id);
        },
      };
    }
    case 'update-employee':
    case 'move-employee': {
      const e = target(m.employees, (x) => x.home);
      if (!e) return null;
      const moving = probe.kind === 'move-employee';
      const home = moving ? destination() : e.home;
      const position = unique('Position ');
      const vars = moving ? { id: e.id, h: home } : { id: e.id, pos: position };
      return {
        query: moving
          ? 'mutation($id: ID!, $h: ID) { updateEmployee(id: $id, homeOuId: $h) { id } }'
          : 'mutation($id: ID!, $pos: String) { updateEmployee(id: $id, position: $pos) { id } }',
        vars,
        outcome: decide(
          [!has('employees:edit'), FORBIDDEN],
          [!reads(e.home), () => notFound(vars, 'id')],
          [!writes(e.home), FORBIDDEN],
          [!m.holdsAll(a, e), HOLDS_MORE],
          [moving && home !== null && !reads(home), () => bad('homeOuId', { ...vars, h: randomUUID() })],
          [moving && home !== e.home && !writes(home), FORBIDDEN],
        ),
        apply: () => {
          if (moving && home === e.home) return null;
          if (moving) e.home = home;
          else e.position = position;
          return audit('updateEmployee', 'Employee', e.id);
        },
        target: e.id,
      };
    }
    case 'delete-employee': {
      // The canary is never a target (it must still be there to be refused everything), nor, for the admin, the employee principal (it runs after the admin).
      const e = target(
        m.employees.filter((x) => !isCanary(x.id) && !(a.admin && x.id === w.employee.actor.id)),
        (x) => x.home,
      );
      if (!e) return null;
      const vars = { id: e.id };
      return {
        query: 'mutation($id: ID!) { deleteEmployee(id: $id) { id } }',
        vars,
        outcome: decide(
          [!has('employees:delete'), FORBIDDEN],
          [!reads(e.home), () => notFound(vars, 'id')],
          [!writes(e.home), FORBIDDEN],
          [!m.holdsAll(a, e), HOLDS_MORE],
          [e.id === a.id, bad('id')],
        ),
        apply: () => {
          m.deleteEmployee(e.id);
          for (const other of [w.employee, w.admin]) if (other.actor.id === e.id) other.alive = false;
          return audit('deleteEmployee', 'Employee', e.id);
        },
      };
    }
    case 'grant-employee': {
      // Grant delegation: one who is not unrestricted gives access only to OUs it may write.
      // Usually aimed at an employee the actor may change, so that the grants themselves are judged.
      const candidates = m.employees.filter((x) => !isCanary(x.id));
      const changeable = candidates.filter((x) => reads(x.home) && writes(x.home) && m.holdsAll(a, x));
      const e = target(probe.ref % 5 && changeable.length ? changeable : candidates, (x) => x.home);
      if (!e || !m.ous.length) return null;
      // Each grant on an OU the actor may write, one it may only read, or any OU (perhaps one out of its reach), in turn.
      const ouIds = m.ous.map((o) => o.id);
      const kinds = [ouIds.filter((o) => writes(o)), ouIds.filter((o) => reads(o) && !writes(o)), ouIds];
      const byOu = new Map<string, MGrant>();
      for (const [i, g] of probe.grants.entries()) {
        const ou = pick(kinds[(g.ou + i) % 3]!.length ? kinds[(g.ou + i) % 3]! : ouIds, probe.ref + i)!;
        byOu.set(ou, { ou, read: g.read, write: g.write });
      }
      const given = [...byOu.values()];
      const vars = { id: e.id, g: given.map((g) => ({ ouId: g.ou, canRead: g.read, canWrite: g.write })) };
      const effective = given.filter((g) => g.read || g.write).map((g) => ({ ou: g.ou, read: true, write: g.write }));
      const hidden = effective.find((g) => !reads(g.ou));
      // Keeping (or lowering) access the target already has is not giving it.
      const givesAnew = (g: MGrant) => {
        const held = e.grants.find((x) => x.ou === g.ou);
        return !held || !(held.read || held.write) || (g.write && !held.write);
      };
      // Grants on OUs the caller cannot read are not its business: they stay as they are.
      const final = [...effective, ...e.grants.filter((g) => !reads(g.ou))];
      const key = (list: MGrant[]) => JSON.stringify(list.map((g) => [g.ou, g.read, g.write]).sort());
      return {
        query: 'mutation($id: ID!, $g: [OuGrantInput!]) { updateEmployee(id: $id, grants: $g) { id } }',
        vars,
        outcome: decide(
          [!has('employees:edit'), FORBIDDEN],
          [!reads(e.home), () => notFound(vars, 'id')],
          [!writes(e.home), FORBIDDEN],
          [!m.holdsAll(a, e), HOLDS_MORE],
          [!!hidden, () => bad('grants', { ...vars, g: vars.g.map((g) => (g.ouId === hidden!.ou ? { ...g, ouId: randomUUID() } : g)) })],
          [!m.unrestricted(a) && effective.some((g) => givesAnew(g) && !writes(g.ou)), bad('grants')],
        ),
        apply: () => {
          const unchanged = key(e.grants) === key(final);
          e.grants = final;
          return unchanged ? null : audit('updateEmployee', 'Employee', e.id);
        },
        target: e.id,
      };
    }
    case 'create-customer': {
      const ou = destination();
      const phone = `+1 202 556 ${String(1000 + (fresh % 9000))}`;
      const vars = { o: ou, ph: [phone] };
      unique('');
      return {
        query: 'mutation($o: ID, $ph: [String!]) { createCustomer(ouId: $o, phones: $ph, name: "New") { id } }',
        vars,
        outcome: decide(
          [!has('customer-center:create'), FORBIDDEN],
          [ou !== null && !reads(ou), () => bad('ouId', { ...vars, o: randomUUID() })],
          [!writes(ou), FORBIDDEN],
        ),
        apply: (d) => {
          m.customers.push({ id: d.createCustomer!.id, ou, remark: '', phone });
          return audit('createCustomer', 'Customer', d.createCustomer!.id);
        },
      };
    }
    case 'edit-customer':
    case 'move-customer': {
      const c = target(m.customers, (x) => x.ou);
      if (!c) return null;
      const moving = probe.kind === 'move-customer';
      const ou = moving ? destination() : c.ou;
      const remark = unique('Remark ');
      const vars = moving ? { id: c.id, o: ou } : { id: c.id, r: remark };
      return {
        query: moving
          ? 'mutation($id: ID!, $o: ID) { updateCustomer(id: $id, ouId: $o) { id } }'
          : 'mutation($id: ID!, $r: String) { updateCustomer(id: $id, remark: $r) { id } }',
        vars,
        outcome: decide(
          [!has('customer-center:edit-contacts'), FORBIDDEN],
          [!reads(c.ou), () => notFound(vars, 'id')],
          [!writes(c.ou), FORBIDDEN],
          [moving && ou !== null && !reads(ou), () => bad('ouId', { ...vars, o: randomUUID() })],
          [moving && ou !== c.ou && !writes(ou), FORBIDDEN],
        ),
        apply: () => {
          if (moving && ou === c.ou) return null;
          if (moving) c.ou = ou;
          else c.remark = remark;
          return audit('updateCustomer', 'Customer', c.id);
        },
        target: c.id,
      };
    }
    case 'delete-customer': {
      const c = target(m.customers, (x) => x.ou);
      if (!c) return null;
      const vars = { id: c.id };
      return {
        query: 'mutation($id: ID!) { deleteCustomer(id: $id) { id } }',
        vars,
        outcome: decide([!has('customer-center:delete'), FORBIDDEN], [!reads(c.ou), () => notFound(vars, 'id')], [!writes(c.ou), FORBIDDEN]),
        apply: () => {
          m.deleteCustomer(c.id);
          return audit('deleteCustomer', 'Customer', c.id);
        },
      };
    }
    case 'create-request':
    case 'create-activity': {
      const c = target(m.customers, (x) => x.ou);
      if (!c) return null;
      const request = probe.kind === 'create-activity' && probe.ref % 2 ? (m.requests.find((r) => r.customer === c.id)?.id ?? null) : null;
      const title = unique('Request ');
      const vars = probe.kind === 'create-request' ? { c: c.id, t: title } : { c: c.id, r: request };
      return {
        query:
          probe.kind === 'create-request'
            ? 'mutation($c: ID!, $t: String!) { createCustomerRequest(customerId: $c, title: $t) { id } }'
            : 'mutation($c: ID!, $r: ID) { createActivity(customerId: $c, mediaType: VOICE, requestId: $r) { id } }',
        vars,
        outcome: decide(
          [!has('customer-context:edit'), FORBIDDEN],
          [!reads(c.ou), () => bad('customerId', { ...vars, c: randomUUID() })],
          [!writes(c.ou), FORBIDDEN],
        ),
        apply: (d) => {
          if (probe.kind === 'create-request') {
            m.requests.push({ id: d.createCustomerRequest!.id, customer: c.id, title });
            return audit('createCustomerRequest', 'CustomerContext', d.createCustomerRequest!.id);
          }
          m.activities.push({ id: d.createActivity!.id, customer: c.id, request, tags: [] });
          return audit('createActivity', 'CustomerContext', d.createActivity!.id);
        },
      };
    }
    case 'update-request':
    case 'delete-request': {
      const r = target(m.requests, (x) => customerOu(x.customer));
      if (!r) return null;
      const ou = customerOu(r.customer);
      const title = unique('Title ');
      const deleting = probe.kind === 'delete-request';
      const vars = deleting ? { id: r.id } : { id: r.id, t: title };
      return {
        query: deleting
          ? 'mutation($id: ID!) { deleteCustomerRequest(id: $id) { id } }'
          : 'mutation($id: ID!, $t: String) { updateCustomerRequest(id: $id, title: $t) { id } }',
        vars,
        outcome: decide([!has('customer-context:edit'), FORBIDDEN], [!reads(ou), () => notFound(vars, 'id')], [!writes(ou), FORBIDDEN]),
        apply: () => {
          if (deleting) m.deleteRequest(r.id);
          else r.title = title;
          return audit(deleting ? 'deleteCustomerRequest' : 'updateCustomerRequest', 'CustomerContext', r.id);
        },
        target: r.id,
      };
    }
    case 'update-activity':
    case 'delete-activity':
    case 'add-comment': {
      const x = target(m.activities, (y) => customerOu(y.customer));
      if (!x) return null;
      const ou = customerOu(x.customer);
      const text = unique('Tag');
      const vars = probe.kind === 'add-comment' ? { a: x.id, t: text } : probe.kind === 'update-activity' ? { id: x.id, t: [text] } : { id: x.id };
      const query = {
        'update-activity': 'mutation($id: ID!, $t: [String!]) { updateActivity(id: $id, tags: $t) { id } }',
        'delete-activity': 'mutation($id: ID!) { deleteActivity(id: $id) { id } }',
        'add-comment': 'mutation($a: ID!, $t: String!) { addComment(activityId: $a, text: $t) { id } }',
      }[probe.kind];
      return {
        query,
        vars,
        outcome: decide(
          [!has('customer-context:edit'), FORBIDDEN],
          [!reads(ou), () => notFound(vars, probe.kind === 'add-comment' ? 'a' : 'id')],
          [!writes(ou), FORBIDDEN],
        ),
        apply: (d) => {
          if (probe.kind === 'add-comment') {
            m.comments.push({ id: d.addComment!.id, activity: x.id, text });
            return audit('addComment', 'Comment', d.addComment!.id);
          }
          if (probe.kind === 'delete-activity') {
            m.deleteActivity(x.id);
            return audit('deleteActivity', 'CustomerContext', x.id);
          }
          x.tags = [text];
          return audit('updateActivity', 'CustomerContext', x.id);
        },
        target: x.id,
      };
    }
    case 'move-activity': {
      const x = target(m.activities, (y) => customerOu(y.customer));
      const others = m.customers.filter((c) => c.id !== x?.customer);
      const to = pick(probe.ref % 4 === 0 || !others.length ? m.customers : others, probe.ref);
      if (!x || !to) return null;
      const from = customerOu(x.customer);
      const vars = { a: x.id, c: to.id };
      return {
        query: 'mutation($a: ID!, $c: ID!) { moveActivity(activityId: $a, toCustomerId: $c) { id } }',
        vars,
        outcome: decide(
          // Moving is editing the activity: both operations are declared, then write on the customer's OU.
          [!has('customer-context:move-activity') || !has('customer-context:edit'), FORBIDDEN],
          [!reads(from), () => notFound(vars, 'a')],
          [!writes(from), FORBIDDEN],
          [!reads(to.ou), () => bad('toCustomerId', { ...vars, c: randomUUID() })],
          [to.id === x.customer, bad('toCustomerId')],
          [to.ou !== from && !writes(to.ou), FORBIDDEN],
        ),
        apply: () => {
          x.customer = to.id;
          x.request = null;
          return audit('moveActivity', 'CustomerContext', x.id);
        },
        target: x.id,
      };
    }
    case 'record-contact': {
      // An integration pushes a contact: matched by phone to a customer in its scope, or named by id.
      const c = target(m.customers, (y) => y.ou);
      if (!c) return null;
      const byId = probe.ref % 2 === 1;
      clock += 1000;
      const vars = { caller: c.phone, at: new Date(clock).toISOString(), c: byId ? c.id : null };
      const matched = reads(c.ou) ? c.id : null;
      return {
        query:
          'mutation($caller: String!, $at: DateTimeISO!, $c: ID) { recordContact(caller: $caller, called: "800", channel: VOICE, startedAt: $at, customerId: $c) { id customerId } }',
        vars,
        outcome: decide([!has('customer-center:record-contact'), FORBIDDEN], [byId && !reads(c.ou), () => bad('customerId', { ...vars, c: randomUUID() })]),
        apply: (d, after) => {
          expect(d.recordContact!.customerId, 'matched customer').toBe(matched);
          m.contacts.push({ id: d.recordContact!.id, customer: matched });
          // A matched contact leaves its activity in the customer's journey (issue 13).
          const known = new Set(m.activities.map((x) => x.id));
          const fresh = after.rows.activities.filter((r) => !known.has(r[0] as string));
          expect(fresh.length, 'one activity per matched contact').toBe(matched ? 1 : 0);
          if (matched) m.activities.push({ id: fresh[0]![0] as string, customer: matched, request: null, tags: [] });
          return audit('recordContact', 'ContactRecord', d.recordContact!.id);
        },
      };
    }
  }
}

async function runProbe(w: World, p: Principal, probe: ProbeSpec, before: Rows): Promise<Rows> {
  const planned = plan(w, p, probe);
  const counts = (stats.probes[probe.kind] ??= {});
  if (!planned) {
    counts.skipped = (counts.skipped ?? 0) + 1;
    return before;
  }
  const m = w.model;
  const { outcome } = planned;
  const label = `[${p.actor.kind}] ${probe.kind} ${JSON.stringify(planned.vars)} expecting ${JSON.stringify(outcome)}; ${JSON.stringify({
    permissions: p.actor.permissions,
    grants: m.grantsOf(p.actor),
    isolation: m.isolation,
    ous: m.ous,
  })}`;
  const res = await p.client.request<Record<string, { id: string }>>(planned.query, planned.vars);
  const after = await rowsOf(w.tenantId);
  const code = codeOf(res);
  counts[String(code)] = (counts[String(code)] ?? 0) + 1;
  if (probe.kind === 'grant-employee' && !p.actor.admin && !m.unrestricted(p.actor) && (code === 'OK' || code === 'BAD_USER_INPUT')) {
    const d = (stats.probes['grant-employee: judged grants of a scoped editor'] ??= {});
    const why = code === 'OK' ? 'OK' : outcome.twin ? 'OU out of reach' : 'OU not writable';
    d[why] = (d[why] ?? 0) + 1;
  }
  expect(code, `${label}: ${JSON.stringify(res.errors)}`).toBe(outcome.code);
  if (outcome.field) expect(Object.keys(res.errors![0]!.extensions?.fields ?? {}), label).toContain(outcome.field);
  if (outcome.reason) expect(res.errors![0]!.extensions?.reason, label).toBe(outcome.reason);
  if (code !== 'OK') {
    // Refused: not a row, not a version, not an audit entry changed.
    expect(after, label).toEqual(before);
    if (outcome.twin) {
      stats.twins++;
      const twin = await p.client.request(planned.query, outcome.twin);
      expect(twin, `${label}: out of reach must answer like missing`).toEqual(res);
      expect(await rowsOf(w.tenantId), label).toEqual(before);
    }
    return after;
  }
  // Allowed: the database now holds exactly the model's world, with one more audit entry.
  const entry = planned.apply(res.data!, after);
  if (entry) m.audit.push(entry);
  expect(after.rows, label).toEqual(m.projection());
  for (const [id, version] of Object.entries(before.versions)) {
    if (id !== planned.target && id in after.versions) expect(after.versions[id], `${label}: version of ${id}`).toBe(version);
  }
  return after;
}

let canaryTurn = 0;

/** The canary holds no role and no grant: every read and every kind of write is refused, and nothing changes. */
async function checkCanary(w: World, before: Rows) {
  const turn = canaryTurn++;
  await checkReads(w, w.canary, 0, [RESOURCES[turn % RESOURCES.length]!]);
  const m = w.model;
  // Every kind of write, three per world in turn (all kinds over any seven worlds).
  const plans = PROBES.filter((_, i) => i % 7 === turn % 7)
    .map((kind, i) => plan(w, w.canary, { kind, target: i, ref: i, prefer: false, grants: [{ ou: 0, read: true, write: true }] }))
    .filter((x): x is Plan => !!x);
  const replies = await Promise.all(plans.map((x) => w.canary.client.request(x.query, x.vars)));
  for (const [i, res] of replies.entries()) expect(codeOf(res), `canary ${plans[i]!.query}`).toBe('FORBIDDEN');
  expect(await rowsOf(w.tenantId), 'the canary changed something').toEqual(before);
  expect(m.projection()).toEqual(before.rows);
}

async function checkScenario(s: Scenario, counted = false) {
  const w = await build(s);
  let rows = await rowsOf(w.tenantId);
  expect(rows.rows, 'the world as built').toEqual(w.model.projection());
  // The tenant admin first (its writes change the most), then the scoped principals, each reading
  // the world as the writes before it left it.
  for (const [kind, p] of [
    ['admin', w.admin],
    ['employee', w.employee],
    ['client', w.client],
  ] as const) {
    expect(p.alive, `${kind} was deleted`).toBe(true);
    await checkReads(w, p, 1);
    for (const probe of s.probes[kind]) rows = await runProbe(w, p, probe, rows);
    if (counted) stats.ranIn[kind]++;
  }
  // A principal deleted by another (the client may delete the employee) signs in no more.
  for (const p of [w.employee]) if (!p.alive) expect(codeOf(await p.client.request('{ me { id } }')), 'a deleted principal').toBe('UNAUTHENTICATED');
  await checkCanary(w, rows);
  if (counted) {
    stats.ranIn.canary++;
    stats.worlds++;
  }
}

/** Counterexamples fast-check found while building, kept so they are checked on every run. */
const REGRESSIONS: [string, Scenario][] = [
  [
    // A principal with a create operation but no view: its denied read scope was a frozen
    // "match nothing" filter that the ORM rewrote in place -> INTERNAL_SERVER_ERROR. Also pins that
    // locating a parent needs the OU scope, not the view operation.
    'create without view, isolation off',
    {
      parents: [null, 0],
      isolation: false,
      employee: { permissions: [], grants: [{ ou: 0, read: false, write: true }], homeOu: 0 },
      client: { permissions: ['org-units', 'org-units:create'], grants: [{ ou: 0, read: false, write: false }], homeOu: null },
      adminHomeOu: null,
      records: [1, 1, 1, 0, 1].map((homeOu) => ({ homeOu, manager: null, grants: [] })),
      customers: [{ ou: 0, extraActivity: false }],
      probes: {
        employee: [{ kind: 'create-ou', target: 2147483632, ref: 1, prefer: false, grants: [] }],
        client: [{ kind: 'create-ou', target: 2147483632, ref: 1, prefer: false, grants: [] }],
        admin: [],
      },
    },
  ],
];

// Renaming an OU that has a parent stores the path "undefined / <name>" for it and its whole
// subtree: updateOrgUnit builds the path from `ou.parent.path`, and the parent is an unloaded
// reference (found by this test, seed 20261121, while it aimed rename probes at any OU).
REGRESSIONS.push([
  'renaming an OU below another keeps the paths of it and its subtree',
  {
    parents: [null, 0, 1],
    isolation: true,
    employee: { permissions: ['org-units', 'org-units:view'], grants: [{ ou: 0, read: true, write: false }], homeOu: null },
    client: { permissions: ['org-units', 'org-units:view'], grants: [{ ou: 2, read: true, write: false }], homeOu: null },
    adminHomeOu: null,
    records: [
      { homeOu: 2, manager: null, grants: [] },
      { homeOu: null, manager: null, grants: [] },
    ],
    customers: [
      { ou: 2, extraActivity: false },
      { ou: null, extraActivity: false },
    ],
    probes: { admin: [{ kind: 'rename-ou', target: 1, ref: 0, prefer: false, grants: [] }], employee: [], client: [] },
  },
]);

describe('OU isolation: regressions', () => {
  it.each(REGRESSIONS)('%s', async (_name, s) => {
    await checkScenario(s);
  });
});

describe('OU isolation as a property', () => {
  it(`holds for ${RUNS} random worlds (seed ${SEED})`, async () => {
    console.log(`property test: seed ${SEED}, ${RUNS} runs (PBT_SEED / PBT_RUNS to change)`);
    stats = newStats();
    try {
      await fc.assert(
        fc.asyncProperty(scenario, (s) => checkScenario(s, true)),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    } finally {
      printStats();
    }
  }, 900_000);
});
