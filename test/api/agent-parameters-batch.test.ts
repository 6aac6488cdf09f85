import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { AgentParameter } from '../../api/src/modules/agents/agent-parameter.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { countStatements } from '../support/statements';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 11, item 4 (batch forms): batchResetAgentParameters and batchSyncAgentParameters over a
 * selection by ids or an agent-id range, each agent through the single-agent reset or sync, a
 * per-agent report (applied with each parameter before and after, refused with the code and
 * field, unchanged), a dry run writing nothing; and Agent.parameters, read with a page of agents.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
let hidden: string;
let base = 0;
let serial = 0;

type Row = { agentId: number | null; id: string; status: string; code: string | null; field: string | null; message: string | null; changes: unknown[] };
type Report = { dryRun: boolean; applied: number; refused: number; unchanged: number; results: Row[] };
const REPORT = 'dryRun applied refused unchanged results { agentId id status code field message changes { field before after } }';
const RESET = `mutation($s: AgentSelectionInput!, $n: [AgentParameterName!], $d: Boolean) { batchResetAgentParameters(selection: $s, names: $n, dryRun: $d) { ${REPORT} } }`;
const SYNC = `mutation($s: AgentSelectionInput!, $d: Boolean) { batchSyncAgentParameters(selection: $s, dryRun: $d) { ${REPORT} } }`;
const UPDATE = 'mutation($id: ID!, $n: AgentParameterName!, $v: String!) { updateAgentParameter(agentId: $id, name: $n, value: $v) { id } }';

const reset = (s: unknown, n?: string[] | null, d = false, client = admin) => client.request<{ batchResetAgentParameters: Report }>(RESET, { s, n, d });
const sync = (s: unknown, d = false, client = admin) => client.request<{ batchSyncAgentParameters: Report }>(SYNC, { s, d });
const ok = <T>(res: GraphQLResponse<Record<string, T>>): T => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.values(res.data!)[0]!;
};
const fieldsOf = (res: GraphQLResponse<unknown>) => Object.keys((res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined) ?? {}).sort();

/** An agent with the next agent id, bound to an employee of `ou` (undefined: no employee). */
async function agent(ou?: string): Promise<{ id: string; agentId: number }> {
  const n = ++serial;
  const employeeId = ou === undefined ? null : (await createEmployee(t, admin, { homeOuId: ou }, 'pb')).id;
  const res = await admin.ok<{ createAgent: { id: string; agentId: number } }>(
    'mutation($a: Int, $s: String, $e: ID) { createAgent(agentId: $a, softphoneNumber: $s, agentType: VERSATILE, employeeId: $e) { id agentId } }',
    { a: base + n, s: `66${base + n}`, e: employeeId },
  );
  return res.createAgent;
}
/** Every stored parameter row and audit entry of the agents: what a refused or previewed batch must leave alone. */
const stateOf = async (selected: string[]) => {
  const ids = selected.filter((id) => id !== 'not-an-id');
  const em = t.db();
  const rows = await em.find(AgentParameter, { agent: { $in: ids } }, { orderBy: { agent: 'ASC', name: 'ASC' } });
  const audit = await em.count(AuditEntry, { tenant: tenant.tenantId, recordType: 'Agent', recordId: { $in: ids } });
  return { rows: rows.map((r) => [r.agent.id, r.name, r.value, r.syncState]), audit };
};

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'ap-batch');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await admin.ok('mutation { updateMyTenant(quotaVersatileAgents: 200) { id } }');
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  hidden = await createOu(admin, 'Hidden');
  base = 200_000 + (process.pid % 1000) * 1000;
});
afterAll(() => t?.close());

