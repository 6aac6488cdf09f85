import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { Agent } from '../../api/src/modules/agents/agent.entity';
import { AgentParameter } from '../../api/src/modules/agents/agent-parameter.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 11, item 4: agent parameters. Each parameter's allowed values (inside, on the edge,
 * outside), the video display format and its integration rule, inheritance from the tenant's
 * parameters with the source, the SAVED → SYNCED → change → SAVED transitions, who may act on
 * whose parameters (the agent itself; others with the page's operation, in their OU scope), and
 * the audit entry on the agent.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
let me: Awaited<ReturnType<typeof createEmployee>>;
let myAgentId: string;
let northAgentId: string;
let southAgentId: string;
let serial = 0;

const VIEW = '{ id agentId parameters { name value defaultValue isDefault syncState effective { value source } } }';
type View = { name: string; value: string; defaultValue: string; isDefault: boolean; syncState: string; effective: { value: string; source: string } };
type Params = { id: string; agentId: number; parameters: View[] };
const READ = `query($id: ID!) { agentParameters(agentId: $id) ${VIEW} }`;
const UPDATE = `mutation($id: ID!, $n: AgentParameterName!, $v: String!) { updateAgentParameter(agentId: $id, name: $n, value: $v) ${VIEW} }`;
const RESET = `mutation($id: ID!, $n: [AgentParameterName!]) { resetAgentParameters(agentId: $id, names: $n) ${VIEW} }`;
const SYNC = 'mutation($id: ID!) { syncAgentParameters(agentId: $id) { id parameters { name syncState } synced mustSignInAgain message } }';

async function agentFor(employeeId: string): Promise<string> {
  const n = ++serial;
  const res = await admin.ok<{ createAgent: { id: string } }>(
    'mutation($e: ID, $i: Int, $s: String) { createAgent(agentId: $i, agentType: VERSATILE, softphoneNumber: $s, employeeId: $e) { id } }',
    { e: employeeId, i: 9100 + n, s: `91${n}` },
  );
  return res.createAgent.id;
}
const param = (p: Params, name: string) => p.parameters.find((v) => v.name === name)!;
const read = async (client: GraphQLClient, id: string) => (await client.ok<{ agentParameters: Params }>(READ, { id })).agentParameters;
const update = (client: GraphQLClient, id: string, n: string, v: string) => client.request<{ updateAgentParameter: Params }>(UPDATE, { id, n, v });
const rows = async (agentId: string) =>
  (await t.db().find(AgentParameter, { agent: agentId }, { orderBy: { name: 'ASC' } })).map((r) => [r.name, r.value, r.syncState]);
const audits = (operation: string) => t.db().find(AuditEntry, { tenant: tenant.tenantId, operation }, { orderBy: { at: 'ASC', id: 'ASC' } });
const fieldsOf = (res: GraphQLResponse<unknown>) => Object.keys((res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined) ?? {}).sort();
const setTenant = (vars: { a?: string; o?: boolean }) =>
  admin.ok('mutation($a: TenantAnswerMode, $o: Boolean) { updateMyTenant(answerMode: $a, openEyeIntegration: $o) { id } }', vars);

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'ap');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await admin.ok('mutation { updateMyTenant(quotaVersatileAgents: 100) { id } }');
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  // The agent has no role and no grant at all: its own parameters need neither.
  me = await createEmployee(t, admin, { homeOuId: south }, 'me');
  myAgentId = await agentFor(me.id);
  northAgentId = await agentFor((await createEmployee(t, admin, { homeOuId: north }, 'n')).id);
  southAgentId = await agentFor((await createEmployee(t, admin, { homeOuId: south }, 's')).id);
});
afterAll(() => t?.close());

