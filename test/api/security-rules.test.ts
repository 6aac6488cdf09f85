import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../api/src/modules/identity/token';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { wsClient, wsRequest, type GraphQLClient, type GraphQLResponse } from '../support/graphql';
import { connect } from '../support/events';
import { code, createEmployee, createOu, createRole } from '../support/security';
import { auditOf, tenantRows } from '../support/tenant-rows';

/**
 * Rules of SPEC §1–§4 and §8 that no other suite exercised, each over the real HTTP pipeline:
 * token expiry, cross-tenant access by id, deleting with read-only scope, an audit entry for
 * every data-changing mutation of the customer center and the customer context, recording
 * contacts without the operation, the unified customer contact switch, and OUs that still
 * hold customers.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type Tenant = Awaited<ReturnType<typeof createTestTenant>>;
const sql = <T>(text: string, params: unknown[]) => t.orm.em.getConnection().execute<T[]>(text, params);

async function customer(admin: GraphQLClient, vars: { ouId?: string | null; phone?: string; name?: string }): Promise<string> {
  const { createCustomer } = await admin.ok<{ createCustomer: { id: string } }>(
    'mutation($o: ID, $p: [String!], $n: String) { createCustomer(ouId: $o, phones: $p, name: $n) { id } }',
    { o: vars.ouId ?? null, p: vars.phone ? [vars.phone] : [], n: vars.name ?? 'Customer' },
  );
  return createCustomer.id;
}

async function apiClient(admin: GraphQLClient, roleIds: string[], grants: { ouId: string; canRead: boolean; canWrite: boolean }[]): Promise<GraphQLClient> {
  const { createApiClient } = await admin.ok<{ createApiClient: { clientId: string; clientSecret: string } }>(
    'mutation($r: [ID!], $g: [OuGrantInput!]) { createApiClient(name: "CRM", roleIds: $r, grants: $g) { clientId clientSecret } }',
    { r: roleIds, g: grants },
  );
  const { clientLogin } = await t.client.ok<{ clientLogin: { token: string } }>(
    'mutation($i: String!, $s: String!) { clientLogin(clientId: $i, clientSecret: $s) { token } }',
    { i: createApiClient.clientId, s: createApiClient.clientSecret },
  );
  return t.client.withToken(clientLogin.token);
}

describe('token expiry', () => {
  // An app of its own: its token service is replaced by one whose key the test knows.
  let app: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTestTenant(app.orm, 'exp');
  });
  afterAll(() => app?.close());

  it('refuses a validly signed token whose exp has passed, over HTTP and WebSocket', async () => {
    const secret = randomBytes(32).toString('hex');
    app.app.services.tokens = new TokenService(secret, 3600);
    const [admin] = await app.orm.em
      .getConnection()
      .execute<{ id: string; credential_version: number }[]>('select id, credential_version from employee where tenant_id = ? and is_tenant_admin', [
        tenant.tenantId,
      ]);
    const claims = { sub: admin!.id, tid: tenant.tenantId, knd: 'employee' as const, cv: admin!.credential_version };
    const live = await new TokenService(secret, 3600).issue(claims);
    const expired = await new TokenService(secret, -120).issue(claims);

    // The expired token is genuine (right key, issuer, audience, claims): it verifies for a clock set before its exp.
    const { payload } = await jwtVerify(expired.token, new TextEncoder().encode(secret), {
      issuer: 'switchboard',
      audience: 'switchboard-api',
      currentDate: new Date(Date.now() - 600_000),
    });
    expect(payload.exp! * 1000).toBeLessThan(Date.now());
    expect(payload.sub).toBe(admin!.id);

    const ME = '{ me { account } }';
    expect((await app.client.withToken(live.token).ok<{ me: { account: string } }>(ME)).me.account).toBe(tenant.adminAccount);
    const refused = await app.client.withToken(expired.token).request(ME);
    expect(refused.data ?? null).toBeNull();
    expect(code(refused)).toBe('UNAUTHENTICATED');

    const ws = wsClient(app.wsUrl, live.token);
    try {
      expect(code(await wsRequest(ws, ME)) ?? 'OK', 'over WebSocket, live').toBe('OK');
    } finally {
      await ws.dispose();
    }
    // Over WebSocket an expired token is refused at connection_init: the socket closes with 4403.
    expect(await connect(app.wsUrl, expired.token).closed).toBe(4403);
  });
});

describe('cross-tenant access by id', () => {
  let attacker: GraphQLClient;
  let mine: Tenant;
  let theirs: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mine = await createTestTenant(t.orm, 'acme');
    theirs = await createTestTenant(t.orm, 'victim');
    attacker = await t.loginAs(mine.adminAccount, mine.password);
    const victim = await t.loginAs(theirs.adminAccount, theirs.password);
    const ou = await createOu(victim, 'Theirs');
    ids.customer = await customer(victim, { ouId: ou, phone: '+1 202 555 0177', name: 'Victim' });
    ids.employee = (await createEmployee(t, victim, { homeOuId: ou }, 'victim')).id;
    ids.request = (
      await victim.ok<{ createCustomerRequest: { id: string } }>('mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "Theirs") { id } }', {
        c: ids.customer,
      })
    ).createCustomerRequest.id;
    ids.activity = (
      await victim.ok<{ createActivity: { id: string } }>(
        'mutation($c: ID!, $r: ID) { createActivity(customerId: $c, mediaType: VOICE, requestId: $r) { id } }',
        {
          c: ids.customer,
          r: ids.request,
        },
      )
    ).createActivity.id;
    await victim.ok('mutation($a: ID!) { addComment(activityId: $a, text: "Theirs") { id } }', { a: ids.activity });
    ids.mineCustomer = await customer(attacker, { name: 'Mine' });
    ids.mineActivity = (
      await attacker.ok<{ createActivity: { id: string } }>('mutation($c: ID!) { createActivity(customerId: $c, mediaType: VOICE) { id } }', {
        c: ids.mineCustomer,
      })
    ).createActivity.id;
  });

  /** [what, whose id, operation, variables naming the other tenant's record as `id`, the code it must get]. */
  const CASES: [string, string, string, (id: string) => Record<string, unknown>, string][] = [
    ['read a customer', 'customer', 'query($id: ID!) { Customer(id: $id) { id name } }', (id) => ({ id }), 'NOT_FOUND'],
    ['open a customer card', 'customer', 'mutation($id: ID!) { openCustomer(id: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ["read a customer's contact history", 'customer', 'query($id: ID!) { contactHistory(customerId: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['update a customer', 'customer', 'mutation($id: ID!) { updateCustomer(id: $id, remark: "Hijacked") { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['move a customer', 'customer', 'mutation($id: ID!) { updateCustomer(id: $id, ouId: null) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['delete a customer', 'customer', 'mutation($id: ID!) { deleteCustomer(id: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    [
      'file a request for a customer',
      'customer',
      'mutation($id: ID!) { createCustomerRequest(customerId: $id, title: "Spy") { id } }',
      (id) => ({ id }),
      'BAD_USER_INPUT',
    ],
    [
      'record an activity for a customer',
      'customer',
      'mutation($id: ID!) { createActivity(customerId: $id, mediaType: VOICE) { id } }',
      (id) => ({ id }),
      'BAD_USER_INPUT',
    ],
    [
      'record a contact for a customer',
      'customer',
      'mutation($id: ID!) { recordContact(caller: "+1 202 555 0177", called: "800", channel: VOICE, startedAt: "2026-01-01T10:00:00Z", customerId: $id) { id } }',
      (id) => ({ id }),
      'BAD_USER_INPUT',
    ],
    ['read an employee', 'employee', 'query($id: ID!) { Employee(id: $id) { id account } }', (id) => ({ id }), 'NOT_FOUND'],
    ['update an employee', 'employee', 'mutation($id: ID!) { updateEmployee(id: $id, position: "Hijacked") { id } }', (id) => ({ id }), 'NOT_FOUND'],
    [
      "reset an employee's password",
      'employee',
      'mutation($id: ID!) { updateEmployee(id: $id, password: "Hijack#Pass1") { id } }',
      (id) => ({ id }),
      'NOT_FOUND',
    ],
    ['disable an employee', 'employee', 'mutation($id: ID!) { updateEmployee(id: $id, enabled: false) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['delete an employee', 'employee', 'mutation($id: ID!) { deleteEmployee(id: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['read a request', 'request', 'query($id: ID!) { CustomerRequest(id: $id) { id title } }', (id) => ({ id }), 'NOT_FOUND'],
    ['update a request', 'request', 'mutation($id: ID!) { updateCustomerRequest(id: $id, title: "Hijacked") { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['close a request', 'request', 'mutation($id: ID!) { updateCustomerRequest(id: $id, status: CLOSED) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['delete a request', 'request', 'mutation($id: ID!) { deleteCustomerRequest(id: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['read an activity', 'activity', 'query($id: ID!) { Activity(id: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['update an activity', 'activity', 'mutation($id: ID!) { updateActivity(id: $id, tags: ["hijacked"]) { id } }', (id) => ({ id }), 'NOT_FOUND'],
    ['comment on an activity', 'activity', 'mutation($id: ID!) { addComment(activityId: $id, text: "Spy") { id } }', (id) => ({ id }), 'NOT_FOUND'],
    [
      'take an activity over',
      'activity',
      'mutation($id: ID!, $to: ID!) { moveActivity(activityId: $id, toCustomerId: $to) { id } }',
      (id) => ({ id, to: ids.mineCustomer }),
      'NOT_FOUND',
    ],
    [
      'push an activity onto a customer',
      'customer',
      'mutation($id: ID!, $a: ID!) { moveActivity(activityId: $a, toCustomerId: $id) { id } }',
      (id) => ({ id, a: ids.mineActivity }),
      'BAD_USER_INPUT',
    ],
    ['delete an activity', 'activity', 'mutation($id: ID!) { deleteActivity(id: $id) { id } }', (id) => ({ id }), 'NOT_FOUND'],
  ];
  it.each(CASES)('a tenant admin cannot %s of another tenant: answered like a missing id, nothing changed', async (_what, whose, query, vars, expected) => {
    const id = ids[whose]!;
    const [theirsBefore, mineBefore] = await Promise.all([tenantRows(t, theirs.tenantId), tenantRows(t, mine.tenantId)]);
    const res = await attacker.request(query, vars(id));
    const missing = await attacker.request(query, vars(randomUUID()));
    expect(code(res), JSON.stringify(res)).toBe(expected);
    expect(res, "the other tenant's id must read exactly like a missing one").toEqual(missing);
    const [theirsAfter, mineAfter] = await Promise.all([tenantRows(t, theirs.tenantId), tenantRows(t, mine.tenantId)]);
    expect(theirsAfter).toEqual(theirsBefore);
    expect(mineAfter).toEqual(mineBefore);
  });

  it('finds no customer of another tenant by phone, in lists or in the call-time lookup, and never matches one to a contact', async () => {
    const lists = await attacker.ok<{ allCustomers: { id: string }[]; customerContext: unknown }>(
      '{ allCustomers(filter: { phone: "+1 202 555 0177" }) { id } customerContext(phone: "+1 202 555 0177") { customer { id } } }',
    );
    expect(lists).toEqual({ allCustomers: [], customerContext: null });
    const theirsBefore = await tenantRows(t, theirs.tenantId);
    const { recordContact } = await attacker.ok<{ recordContact: { customerId: string | null } }>(
      'mutation { recordContact(caller: "+1 202 555 0177", called: "800", channel: VOICE, startedAt: "2026-01-01T10:00:00Z") { customerId } }',
    );
    expect(recordContact.customerId).toBeNull();
    expect(await tenantRows(t, theirs.tenantId)).toEqual(theirsBefore);
  });
});

describe('deleting a customer needs write on its OU', () => {
  it('the delete operation with read-only access to the OU is FORBIDDEN and deletes nothing; with write it deletes', async () => {
    const tenant = await createTestTenant(t.orm, 'del');
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const ou = await createOu(admin, 'Read-only here');
    const role = await createRole(admin, ['customer-center', 'customer-center:view', 'customer-center:delete']);
    const reader = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: ou, canRead: true, canWrite: false }] }, 'reader');
    const writer = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: ou, canRead: false, canWrite: true }] }, 'writer');
    const inOu = await customer(admin, { ouId: ou });
    const unorganized = await customer(admin, {});

    for (const id of [inOu, unorganized]) {
      const seen = await reader.client.ok<{ Customer: { access: { canDelete: boolean } } }>('query($id: ID!) { Customer(id: $id) { access { canDelete } } }', {
        id,
      });
      expect(seen.Customer.access.canDelete, 'access tells the truth').toBe(false);
      const before = await tenantRows(t, tenant.tenantId);
      const res = await reader.client.request('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id });
      expect(code(res)).toBe('FORBIDDEN');
      expect(await tenantRows(t, tenant.tenantId)).toEqual(before);
    }

    const seen = await writer.client.ok<{ Customer: { access: { canDelete: boolean } } }>('query($id: ID!) { Customer(id: $id) { access { canDelete } } }', {
      id: inOu,
    });
    expect(seen.Customer.access.canDelete).toBe(true);
    await writer.client.ok('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id: inOu });
    expect(await sql('select id from customer where id = ?', [inOu])).toEqual([]);
  });
});