describe('batch reset and sync', () => {
  it('reports a mixed selection: writable applied or unchanged, read-only and Unorganized FORBIDDEN, out of scope and missing NOT_FOUND; a dry run writes nothing', async () => {
    const changed = await agent(north);
    const untouched = await agent(north);
    const readOnly = await agent(south);
    const outside = await agent(hidden);
    const unorganized = await agent();
    for (const a of [changed, readOnly, outside, unorganized]) await admin.ok(UPDATE, { id: a.id, n: 'calloutCaller', v: '5550001' });
    const role = await createRole(admin, ['agent-parameters', 'agent-parameters:reset', 'agent-parameters:sync']);
    const operator = (
      await createEmployee(t, admin, {
        roleIds: [role],
        grants: [
          { ouId: north, canRead: true, canWrite: true },
          { ouId: south, canRead: true, canWrite: false },
        ],
      })
    ).client;
    const missing = '00000000-0000-4000-8000-000000000000';
    const ids = [changed.id, untouched.id, readOnly.id, outside.id, unorganized.id, missing, 'not-an-id'];
    const before = await stateOf(ids);

    const preview = ok(await reset({ agentIds: ids }, null, true, operator));
    expect(await stateOf(ids)).toEqual(before);
    const real = ok(await reset({ agentIds: ids }, null, false, operator));
    expect({ ...real, dryRun: true }).toEqual(preview);
    expect(real.results.map((r) => [r.id, r.agentId, r.status, r.code])).toEqual([
      [changed.id, changed.agentId, 'APPLIED', null],
      [untouched.id, untouched.agentId, 'UNCHANGED', null],
      [readOnly.id, readOnly.agentId, 'REFUSED', 'FORBIDDEN'],
      [outside.id, null, 'REFUSED', 'NOT_FOUND'],
      [unorganized.id, unorganized.agentId, 'REFUSED', 'FORBIDDEN'],
      [missing, null, 'REFUSED', 'NOT_FOUND'],
      ['not-an-id', null, 'REFUSED', 'NOT_FOUND'],
    ]);
    expect([real.applied, real.refused, real.unchanged]).toEqual([1, 5, 1]);
    expect(real.results[0]!.changes).toEqual([
      { field: 'calloutCaller', before: '{"value":"5550001","syncState":"SAVED"}', after: '{"value":"","syncState":"SAVED"}' },
    ]);
    // Out of scope reads exactly like missing.
    expect(real.results[3]).toEqual({ ...real.results[5], id: outside.id });
    const after = await stateOf(ids);
    expect(after.audit).toBe(before.audit + 1);
    const [entry] = await t.db().find(AuditEntry, { tenant: tenant.tenantId, operation: 'batchResetAgentParameters', recordId: changed.id });
    expect(entry).toMatchObject({ recordType: 'Agent', ouId: north });

    // Sync: the reset value goes out, the agent must sign in again; a second sync has nothing to do.
    const synced = ok(await sync({ agentIds: [changed.id, untouched.id] }, false, operator));
    expect(synced.results.map((r) => [r.status, r.message])).toEqual([
      ['APPLIED', 'Synchronized: the agent must sign in again to apply the parameters'],
      ['UNCHANGED', null],
    ]);
    expect(synced.results[0]!.changes).toEqual([
      { field: 'calloutCaller', before: '{"value":"","syncState":"SAVED"}', after: '{"value":"","syncState":"SYNCED"}' },
    ]);
    expect(ok(await sync({ agentIds: [changed.id] }, false, operator)).results[0]!.status).toBe('UNCHANGED');
    const syncs = await t.db().find(AuditEntry, { tenant: tenant.tenantId, operation: 'batchSyncAgentParameters', recordId: { $in: ids.slice(0, 5) } });
    expect(syncs.map((e) => e.recordId)).toEqual([changed.id]);
  });

  it('a range selection in agent-id order; reset of named parameters only; dry-run sync identical to the real one', async () => {
    const a = [await agent(north), await agent(south), await agent(north)];
    for (const x of a) {
      await admin.ok(UPDATE, { id: x.id, n: 'calloutCaller', v: '1' });
      await admin.ok(UPDATE, { id: x.id, n: 'queueSignInMode', v: 'AUTOMATIC' });
    }
    const range = { fromAgentId: a[0]!.agentId, toAgentId: a[2]!.agentId };
    const ids = a.map((x) => x.id);
    const before = await stateOf(ids);
    const preview = ok(await sync(range, true));
    expect(await stateOf(ids)).toEqual(before);
    const real = ok(await sync(range));
    expect(real).toEqual({ ...preview, dryRun: false });
    expect(real.results.map((r) => [r.agentId, r.status, r.changes.length])).toEqual(a.map((x) => [x.agentId, 'APPLIED', 2]));

    const r = ok(await reset(range, ['queueSignInMode']));
    expect(r.results.map((x) => x.changes)).toEqual(
      a.map(() => [{ field: 'queueSignInMode', before: '{"value":"AUTOMATIC","syncState":"SYNCED"}', after: '{"value":"SPECIFIED","syncState":"SAVED"}' }]),
    );
    const rows = (await stateOf(ids)).rows.filter((x) => x[1] === 'calloutCaller');
    expect(rows.map((x) => [x[2], x[3]])).toEqual(a.map(() => ['1', 'SYNCED']));
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const a = await agent(north);
    await admin.ok(UPDATE, { id: a.id, n: 'calloutCaller', v: '2' });
    const before = await stateOf([a.id]);
    const cases: [unknown, string[] | null, string][] = [
      [{ agentIds: [a.id], fromAgentId: 1, toAgentId: 2 }, null, 'selection'],
      [{}, null, 'selection'],
      [{ toAgentId: 1 }, null, 'selection'],
      [{ fromAgentId: 5, toAgentId: 4 }, null, 'selection'],
      [{ agentIds: [] }, null, 'agentIds'],
      [{ fromAgentId: 1, toAgentId: 100_000_000 }, null, 'toAgentId'],
      [{ agentIds: [a.id] }, [], 'names'],
    ];
    for (const [s, n, field] of cases) {
      const res = await reset(s, n);
      expect([code(res), fieldsOf(res)], JSON.stringify([s, n, res.errors])).toEqual(['BAD_USER_INPUT', [field]]);
      if (n === null) {
        const res2 = await sync(s);
        expect([code(res2), fieldsOf(res2)], JSON.stringify(s)).toEqual(['BAD_USER_INPUT', [field]]);
      }
    }
    expect(code(await reset({ agentIds: [a.id] }, ['nope']))).toBe('BAD_USER_INPUT');
    expect(await stateOf([a.id])).toEqual(before);
  });

  it('needs the operation: reset without agent-parameters:reset, sync without agent-parameters:sync are FORBIDDEN, even over oneself', async () => {
    const role = await createRole(admin, ['agent-parameters', 'agent-parameters:sync']);
    const me = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }], homeOuId: north }, 'op');
    const mine = await admin.ok<{ createAgent: { id: string } }>(
      `mutation { createAgent(agentId: ${base + 900}, softphoneNumber: "66${base + 900}", agentType: VERSATILE, employeeId: "${me.id}") { id } }`,
    );
    const before = await stateOf([mine.createAgent.id]);
    expect(code(await reset({ agentIds: [mine.createAgent.id] }, null, false, me.client))).toBe('FORBIDDEN');
    expect(ok(await sync({ agentIds: [mine.createAgent.id] }, false, me.client)).results[0]!.status).toBe('UNCHANGED');
    const none = (await createEmployee(t, admin, { grants: [{ ouId: north, canRead: true, canWrite: true }] }, 'none')).client;
    expect(code(await sync({ agentIds: [mine.createAgent.id] }, false, none))).toBe('FORBIDDEN');
    expect(await stateOf([mine.createAgent.id])).toEqual(before);
  });
});