describe('reading', () => {
  it('lists the six parameters with their defaults, SYNCED, and the TENANT ones with the tenant values', async () => {
    const p = await read(me.client, myAgentId);
    expect(p.id).toBe(myAgentId);
    expect(p.parameters).toEqual([
      { name: 'calloutCaller', value: '', defaultValue: '', isDefault: true, syncState: 'SYNCED', effective: { value: '', source: 'AGENT' } },
      {
        name: 'answerMode',
        value: 'TENANT',
        defaultValue: 'TENANT',
        isDefault: true,
        syncState: 'SYNCED',
        effective: { value: 'AUTOMATIC', source: 'TENANT' },
      },
      {
        name: 'openEyeIntegration',
        value: 'TENANT',
        defaultValue: 'TENANT',
        isDefault: true,
        syncState: 'SYNCED',
        effective: { value: 'NO', source: 'TENANT' },
      },
      { name: 'openEyeVideoDisplay', value: '', defaultValue: '', isDefault: true, syncState: 'SYNCED', effective: { value: '', source: 'AGENT' } },
      { name: 'webrtcAutoRegister', value: 'true', defaultValue: 'true', isDefault: true, syncState: 'SYNCED', effective: { value: 'true', source: 'AGENT' } },
      {
        name: 'queueSignInMode',
        value: 'SPECIFIED',
        defaultValue: 'SPECIFIED',
        isDefault: true,
        syncState: 'SYNCED',
        effective: { value: 'SPECIFIED', source: 'AGENT' },
      },
    ]);
  });

  it('offers the choices of the closed ones (none for the texts), each of them accepted and nothing else', async () => {
    // An agent of its own: its changes stay out of the other tests' states and audit entries.
    const agentId = await agentFor((await createEmployee(t, admin, { homeOuId: south }, 'choices')).id);
    const { agentParameters } = await admin.ok<{ agentParameters: { parameters: { name: string; choices: string[] }[] } }>(
      'query($a: ID!) { agentParameters(agentId: $a) { parameters { name choices } } }',
      { a: agentId },
    );
    const choices = Object.fromEntries(agentParameters.parameters.map((p) => [p.name, p.choices]));
    expect(choices).toEqual({
      calloutCaller: [],
      answerMode: ['AUTOMATIC', 'MANUAL', 'TENANT'],
      openEyeIntegration: ['NO', 'YES', 'TENANT'],
      openEyeVideoDisplay: [],
      webrtcAutoRegister: ['true', 'false'],
      queueSignInMode: ['AUTOMATIC', 'SPECIFIED'],
    });
    const set = (name: string, value: string) =>
      admin.request('mutation($a: ID!, $n: AgentParameterName!, $v: String!) { updateAgentParameter(agentId: $a, name: $n, value: $v) { agentId } }', {
        a: agentId,
        n: name,
        v: value,
      });
    for (const value of choices.queueSignInMode!) expect((await set('queueSignInMode', value)).errors).toBeUndefined();
    expect(code(await set('queueSignInMode', 'TENANT'))).toBe('BAD_USER_INPUT');
  });

  it('the tenant parameters answerMode (AUTOMATIC) and openEyeIntegration (false) are readable and editable', async () => {
    const fresh = await admin.ok<{ myTenant: { answerMode: string; openEyeIntegration: boolean } }>('{ myTenant { answerMode openEyeIntegration } }');
    expect(fresh.myTenant).toEqual({ answerMode: 'AUTOMATIC', openEyeIntegration: false });
    expect(code(await admin.request('mutation($a: TenantAnswerMode) { updateMyTenant(answerMode: $a) { id } }', { a: 'TENANT' }))).toBe('BAD_USER_INPUT');
  });
});