describe('recording contacts needs its operation', () => {
  it('recordContact without customer-center:record-contact is FORBIDDEN for an employee and an API client, and writes nothing', async () => {
    const tenant = await createTestTenant(t.orm, 'rec');
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const ou = await createOu(admin, 'Calls');
    await customer(admin, { ouId: ou, phone: '+1 202 555 0142' });
    // Everything of the customer center but the operation itself, and write on the customer's OU.
    const without = await createRole(admin, [
      'customer-center',
      'customer-center:view',
      'customer-center:create',
      'customer-center:edit-contacts',
      'customer-center:delete',
      'customer-context',
      'customer-context:view',
      'customer-context:edit',
    ]);
    const withIt = await createRole(admin, ['customer-center', 'customer-center:view', 'customer-center:record-contact']);
    const grants = [{ ouId: ou, canRead: true, canWrite: true }];
    const agent = (await createEmployee(t, admin, { roleIds: [without], grants }, 'agent')).client;
    const crm = await apiClient(admin, [without], grants);
    const integration = await apiClient(admin, [withIt], grants);
    const RECORD = 'mutation { recordContact(caller: "+1 202 555 0142", called: "800", channel: VOICE, startedAt: "2026-01-01T10:00:00Z") { id customerId } }';

    for (const [who, client] of [
      ['employee', agent],
      ['API client', crm],
    ] as const) {
      const before = await tenantRows(t, tenant.tenantId);
      const res = await client.request(RECORD);
      expect(code(res), who).toBe('FORBIDDEN');
      expect(res.data ?? null, who).toBeNull();
      expect(await tenantRows(t, tenant.tenantId), who).toEqual(before);
    }
    // The operation is what was missing: with it, the same call records and matches.
    const { recordContact } = await integration.ok<{ recordContact: { customerId: string | null } }>(RECORD);
    expect(recordContact.customerId).not.toBeNull();
  });
});