describe('Agent.parameters', () => {
  it('lists each agent of a page with its parameters as agentParameters does, in one statement for the page', async () => {
    const a = [await agent(north), await agent(south), await agent()];
    await admin.ok(UPDATE, { id: a[1]!.id, n: 'answerMode', v: 'MANUAL' });
    const selection = 'name value defaultValue isDefault syncState effective { value source }';
    const ids = a.map((x) => x.id);
    const plain = await admin.ok<{ allAgents: { id: string }[] }>('query($ids: [ID!]) { allAgents(filter: { ids: $ids }) { id } }', { ids });
    expect(plain.allAgents).toHaveLength(3);
    const { result, statements } = await countStatements(t, () =>
      admin.ok<{ allAgents: { id: string; parameters: unknown[] }[] }>(
        `query($ids: [ID!]) { allAgents(filter: { ids: $ids }) { id parameters { ${selection} } } }`,
        {
          ids,
        },
      ),
    );
    const listed = new Map(result.allAgents.map((x) => [x.id, x.parameters]));
    for (const x of a) {
      const single = await admin.ok<{ agentParameters: { parameters: unknown[] } }>(
        `query($id: ID!) { agentParameters(agentId: $id) { parameters { ${selection} } } }`,
        {
          id: x.id,
        },
      );
      expect(listed.get(x.id)).toEqual(single.agentParameters.parameters);
    }
    // The parameter rows of the whole page in one statement (other statements of the process, such as the event relay's, are not counted).
    const parameterReads = statements.filter((sql) => sql.includes('"agent_parameter"'));
    expect(parameterReads, statements.join('\n')).toHaveLength(1);
  });
});