describe('allowed values', () => {
  // [parameter, accepted (inside and on the edge), refused]
  const TABLE: [string, string[], string[]][] = [
    ['calloutCaller', ['12345', '', '1', '1'.repeat(24)], ['1'.repeat(25), '12a', '+123', ' 123', '1 2']],
    ['answerMode', ['AUTOMATIC', 'MANUAL', 'TENANT'], ['automatic', '', 'YES']],
    ['openEyeIntegration', ['YES', 'NO', 'TENANT'], ['true', 'yes', '']],
    ['webrtcAutoRegister', ['false', 'true'], ['yes', 'TRUE', '']],
    ['queueSignInMode', ['AUTOMATIC', 'SPECIFIED'], ['TENANT', 'specified', '']],
    [
      'openEyeVideoDisplay',
      ['0,0,800,380,PiP,Fit', '0,0,1,1,SbS,Cut', '10000,10000,10000,10000,PiP,Cut', ''],
      [
        '0,0,0,380,PiP,Fit',
        '0,0,800,0,PiP,Fit',
        '10001,0,800,380,PiP,Fit',
        '0,0,10001,380,PiP,Fit',
        '-1,0,800,380,PiP,Fit',
        '0,0,800,380,pip,Fit',
        '0,0,800,380,PiP,fit',
        '0,0,800,380,PiP',
        '0,0,800,380,PiP,Fit,',
        ' 0,0,800,380,PiP,Fit',
        '0, 0,800,380,PiP,Fit',
        '0,0,800.5,380,PiP,Fit',
        '1'.repeat(41),
      ],
    ],
  ];

  it.each(TABLE)('%s: accepts the allowed values and refuses the others on `value`, writing nothing', async (name, accepted, refused) => {
    const agent = await agentFor((await createEmployee(t, admin, { homeOuId: south }, 'v')).id);
    // The video display needs the integration on.
    if (name === 'openEyeVideoDisplay') await admin.ok(UPDATE, { id: agent, n: 'openEyeIntegration', v: 'YES' });
    for (const value of accepted) {
      const res = await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: name, v: value });
      expect(param(res.updateAgentParameter, name).value, value).toBe(value);
    }
    const before = await rows(agent);
    for (const value of refused) {
      const res = await update(admin, agent, name, value);
      expect(code(res), value).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res), value).toEqual(['value']);
    }
    expect(await rows(agent)).toEqual(before);
  });

  it('the video display is accepted only while the effective integration is on, and applies only then', async () => {
    const agent = await agentFor((await createEmployee(t, admin, { homeOuId: south }, 'vd')).id);
    const video = '0,0,800,380,PiP,Fit';
    // TENANT with the tenant off, then NO: refused, nothing written.
    for (const integration of ['TENANT', 'NO']) {
      await admin.ok(UPDATE, { id: agent, n: 'openEyeIntegration', v: integration });
      const before = await rows(agent);
      const res = await update(admin, agent, 'openEyeVideoDisplay', video);
      expect([code(res), fieldsOf(res)]).toEqual(['BAD_USER_INPUT', ['value']]);
      expect(res.errors?.[0]?.message).toMatch(/OpenEye integration is on/);
      expect(await rows(agent)).toEqual(before);
    }
    // TENANT with the tenant on: accepted.
    await admin.ok(UPDATE, { id: agent, n: 'openEyeIntegration', v: 'TENANT' });
    await setTenant({ o: true });
    try {
      const on = (await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: 'openEyeVideoDisplay', v: video })).updateAgentParameter;
      expect(param(on, 'openEyeVideoDisplay').effective).toEqual({ value: video, source: 'AGENT' });
      expect(param(on, 'openEyeIntegration').effective).toEqual({ value: 'YES', source: 'TENANT' });
      // Turning the integration off keeps the stored display, which no longer applies.
      const off = (await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: 'openEyeIntegration', v: 'NO' })).updateAgentParameter;
      expect(param(off, 'openEyeVideoDisplay')).toMatchObject({ value: video, effective: { value: '', source: 'AGENT' } });
      expect(param(off, 'openEyeIntegration').effective).toEqual({ value: 'NO', source: 'AGENT' });
      // Clearing it is always accepted.
      const cleared = (await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: 'openEyeVideoDisplay', v: '' })).updateAgentParameter;
      expect(param(cleared, 'openEyeVideoDisplay').value).toBe('');
    } finally {
      await setTenant({ o: false });
    }
  });

  it('an unknown parameter name is refused by the schema, and a reset names at least one parameter', async () => {
    expect(code(await update(admin, myAgentId, 'nope', 'x'))).toBe('BAD_USER_INPUT');
    const res = await admin.request(RESET, { id: myAgentId, n: [] });
    expect([code(res), fieldsOf(res)]).toEqual(['BAD_USER_INPUT', ['names']]);
  });
});

