import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/modules/audit/audit-entry.entity';
import { ApiClient } from '../../api/src/modules/identity/api-client.entity';
import { Employee } from '../../api/src/modules/identity/employee.entity';
import { OuGrant } from '../../api/src/modules/identity/ou-grant.entity';
import { Role } from '../../api/src/modules/identity/role.entity';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { Tenant } from '../../api/src/modules/tenant/tenant.entity';
import { Activity } from '../../api/src/modules/context/activity.entity';
import { Comment } from '../../api/src/modules/context/comment.entity';
import { CustomerRequest } from '../../api/src/modules/context/request.entity';
import { Channel, Direction } from '../../api/src/modules/customer/channel';
import { ContactRecord } from '../../api/src/modules/customer/contact-record.entity';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { replaceLookups } from '../../api/src/modules/customer/customer.service';
import { startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';

/**
 * The core promise, as a property: for random OU trees, grants, roles, isolation settings and
 * records in random OUs (or Unorganized), what every principal reads, counts and changes through
 * the GraphQL API equals what an independent model of SPEC §1 says.
 */
const RUNS = Number(process.env.PBT_RUNS ?? 1000);
const SEED = Number(process.env.PBT_SEED ?? 20261121);

const PERMISSIONS = [
  'org-units', 'org-units:view', 'org-units:create', 'org-units:edit', 'org-units:delete',
  'employees', 'employees:view', 'employees:edit', 'employees:delete',
  'customer-center', 'customer-center:view', 'customer-center:edit-contacts',
  'customer-context', 'customer-context:view',
] as const;

interface GrantSpec { ou: number; read: boolean; write: boolean }
interface PrincipalSpec { kind: 'employee' | 'client'; permissions: string[]; grants: GrantSpec[]; homeOu: number | null }
interface Scenario {
  parents: (number | null)[]; // parents[i] < i: a tree by construction
  isolation: boolean;
  principals: PrincipalSpec[];
  records: (number | null)[]; // home OU of each record employee
  customers: (number | null)[]; // OU of each customer (each with a contact, a request, an activity, a comment)
  probe: { target: number; destination: number | null; parent: number | null; action: 'update' | 'move' | 'delete' | 'create-ou' | 'edit-customer' };
}

const scenario: fc.Arbitrary<Scenario> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => {
    const ou = fc.integer({ min: 0, max: n - 1 });
    const maybeOu = fc.option(ou, { nil: null, freq: 3 });
    const grant = fc.record({ ou, read: fc.boolean(), write: fc.boolean() });
    const principal = (kind: 'employee' | 'client') =>
      fc.record({
        kind: fc.constant(kind),
        permissions: fc.subarray([...PERMISSIONS]),
        grants: fc.uniqueArray(grant, { maxLength: 3, selector: (g) => g.ou }),
        homeOu: maybeOu,
      });
    return fc.record({
      parents: fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null })))),
      isolation: fc.boolean(),
      principals: fc.tuple(principal('employee'), principal('client')),
      records: fc.array(maybeOu, { minLength: 1, maxLength: 5 }),
      customers: fc.array(maybeOu, { minLength: 1, maxLength: 4 }),
      probe: fc.record({
        target: fc.nat(),
        destination: maybeOu,
        parent: maybeOu,
        action: fc.constantFrom('update', 'move', 'delete', 'create-ou', 'edit-customer'),
      }),
    }) as fc.Arbitrary<Scenario>;
  });