describe('the unified customer contact switch', () => {
  it('when a tenant admin turns it off, customerContext is refused for agents and CRMs (for any number), and works again when on', async () => {
    const tenant = await createTestTenant(t.orm, 'ucc');
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const ou = await createOu(admin, 'Agents');
    const id = await customer(admin, { ouId: ou, phone: '+1 202 555 0163' });
    const role = await createRole(admin, ['customer-center', 'customer-center:view', 'customer-context', 'customer-context:view']);
    const grants = [{ ouId: ou, canRead: true, canWrite: false }];
    const agent = (await createEmployee(t, admin, { roleIds: [role], grants }, 'agent')).client;
    const crm = await apiClient(admin, [role], grants);
    const CTX = 'query($p: String) { customerContext(phone: $p) { customer { id } } }';

    for (const client of [agent, crm])
      expect((await client.ok<{ customerContext: { customer: { id: string } } }>(CTX, { p: '+1 202 555 0163' })).customerContext.customer.id).toBe(id);
    await admin.ok('mutation { updateMyTenant(unifiedCustomerContact: false) { id } }');
    for (const [who, client] of [
      ['agent', agent],
      ['CRM', crm],
    ] as const) {
      for (const phone of ['+1 202 555 0163', '+1 303 555 0199']) {
        const res = await client.request(CTX, { p: phone });
        expect(res.data?.customerContext ?? null, `${who} ${phone}`).toBeNull();
        expect(res.errors?.[0]?.extensions, `${who} ${phone}`).toMatchObject({ code: 'FORBIDDEN', reason: 'CUSTOMER_CONTEXT_DISABLED' });
      }
    }
    await admin.ok('mutation { updateMyTenant(unifiedCustomerContact: true) { id } }');
    expect((await agent.ok<{ customerContext: { customer: { id: string } } }>(CTX, { p: '+1 202 555 0163' })).customerContext.customer.id).toBe(id);
  });
});