describe('inheritance from the tenant', () => {
  it('answerMode and openEyeIntegration TENANT follow the tenant parameters; the agent value wins over them', async () => {
    const agent = await agentFor((await createEmployee(t, admin, { homeOuId: south }, 'inh')).id);
    await setTenant({ a: 'MANUAL', o: true });
    try {
      let p = await read(admin, agent);
      expect(param(p, 'answerMode').effective).toEqual({ value: 'MANUAL', source: 'TENANT' });
      expect(param(p, 'openEyeIntegration').effective).toEqual({ value: 'YES', source: 'TENANT' });
      await admin.ok(UPDATE, { id: agent, n: 'answerMode', v: 'AUTOMATIC' });
      await admin.ok(UPDATE, { id: agent, n: 'openEyeIntegration', v: 'NO' });
      p = await read(admin, agent);
      expect(param(p, 'answerMode')).toMatchObject({ value: 'AUTOMATIC', isDefault: false, effective: { value: 'AUTOMATIC', source: 'AGENT' } });
      expect(param(p, 'openEyeIntegration')).toMatchObject({ value: 'NO', isDefault: false, effective: { value: 'NO', source: 'AGENT' } });
      await admin.ok(UPDATE, { id: agent, n: 'answerMode', v: 'TENANT' });
      await setTenant({ a: 'AUTOMATIC' });
      expect(param(await read(admin, agent), 'answerMode')).toMatchObject({ isDefault: true, effective: { value: 'AUTOMATIC', source: 'TENANT' } });
    } finally {
      await setTenant({ a: 'AUTOMATIC', o: false });
    }
  });
});

describe('reset and sync', () => {
  it('SAVED after a change, SYNCED after a sync (sign in again), SAVED again after a change or a reset', async () => {
    const agent = await agentFor((await createEmployee(t, admin, { homeOuId: south }, 'st')).id);
    const version = (await t.db().findOneOrFail(Agent, agent)).version;
    let p = (await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: 'calloutCaller', v: '5551234' })).updateAgentParameter;
    expect(param(p, 'calloutCaller')).toMatchObject({ value: '5551234', isDefault: false, syncState: 'SAVED' });
    expect(param(p, 'answerMode').syncState).toBe('SYNCED');

    const sync = async () =>
      (
        await admin.ok<{
          syncAgentParameters: { parameters: { name: string; syncState: string }[]; synced: string[]; mustSignInAgain: boolean; message: string | null };
        }>(SYNC, { id: agent })
      ).syncAgentParameters;
    const first = await sync();
    expect(first).toMatchObject({ synced: ['calloutCaller'], mustSignInAgain: true });
    expect(first.message).toMatch(/sign in again/);
    expect(first.parameters.every((x) => x.syncState === 'SYNCED')).toBe(true);
    // Nothing left to sync: nothing to sign in again for, and no audit entry.
    const syncs = (await audits('syncAgentParameters')).length;
    expect(await sync()).toMatchObject({ synced: [], mustSignInAgain: false, message: null });
    expect((await audits('syncAgentParameters')).length).toBe(syncs);

    // The same value again changes nothing; another value makes it SAVED.
    p = (await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: 'calloutCaller', v: '5551234' })).updateAgentParameter;
    expect(param(p, 'calloutCaller').syncState).toBe('SYNCED');
    p = (await admin.ok<{ updateAgentParameter: Params }>(UPDATE, { id: agent, n: 'calloutCaller', v: '5559999' })).updateAgentParameter;
    expect(param(p, 'calloutCaller').syncState).toBe('SAVED');
    await admin.ok(UPDATE, { id: agent, n: 'queueSignInMode', v: 'AUTOMATIC' });
    expect((await sync()).synced).toEqual(['calloutCaller', 'queueSignInMode']);

    // A reset of some names: those that change are SAVED with their default, the others untouched.
    p = (await admin.ok<{ resetAgentParameters: Params }>(RESET, { id: agent, n: ['calloutCaller', 'answerMode'] })).resetAgentParameters;
    expect(param(p, 'calloutCaller')).toMatchObject({ value: '', isDefault: true, syncState: 'SAVED' });
    expect(param(p, 'answerMode')).toMatchObject({ value: 'TENANT', syncState: 'SYNCED' });
    expect(param(p, 'queueSignInMode')).toMatchObject({ value: 'AUTOMATIC', syncState: 'SYNCED' });
    // A reset of all of them.
    p = (await admin.ok<{ resetAgentParameters: Params }>(RESET, { id: agent })).resetAgentParameters;
    expect(p.parameters.every((x) => x.isDefault)).toBe(true);
    expect(param(p, 'queueSignInMode').syncState).toBe('SAVED');
    expect((await sync()).synced).toEqual(['calloutCaller', 'queueSignInMode']);
    expect((await read(admin, agent)).parameters.every((x) => x.isDefault && x.syncState === 'SYNCED')).toBe(true);
    // Parameters are not the admin's agent record: its version is untouched.
    expect((await t.db().findOneOrFail(Agent, agent)).version).toBe(version);
  });
});