/** The model: written from SPEC §1 directly, sharing no code with the server. */
class Model {
  constructor(private readonly s: Scenario) {}
  private ancestorsOrSelf(ou: number): number[] {
    const out = [ou];
    for (let p = this.s.parents[ou]; p !== null && p !== undefined; p = this.s.parents[p]) out.push(p);
    return out;
  }
  has(p: PrincipalSpec, permission: string): boolean {
    return p.permissions.includes(permission) && p.permissions.includes(permission.split(':')[0]!);
  }
  reads(p: PrincipalSpec, ou: number | null): boolean {
    if (!this.s.isolation) return true;
    if (ou === null) return true;
    const up = this.ancestorsOrSelf(ou);
    return p.grants.some((g) => (g.read || g.write) && up.includes(g.ou));
  }
  writes(p: PrincipalSpec, ou: number | null): boolean {
    if (!this.s.isolation) return true;
    if (ou === null) return false;
    const up = this.ancestorsOrSelf(ou);
    return p.grants.some((g) => g.write && up.includes(g.ou));
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface World {
  tenantId: string;
  ouIds: string[];
  recordIds: string[];
  /** All employees of the tenant with their home OU index: records and employee principals. */
  employees: { id: string; ou: number | null }[];
  clients: GraphQLClient[];
  /** Each principal's own id (an employee principal is also a record). */
  principalIds: string[];
  customers: { id: string; ou: number | null; phone: string; activityId: string; requestId: string }[];
  canary: GraphQLClient;
}

/** Writes a scenario straight into the database (fast), then signs principals in with real tokens. */
async function build(s: Scenario): Promise<World> {
  const em = t.orm.em.fork();
  const tenant = em.create(Tenant, { code: `pbt-${randomUUID().slice(0, 12)}`, name: 'Property test', interOrgIsolation: s.isolation });
  const ous: OrgUnit[] = [];
  s.parents.forEach((parent, i) => {
    ous.push(em.create(OrgUnit, { tenant, name: `OU ${i}`, path: `OU ${i}`, parent: parent === null ? null : ous[parent]! }));
  });
  const hash = 'unused: tokens are issued directly';
  const employees: World['employees'] = [];
  const newEmployee = (ou: number | null) => {
    const e = em.create(Employee, { tenant, account: `pbt.${randomUUID()}`, name: 'P', passwordHash: hash, homeOu: ou === null ? null : ous[ou]! });
    employees.push({ id: e.id, ou });
    return e;
  };
  const records = s.records.map(newEmployee);
  const holders = s.principals.map((p) => {
    const role = em.create(Role, { tenant, name: `R ${randomUUID()}`, permissions: p.permissions });
    const holder = p.kind === 'employee' ? newEmployee(p.homeOu) : em.create(ApiClient, { tenant, name: 'CRM', clientId: `sbc_${randomUUID().slice(0, 20)}`, secretHash: hash });
    holder.roles.add(role);
    for (const g of p.grants) em.create(OuGrant, { tenant, ou: ous[g.ou]!, canRead: g.read, canWrite: g.write, ...(p.kind === 'employee' ? { employee: holder as Employee } : { apiClient: holder as ApiClient }) });
    return holder;
  });
  const canary = newEmployee(null);
  const customers = s.customers.map((ou, i) => {
    const phone = `+1 202 555 01${String(i).padStart(2, '0')}`;
    const c = em.create(Customer, { tenant, customerNumber: String(10000000 + i), name: `C${i}`, phones: [phone], ou: ou === null ? null : ous[ou]! });
    em.create(ContactRecord, { tenant, customer: c, caller: phone, called: '800', channel: Channel.VOICE, direction: Direction.INBOUND, startedAt: new Date() });
    const request = em.create(CustomerRequest, { tenant, customer: c, title: `R${i}` });
    const activity = em.create(Activity, { tenant, customer: c, request, mediaType: Channel.VOICE });
    em.create(Comment, { tenant, activity, text: 'note', author: 'pbt' });
    return { entity: c, ou, phone, activityId: activity.id, requestId: request.id };
  });
  await em.flush();
  for (const c of customers) await replaceLookups(em, c.entity);
  await em.flush();
  const token = async (id: string, knd: 'employee' | 'client') => t.client.withToken((await t.app.services.tokens.issue({ sub: id, tid: tenant.id, knd })).token);
  return {
    tenantId: tenant.id,
    ouIds: ous.map((o) => o.id),
    recordIds: records.map((r) => r.id),
    employees,
    clients: await Promise.all(holders.map((h, i) => token(h.id, s.principals[i]!.kind))),
    principalIds: holders.map((h) => h.id),
    customers: customers.map(({ entity, ou, phone, activityId, requestId }) => ({ id: entity.id, ou, phone, activityId, requestId })),
    canary: await token(canary.id, 'employee'),
  };
}

const codeOf = (res: GraphQLResponse<unknown>) => (res.errors?.length ? res.errors[0]!.extensions?.code : 'OK');
const sorted = (ids: Iterable<string>) => [...ids].sort();

async function rowsOf(tenantId: string) {
  const em = t.orm.em.fork();
  const [emps, ous, audit] = await Promise.all([
    em.find(Employee, { tenant: tenantId }, { orderBy: { id: 'ASC' } }),
    em.find(OrgUnit, { tenant: tenantId }, { orderBy: { id: 'ASC' } }),
    em.count(AuditEntry, { tenant: tenantId }),
  ]);
  const customers = await em.find(Customer, { tenant: tenantId }, { orderBy: { id: 'ASC' } });
  return {
    employees: emps.map((e) => [e.id, e.homeOuId, e.position, e.version]),
    ous: ous.map((o) => [o.id, o.name, o.parentId]),
    customers: customers.map((c) => [c.id, c.remark, c.version]),
    audit,
  };
}

async function checkScenario(s: Scenario) {
  const model = new Model(s);
  const w = await build(s);
  for (const [index, p] of s.principals.entries()) {
    const client = w.clients[index]!;
    const label = `${p.kind} ${JSON.stringify(p)}`;

    // Lists and counts equal the model's visible set.
    const emps = await client.request<{ allEmployees: { id: string }[]; _allEmployeesMeta: { count: number } }>(
      '{ allEmployees(perPage: 500) { id } _allEmployeesMeta { count } }',
    );
    if (!model.has(p, 'employees:view')) expect(codeOf(emps), label).toBe('FORBIDDEN');
    else {
      const expected = sorted(w.employees.filter((e) => model.reads(p, e.ou)).map((e) => e.id));
      expect(sorted(emps.data!.allEmployees.map((e) => e.id)), label).toEqual(expected);
      expect(emps.data!._allEmployeesMeta.count, label).toBe(expected.length);
    }
    const ous = await client.request<{ allOrgUnits: { id: string }[]; _allOrgUnitsMeta: { count: number } }>('{ allOrgUnits(perPage: 500) { id } _allOrgUnitsMeta { count } }');
    if (!model.has(p, 'org-units:view')) expect(codeOf(ous), label).toBe('FORBIDDEN');
    else {
      const expected = sorted(w.ouIds.filter((_, i) => model.reads(p, i)));
      expect(sorted(ous.data!.allOrgUnits.map((o) => o.id)), label).toEqual(expected);
      expect(ous.data!._allOrgUnitsMeta.count, label).toBe(expected.length);
    }

    // Customers, with their nested contact records; requests, activities and comments.
    const custs = await client.request<{ allCustomers: { id: string; latestContacts: { id: string }[] }[]; _allCustomersMeta: { count: number } }>(
      '{ allCustomers(perPage: 500) { id latestContacts { id } } _allCustomersMeta { count } }',
    );
    const visibleCustomers = w.customers.filter((c) => model.reads(p, c.ou));
    if (!model.has(p, 'customer-center:view')) expect(codeOf(custs), label).toBe('FORBIDDEN');
    else {
      expect(sorted(custs.data!.allCustomers.map((c) => c.id)), label).toEqual(sorted(visibleCustomers.map((c) => c.id)));
      expect(custs.data!._allCustomersMeta.count, label).toBe(visibleCustomers.length);
      expect(custs.data!.allCustomers.every((c) => c.latestContacts.length === 1), label).toBe(true);
      // customerContext: a customer out of scope answers exactly like an unknown number.
      const hiddenCustomer = w.customers.find((c) => !model.reads(p, c.ou));
      const shownCustomer = visibleCustomers[0];
      const CTX = 'query($p: String) { customerContext(phone: $p) { customer { id } openRequests { id activities { id } } } }';
      if (hiddenCustomer) {
        const [a, b] = await Promise.all([hiddenCustomer.phone, '+1 303 555 0199'].map((ph) => client.request(CTX, { p: ph })));
        expect(a, label).toEqual(b);
      }
      if (shownCustomer) {
        const res = await client.request<{ customerContext: { customer: { id: string }; openRequests: { id: string; activities: { id: string }[] }[] } }>(CTX, { p: shownCustomer.phone });
        expect(res.data?.customerContext?.customer.id, label).toBe(shownCustomer.id);
        const expectedRequests = model.has(p, 'customer-context:view') ? [{ id: shownCustomer.requestId, activities: [{ id: shownCustomer.activityId }] }] : [];
        expect(res.data?.customerContext?.openRequests, label).toEqual(expectedRequests);
      }
    }
    const acts = await client.request<{ allActivities: { id: string; comments: { text: string }[] }[]; _allActivitiesMeta: { count: number } }>(
      '{ allActivities(perPage: 500) { id comments { text } } _allActivitiesMeta { count } allCustomerRequests(perPage: 500) { id } }',
    );
    if (!model.has(p, 'customer-context:view')) expect(codeOf(acts), label).toBe('FORBIDDEN');
    else {
      expect(sorted(acts.data!.allActivities.map((a) => a.id)), label).toEqual(sorted(visibleCustomers.map((c) => c.activityId)));
      expect(acts.data!._allActivitiesMeta.count, label).toBe(visibleCustomers.length);
      expect(acts.data!.allActivities.every((a) => a.comments.length === 1), label).toBe(true);
      const requests = (acts.data as unknown as { allCustomerRequests: { id: string }[] }).allCustomerRequests;
      expect(sorted(requests.map((r) => r.id)), label).toEqual(sorted(visibleCustomers.map((c) => c.requestId)));
    }

    // An invisible id reads exactly like a missing one.
    const hidden = w.employees.find((e) => !model.reads(p, e.ou));
    if (hidden && model.has(p, 'employees:view')) {
      const [a, b] = await Promise.all(
        [hidden.id, randomUUID()].map((id) => client.request('query($id: ID!) { Employee(id: $id) { id } }', { id })),
      );
      expect(a, label).toEqual(b);
      expect(codeOf(a), label).toBe('NOT_FOUND');
    }

    // One write: refused ones change no row and write no audit entry; allowed ones do.
    const before = await rowsOf(w.tenantId);
    const target = w.employees[s.probe.target % w.employees.length]!;
    const { action } = s.probe;
    let res: GraphQLResponse<unknown>;
    let expected: string;
    if (action === 'edit-customer') {
      const c = w.customers[s.probe.target % w.customers.length]!;
      res = await client.request('mutation($id: ID!) { updateCustomer(id: $id, remark: "Probed") { id } }', { id: c.id });
      expected = !model.has(p, 'customer-center:edit-contacts') ? 'FORBIDDEN'
        : !model.reads(p, c.ou) ? 'NOT_FOUND'
        : !model.writes(p, c.ou) ? 'FORBIDDEN' : 'OK';
    } else if (action === 'create-ou') {
      res = await client.request('mutation($p: ID) { createOrgUnit(name: "New", parentId: $p) { id } }', { p: s.probe.parent === null ? null : w.ouIds[s.probe.parent] });
      const parent = s.probe.parent;
      expected = !model.has(p, 'org-units:create') ? 'FORBIDDEN'
        : parent !== null && !model.reads(p, parent) ? 'BAD_USER_INPUT'
        : !model.writes(p, parent) ? 'FORBIDDEN' : 'OK';
    } else {
      const permission = action === 'delete' ? 'employees:delete' : 'employees:edit';
      const query = action === 'delete' ? 'mutation($id: ID!) { deleteEmployee(id: $id) { id } }'
        : action === 'move' ? 'mutation($id: ID!, $h: ID) { updateEmployee(id: $id, homeOuId: $h) { id } }'
        : 'mutation($id: ID!) { updateEmployee(id: $id, position: "Probed") { id } }';
      const destination = s.probe.destination;
      res = await client.request(query, { id: target.id, h: destination === null ? null : w.ouIds[destination] });
      expected = !model.has(p, permission) ? 'FORBIDDEN'
        : !model.reads(p, target.ou) ? 'NOT_FOUND'
        : !model.writes(p, target.ou) ? 'FORBIDDEN'
        : action === 'move' && destination !== null && !model.reads(p, destination) ? 'BAD_USER_INPUT'
        : action === 'move' && destination !== target.ou && !model.writes(p, destination) ? 'FORBIDDEN'
        : 'OK';
      // Nobody deletes their own account.
      if (expected === 'OK' && action === 'delete' && target.id === w.principalIds[index]) expected = 'BAD_USER_INPUT';
    }
    const after = await rowsOf(w.tenantId);
    expect(codeOf(res), `${label} ${JSON.stringify(s.probe)}`).toBe(expected);
    if (codeOf(res) === 'OK') {
      const unchangedMove = action === 'move' && s.probe.destination === target.ou;
      expect(after.audit, label).toBe(before.audit + (unchangedMove ? 0 : 1));
      return; // the world changed; the next principal would need a new model
    }
    expect(after, label).toEqual(before);
  }

  // The canary: no roles, no grants, sees and changes nothing.
  for (const query of ['{ allEmployees { id } }', '{ allOrgUnits { id } }', '{ _allEmployeesMeta { count } }']) {
    expect(codeOf(await w.canary.request(query))).toBe('FORBIDDEN');
  }
  const before = await rowsOf(w.tenantId);
  expect(codeOf(await w.canary.request('mutation($id: ID!) { deleteEmployee(id: $id) { id } }', { id: w.recordIds[0] }))).toBe('FORBIDDEN');
  expect(codeOf(await w.canary.request('mutation { createOrgUnit(name: "Canary") { id } }'))).toBe('FORBIDDEN');
  expect(await rowsOf(w.tenantId)).toEqual(before);
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
      principals: [
        { kind: 'employee', permissions: [], grants: [{ ou: 0, read: false, write: true }], homeOu: 0 },
        { kind: 'client', permissions: ['org-units', 'org-units:create'], grants: [{ ou: 0, read: false, write: false }], homeOu: null },
      ],
      records: [1, 1, 1, 0, 1],
      customers: [0],
      probe: { target: 2147483632, destination: 1, parent: 0, action: 'create-ou' },
    },
  ],
];

describe('OU isolation: regressions', () => {
  it.each(REGRESSIONS)('%s', async (_name, s) => {
    await checkScenario(s);
  });
});

describe('OU isolation as a property', () => {
  it(`holds for ${RUNS} random worlds (seed ${SEED})`, async () => {
    console.log(`property test: seed ${SEED}, ${RUNS} runs (PBT_SEED / PBT_RUNS to change)`);
    await fc.assert(fc.asyncProperty(scenario, checkScenario), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 600_000);
});