describe('an OU that still holds records', () => {
  it('cannot be deleted while it holds customers or employees (HAS_RECORDS, nothing deleted); once emptied it can', async () => {
    const tenant = await createTestTenant(t.orm, 'ourec');
    const admin = await t.loginAs(tenant.adminAccount, tenant.password);
    const ou = await createOu(admin, 'Full');
    const id = await customer(admin, { ouId: ou });
    const DELETE = 'mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }';

    const refuse = async (what: string) => {
      const before = await tenantRows(t, tenant.tenantId);
      const res = await admin.request(DELETE, { id: ou });
      expect(res.errors?.[0]?.extensions, what).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HAS_RECORDS' });
      expect(res.errors?.[0]?.message, what).toMatch(/still has/);
      expect(await tenantRows(t, tenant.tenantId), what).toEqual(before);
    };
    await refuse('with a customer');
    await admin.ok('mutation($id: ID!) { updateCustomer(id: $id, ouId: null) { id } }', { id });
    const employee = await createEmployee(t, admin, { homeOuId: ou }, 'homed');
    await refuse('with an employee');
    await admin.ok('mutation($id: ID!) { updateEmployee(id: $id, homeOuId: null) { id } }', { id: employee.id });
    await admin.ok(DELETE, { id: ou });
    expect(await sql('select id from org_unit where id = ?', [ou])).toEqual([]);
  });
});