describe('who may act on whose parameters', () => {
  const ops = (id: string) =>
    [
      ['agentParameters', READ, { id }],
      ['updateAgentParameter', UPDATE, { id, n: 'calloutCaller', v: `${++serial}` }],
      ['resetAgentParameters', RESET, { id }],
      ['syncAgentParameters', SYNC, { id }],
    ] as const;

  it('the agent itself, with no role and no grant, reads, edits, resets and syncs its own parameters', async () => {
    for (const [name, query, vars] of ops(myAgentId)) {
      const res = await me.client.request(query, vars);
      expect(res.errors, name).toBeUndefined();
    }
  });

  it('another agent without the operation is FORBIDDEN, even its own operation does not reach others', async () => {
    for (const [name, query, vars] of ops(southAgentId)) {
      const res = await me.client.request(query, vars);
      expect(code(res), name).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message, name).toMatch(/agent-parameters:(view|edit|reset|sync)/);
    }
  });

  it('with the operations: others in the OU scope; outside it or missing NOT_FOUND; readable but not writable FORBIDDEN', async () => {
    const role = await createRole(admin, [
      'agent-parameters',
      'agent-parameters:view',
      'agent-parameters:edit',
      'agent-parameters:reset',
      'agent-parameters:sync',
    ]);
    const writer = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }], homeOuId: north }, 'w');
    const reader = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: false }], homeOuId: north }, 'r');
    for (const [name, query, vars] of ops(northAgentId)) {
      expect((await writer.client.request(query, vars)).errors, name).toBeUndefined();
    }
    for (const id of [southAgentId, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      for (const [name, query, vars] of ops(id)) {
        const res = await writer.client.request(query, vars);
        expect([code(res), res.errors?.[0]?.message], `${name} ${id}`).toEqual(['NOT_FOUND', 'Agent not found']);
      }
    }
    const before = await rows(northAgentId);
    expect((await reader.client.request(READ, { id: northAgentId })).errors).toBeUndefined();
    for (const [name, query, vars] of ops(northAgentId).slice(1)) {
      expect(code(await reader.client.request(query, vars)), name).toBe('FORBIDDEN');
    }
    expect(await rows(northAgentId)).toEqual(before);
  });
});

describe('audit', () => {
  it('one entry per change on the agent, in its employee home OU, with each changed value and state; none for no change or a refusal', async () => {
    const agent = await agentFor((await createEmployee(t, admin, { homeOuId: north }, 'au')).id);
    const count = async () => (await t.db().find(AuditEntry, { tenant: tenant.tenantId, recordId: agent })).length;
    await admin.ok(UPDATE, { id: agent, n: 'webrtcAutoRegister', v: 'false' });
    const [entry] = (await audits('updateAgentParameter')).filter((e) => e.recordId === agent);
    expect(entry).toMatchObject({ recordType: 'Agent', action: 'updated', ouId: north, principalHandle: tenant.adminAccount });
    expect(entry!.changes).toEqual({ webrtcAutoRegister: { before: { value: 'true', syncState: 'SYNCED' }, after: { value: 'false', syncState: 'SAVED' } } });
    const n = await count();
    await admin.ok(UPDATE, { id: agent, n: 'webrtcAutoRegister', v: 'false' });
    await update(admin, agent, 'webrtcAutoRegister', 'maybe');
    await admin.ok(RESET, { id: agent, n: ['calloutCaller'] });
    expect(await count()).toBe(n);
    await admin.ok(SYNC, { id: agent });
    const [synced] = (await audits('syncAgentParameters')).filter((e) => e.recordId === agent);
    expect(synced!.changes).toEqual({ webrtcAutoRegister: { before: { value: 'false', syncState: 'SAVED' }, after: { value: 'false', syncState: 'SYNCED' } } });
    await admin.ok(RESET, { id: agent });
    const [reset] = (await audits('resetAgentParameters')).filter((e) => e.recordId === agent);
    expect(reset!.changes).toEqual({ webrtcAutoRegister: { before: { value: 'false', syncState: 'SYNCED' }, after: { value: 'true', syncState: 'SAVED' } } });
    expect(await count()).toBe(n + 2);
  });
});