describe('audit of the customer center and the customer context', () => {
  /** Mutations whose audit entries test/api/audit.test.ts checks (the security model), and the sign-ins, which change no data. */
  const ELSEWHERE = new Set([
    'createOrgUnit',
    'updateOrgUnit',
    'deleteOrgUnit',
    'createRole',
    'updateRole',
    'deleteRole',
    'createEmployee',
    'updateEmployee',
    'deleteEmployee',
    'changePassword',
    'createApiClient',
    'updateApiClient',
    'rotateApiClientSecret',
    'revokeApiClient',
    'deleteApiClient',
    'updateMyTenant',
    'login',
    'clientLogin',
    // test/api/routing.test.ts: an entry per create, update and delete, with its changes.
    ...['AccessCode', 'Ivr', 'VoicePrompt'].flatMap((r) => [`create${r}`, `update${r}`, `delete${r}`]),
    // test/api/skill-queues.test.ts: the same per skill queue, and per load report.
    ...['SkillQueue'].flatMap((r) => [`create${r}`, `update${r}`, `delete${r}`]),
    'reportQueueLoad',
    // test/api/skill-queue-groups.test.ts: the same per skill queue group.
    ...['SkillQueueGroup'].flatMap((r) => [`create${r}`, `update${r}`, `delete${r}`]),
    // test/api/called-routes.test.ts and test/api/web-channels.test.ts: the same per route, per channel and per dated exception.
    ...['CalledRoute', 'WebChannel', 'WorkTimeException'].flatMap((r) => [`create${r}`, `update${r}`, `delete${r}`]),
    // test/api/agents.test.ts ("leaves an audit entry per mutation", and the softphone password masked): the same per agent.
    ...['Agent'].flatMap((r) => [`create${r}`, `update${r}`, `delete${r}`]),
    // test/api/agents-batch.test.ts ("reports a mixed selection"): one entry per applied agent, none for a dry run or a refused one.
    'configureAgents',
    // test/api/agents-state.test.ts: an entry per state report, with its changes.
    'reportAgentState',
    // test/api/agents-state.test.ts ("needs the agent state page's edit operation", reportPhoneRegistration): an entry per report, with its changes.
    'reportPhoneRegistration',
    // test/api/personal-center.test.ts ("audits the change on the agent without bumping its version"): an entry per change of one's own settings, none when nothing changed.
    'updateMySettings',
    // test/api/agent-parameters.test.ts ("one entry per change on the agent"): an entry per parameter change, reset and sync, none when nothing changed.
    'updateAgentParameter',
    'resetAgentParameters',
    'syncAgentParameters',
    // test/api/agent-parameters-batch.test.ts ("reports a mixed selection"): an entry per applied agent, none for a dry run, a refused or an unchanged one.
    'batchResetAgentParameters',
    'batchSyncAgentParameters',
    // test/api/softphone-password.test.ts ("sets the password after the sign-in password"): an entry per change, masked.
    'changeMySoftphonePassword',
  ]);
  /**
   * Not a change of a record: opening a card only moves the customer up the caller's own
   * recent-customers list (SPEC §4), a per-employee view state.
   */
  const NOT_AUDITED = new Set(['openCustomer']);

  let tenant: Tenant;
  let admin: GraphQLClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    tenant = await createTestTenant(t.orm, 'aud');
    admin = await t.loginAs(tenant.adminAccount, tenant.password);
    ids.ou = await createOu(admin, 'Audited');
  });

  /** Runs one mutation; returns the id of the record it created or changed. */
  type Step = [mutation: string, run: () => Promise<string>];
  const one = async (query: string, vars: Record<string, unknown> = {}) => {
    const data = await admin.ok<Record<string, { id: string }>>(query, vars);
    return Object.values(data)[0]!.id;
  };
  const STEPS: Step[] = [
    ['createAddressOption', async () => (ids.address = await one('mutation { createAddressOption(value: "Sofia") { id } }'))],
    ['updateAddressOption', () => one('mutation($id: ID!) { updateAddressOption(id: $id, value: "Plovdiv") { id } }', { id: ids.address })],
    ['createActivityFieldDefinition', async () => (ids.field = await one('mutation { createActivityFieldDefinition(key: "priority", type: NUMBER) { id } }'))],
    ['updateActivityFieldDefinition', () => one('mutation($id: ID!) { updateActivityFieldDefinition(id: $id, label: "Priority") { id } }', { id: ids.field })],
    [
      'createCustomer',
      async () =>
        (ids.customer = await one('mutation($o: ID) { createCustomer(name: "Audited", phones: ["+1 202 555 0188"], address: "Plovdiv", ouId: $o) { id } }', {
          o: ids.ou,
        })),
    ],
    ['createCustomer', async () => (ids.other = await one('mutation($o: ID) { createCustomer(name: "Other", ouId: $o) { id } }', { o: ids.ou }))],
    ['updateCustomer', () => one('mutation($id: ID!) { updateCustomer(id: $id, remark: "VIP") { id } }', { id: ids.customer })],
    [
      'recordContact',
      async () =>
        (ids.contact = await one(
          'mutation { recordContact(caller: "web-visitor-9", called: "chat", channel: WEB, startedAt: "2026-01-01T10:00:00Z") { id } }',
        )),
    ],
    // The unknown visitor above, once identified: the contact and its new activity in one entry.
    [
      'assignContactRecord',
      () => one('mutation($k: ID!, $c: ID!) { assignContactRecord(contactRecordId: $k, customerId: $c) { id } }', { k: ids.contact, c: ids.customer }),
    ],
    [
      'createCustomerRequest',
      async () => (ids.request = await one('mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "Refund") { id } }', { c: ids.customer })),
    ],
    ['updateCustomerRequest', () => one('mutation($id: ID!) { updateCustomerRequest(id: $id, title: "Refund, urgent") { id } }', { id: ids.request })],
    [
      'createActivity',
      async () =>
        (ids.activity = await one(
          'mutation($c: ID!, $r: ID) { createActivity(customerId: $c, mediaType: VOICE, requestId: $r, fields: { priority: 1 }) { id } }',
          { c: ids.customer, r: ids.request },
        )),
    ],
    ['updateActivity', () => one('mutation($id: ID!) { updateActivity(id: $id, tags: ["callback"]) { id } }', { id: ids.activity })],
    ['addComment', () => one('mutation($a: ID!) { addComment(activityId: $a, text: "Called back") { id } }', { a: ids.activity })],
    ['moveActivity', () => one('mutation($a: ID!, $c: ID!) { moveActivity(activityId: $a, toCustomerId: $c) { id } }', { a: ids.activity, c: ids.other })],
    ['deleteActivity', () => one('mutation($id: ID!) { deleteActivity(id: $id) { id } }', { id: ids.activity })],
    ['deleteCustomerRequest', () => one('mutation($id: ID!) { deleteCustomerRequest(id: $id) { id } }', { id: ids.request })],
    ['deleteCustomer', () => one('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id: ids.customer })],
    ['deleteActivityFieldDefinition', () => one('mutation($id: ID!) { deleteActivityFieldDefinition(id: $id) { id } }', { id: ids.field })],
    ['deleteAddressOption', () => one('mutation($id: ID!) { deleteAddressOption(id: $id) { id } }', { id: ids.address })],
  ];

  it('covers every mutation of the schema that no other audit test covers', async () => {
    const { __schema } = await admin.ok<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }');
    const uncovered = __schema.mutationType.fields.map((f) => f.name).filter((n) => !ELSEWHERE.has(n) && !NOT_AUDITED.has(n));
    expect(new Set(uncovered)).toEqual(new Set(STEPS.map(([name]) => name)));
  });

  it('every data-changing mutation writes exactly one audit entry naming the operation and the record, with its changes', async () => {
    for (const [mutation, run] of STEPS) {
      const before = new Set((await auditOf(t, tenant.tenantId)).map((e) => e.id));
      const recordId = await run();
      const added = (await auditOf(t, tenant.tenantId)).filter((e) => !before.has(e.id));
      expect(
        added.map((e) => [e.operation, e.record_id]),
        mutation,
      ).toEqual([[mutation, recordId]]);
      expect(Object.keys(added[0]!.changes).length, `${mutation} records what changed`).toBeGreaterThan(0);
    }
  });

  it('a refused or failed change writes no entry', async () => {
    const id = await customer(admin, { ouId: ids.ou });
    const before = await auditOf(t, tenant.tenantId);
    const res: GraphQLResponse<unknown>[] = await Promise.all([
      admin.request('mutation($id: ID!) { updateCustomer(id: $id, address: "Nowhere") { id } }', { id }),
      admin.request('mutation($id: ID!) { createActivity(customerId: $id, mediaType: VOICE, fields: { unknown: 1 }) { id } }', { id }),
      admin.request('mutation { deleteAddressOption(id: "00000000-0000-4000-8000-000000000000") { id } }'),
    ]);
    expect(res.map(code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND']);
    expect(await auditOf(t, tenant.tenantId)).toEqual(before);
  });
});
