import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { Agent } from '../../api/src/modules/agents/agent.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole, uniqueAccount } from '../support/security';
import { countStatements } from '../support/statements';

/**
 * Issue 11, item 2: configureAgents — a selection by ids or an agent-id range, the same changes
 * through updateAgent's own write path per agent (a savepoint each), a per-agent report, a dry
 * run that writes nothing, and quotas across the batch in order. Its audit entries (one per
 * applied agent, operation configureAgents) are asserted here.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;
let base = 0;
let serial = 0;

type Row = { agentId: number | null; id: string; status: string; code: string | null; field: string | null; message: string | null; changes: unknown[] };
type Report = { dryRun: boolean; applied: number; refused: number; unchanged: number; results: Row[] };
const REPORT = 'dryRun applied refused unchanged results { agentId id status code field message changes { field before after } }';
const CONFIGURE = `mutation($s: AgentSelectionInput!, $c: AgentChangesInput!, $d: Boolean) { configureAgents(selection: $s, changes: $c, dryRun: $d) { ${REPORT} } }`;

const configure = (s: unknown, c: unknown, d = false, client = admin) => client.request<{ configureAgents: Report }>(CONFIGURE, { s, c, d });
async function report(s: unknown, c: unknown, d = false, client = admin): Promise<Report> {
  const res = await configure(s, c, d, client);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.configureAgents;
}

async function employee(homeOuId: string | null): Promise<string> {
  const a = uniqueAccount('batch');
  const res = await admin.ok<{ createEmployee: { id: string } }>(
    'mutation($a: String!, $h: ID) { createEmployee(account: $a, name: $a, password: "Initial#Pass1", homeOuId: $h) { id } }',
    { a, h: homeOuId },
  );
  return res.createEmployee.id;
}
/** An agent with the next agent id (base + serial), optionally bound to an employee of `ou`. */
async function agent(ou: string | null | undefined, vars: Record<string, unknown> = {}): Promise<{ id: string; agentId: number }> {
  const n = ++serial;
  const employeeId = ou === undefined ? null : await employee(ou);
  const res = await admin.ok<{ createAgent: { id: string; agentId: number } }>(
    'mutation($a: Int, $s: String, $e: ID, $t: AgentType) { createAgent(agentId: $a, softphoneNumber: $s, employeeId: $e, agentType: $t) { id agentId } }',
    { a: base + n, s: `77${base + n}`, e: employeeId, t: 'AUDIO', ...vars },
  );
  return res.createAgent;
}
const stateOf = async (ids: string[]) => {
  const em = t.db();
  const rows = await em.find(Agent, { id: { $in: ids } }, { orderBy: { agentId: 'ASC' } });
  const audit = await em.count(AuditEntry, { tenant: tenant.tenantId, recordType: 'Agent', recordId: { $in: ids } });
  return { rows: rows.map((r) => [r.id, r.version, r.phoneOnly, r.agentType, r.intelligentRecognition, r.platformRole]), audit };
};
const setTenant = (vars: Record<string, number>) =>
  admin.ok(`mutation(${Object.keys(vars).map((k) => `$${k}: Int`)}) { updateMyTenant(${Object.keys(vars).map((k) => `${k}: $${k}`)}) { id } }`, vars);

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'agents-batch');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
  base = 100_000 + (process.pid % 1000) * 1000;
  await setTenant({ quotaAudioAgents: 1000, quotaVideoAgents: 1000, quotaMultimediaAgents: 1000, quotaVersatileAgents: 1000, quotaIntelligentAgents: 1000 });
});
afterAll(() => t?.close());

describe('configureAgents', () => {
  it('reports a mixed selection: out of scope and missing NOT_FOUND, read-only FORBIDDEN, invalid refused alone, the rest applied with audit', async () => {
    const mine = await agent(north);
    const other = await agent(north);
    const invalid = await agent(north, { p: undefined });
    const readOnly = await agent(south);
    const hidden = await createOu(admin, 'Hidden');
    const outside = await agent(hidden);
    // An agent with a phone cannot turn WebRTC on: refused on webrtcEnabled, the others still applied.
    await admin.ok(`mutation { updateAgent(id: "${invalid.id}", phone: "123") { id } }`);
    const role = await createRole(admin, ['agents', 'agents:view', 'agents:edit']);
    const editor = (
      await createEmployee(t, admin, {
        roleIds: [role],
        grants: [
          { ouId: north, canRead: true, canWrite: true },
          { ouId: south, canRead: true, canWrite: false },
        ],
      })
    ).client;
    const missing = '00000000-0000-4000-8000-000000000000';
    const ids = [mine.id, outside.id, invalid.id, readOnly.id, missing, other.id];
    const before = await stateOf(ids);
    const changes = { phoneOnly: true, platformRole: 'QUALITY_CHECKER', webrtcEnabled: false };
    const withWebrtc = { ...changes, webrtcEnabled: true };

    const preview = await report({ agentIds: ids }, withWebrtc, true, editor);
    expect(await stateOf(ids)).toEqual(before);
    const real = await report({ agentIds: ids }, withWebrtc, false, editor);
    expect({ ...real, dryRun: true }).toEqual(preview);
    expect(real.results.map((r) => [r.id, r.status, r.code, r.field])).toEqual([
      [mine.id, 'REFUSED', 'BAD_USER_INPUT', 'webrtcEnabled'],
      [outside.id, 'REFUSED', 'NOT_FOUND', null],
      [invalid.id, 'REFUSED', 'BAD_USER_INPUT', 'webrtcEnabled'],
      [readOnly.id, 'REFUSED', 'FORBIDDEN', null],
      [missing, 'REFUSED', 'NOT_FOUND', null],
      [other.id, 'REFUSED', 'BAD_USER_INPUT', 'webrtcEnabled'],
    ]);
    // An out-of-scope agent is reported exactly like a missing one: no agent id, the same message.
    expect(real.results[1]).toEqual({ ...real.results[4], id: outside.id });
    expect(await stateOf(ids)).toEqual(before);

    const applied = await report({ agentIds: ids }, changes, false, editor);
    expect(applied.results.map((r) => [r.id, r.status, r.code])).toEqual([
      [mine.id, 'APPLIED', null],
      [outside.id, 'REFUSED', 'NOT_FOUND'],
      [invalid.id, 'APPLIED', null],
      [readOnly.id, 'REFUSED', 'FORBIDDEN'],
      [missing, 'REFUSED', 'NOT_FOUND'],
      [other.id, 'APPLIED', null],
    ]);
    expect(applied.results[0]).toMatchObject({
      agentId: mine.agentId,
      changes: [
        { field: 'platformRole', before: '"COMMON_AGENT"', after: '"QUALITY_CHECKER"' },
        { field: 'phoneOnly', before: 'false', after: 'true' },
      ],
    });
    expect([applied.applied, applied.refused, applied.unchanged]).toEqual([3, 3, 0]);
    const entries = await t.db().find(AuditEntry, { tenant: tenant.tenantId, operation: 'configureAgents', recordId: { $in: ids } });
    expect(entries.map((e) => e.recordId).sort()).toEqual([mine.id, invalid.id, other.id].sort());
    // Run again: nothing to change, nothing written.
    const again = await report({ agentIds: [mine.id, other.id] }, changes, false, editor);
    expect(again.results.map((r) => r.status)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(await t.db().count(AuditEntry, { tenant: tenant.tenantId, operation: 'configureAgents', recordId: { $in: ids } })).toBe(3);
  });

  it('a dry run returns the same report as the real run and writes nothing (rows, versions, audit)', async () => {
    const a = [await agent(north), await agent(null), await agent(south)];
    const ids = a.map((x) => x.id);
    const before = await stateOf(ids);
    const range = { fromAgentId: a[0]!.agentId, toAgentId: a[2]!.agentId };
    const preview = await report(range, { anonymizationFlag: true, agentType: 'VIDEO' }, true);
    expect(preview.dryRun).toBe(true);
    expect(await stateOf(ids)).toEqual(before);
    const real = await report(range, { anonymizationFlag: true, agentType: 'VIDEO' });
    expect(real).toEqual({ ...preview, dryRun: false });
    expect(real.applied).toBe(3);
    const after = await stateOf(ids);
    expect(after.audit).toBe(before.audit + 3);
    expect(after.rows.map((r) => r[3])).toEqual(['VIDEO', 'VIDEO', 'VIDEO']);
  });

  it('selects an inclusive agent-id range in agent-id order, only agents in scope', async () => {
    const a = [await agent(north), await agent(south), await agent(north)];
    const role = await createRole(admin, ['agents', 'agents:view', 'agents:edit']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    const r = await report({ fromAgentId: a[0]!.agentId, toAgentId: a[2]!.agentId }, { phoneOnly: true }, false, editor);
    expect(r.results.map((x) => [x.agentId, x.status])).toEqual([
      [a[0]!.agentId, 'APPLIED'],
      [a[2]!.agentId, 'APPLIED'],
    ]);
    const single = await report({ fromAgentId: a[1]!.agentId, toAgentId: a[1]!.agentId }, { phoneOnly: true });
    expect(single.results.map((x) => x.agentId)).toEqual([a[1]!.agentId]);
  });

  it('gives the last quota slots to the first agents of the batch, refusing the rest with the numbers', async () => {
    const a = [await agent(null), await agent(null), await agent(null), await agent(null)];
    const used = Number(
      (await t.db().getConnection().execute(`select count(*) as n from agent where tenant_id = ? and intelligent_recognition`, [tenant.tenantId]))[0].n,
    );
    await setTenant({ quotaIntelligentAgents: used + 2 });
    const range = { fromAgentId: a[0]!.agentId, toAgentId: a[3]!.agentId };
    const preview = await report(range, { intelligentRecognition: true }, true);
    const r = await report(range, { intelligentRecognition: true });
    expect(r).toEqual({ ...preview, dryRun: false });
    expect(r.results.map((x) => [x.status, x.field])).toEqual([
      ['APPLIED', null],
      ['APPLIED', null],
      ['REFUSED', 'intelligentRecognition'],
      ['REFUSED', 'intelligentRecognition'],
    ]);
    expect(r.results[2]!.message).toBe(`The tenant's quota of agents with intelligent recognition is ${used + 2}, and ${used + 2} are used`);
    await setTenant({ quotaIntelligentAgents: 1000 });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const a = await agent(north);
    const before = await stateOf([a.id]);
    const cases: [unknown, unknown, string][] = [
      [{ agentIds: [a.id], fromAgentId: 1, toAgentId: 2 }, { phoneOnly: true }, 'selection'],
      [{}, { phoneOnly: true }, 'selection'],
      [{ fromAgentId: 1 }, { phoneOnly: true }, 'selection'],
      [{ fromAgentId: 5, toAgentId: 4 }, { phoneOnly: true }, 'selection'],
      [{ agentIds: [] }, { phoneOnly: true }, 'agentIds'],
      [{ fromAgentId: 0, toAgentId: 4 }, { phoneOnly: true }, 'fromAgentId'],
      [{ agentIds: [a.id] }, {}, 'changes'],
      [{ agentIds: [a.id] }, { skills: [{ skillQueueId: 'x' }, { skillQueueId: 'x' }].slice(0, 1).concat(Array(201).fill({ skillQueueId: 'y' })) }, 'skills'],
    ];
    for (const [s, c, field] of cases) {
      const res = await configure(s, c);
      expect(code(res), JSON.stringify([s, res.errors])).toBe('BAD_USER_INPUT');
      expect(Object.keys((res.errors![0]!.extensions!.fields as Record<string, string>) ?? {}), JSON.stringify(s)).toEqual([field]);
    }
    expect(await stateOf([a.id])).toEqual(before);
  });

  it('needs the agents page edit operation', async () => {
    const role = await createRole(admin, ['agents', 'agents:view']);
    const viewer = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    expect(code(await configure({ fromAgentId: 1, toAgentId: 2 }, { phoneOnly: true }, false, viewer))).toBe('FORBIDDEN');
  });
});

describe('configureAgents at scale', () => {
  it('changes a range of agents in a bounded number of statements, not one round trip per agent, auditing each as updateAgent does', async () => {
    const a: { id: string; agentId: number }[] = [];
    for (let i = 0; i < 12; i++) a.push(await agent(north));
    const range = { fromAgentId: a[0]!.agentId, toAgentId: a.at(-1)!.agentId };
    const { result, statements } = await countStatements(t, () => report(range, { anonymizationFlag: true, platformRole: 'CALLOUT_AGENT' }));
    expect(result.applied).toBe(12);
    // The batch's own statements (the event relay's, running beside it, are not counted): one update for all twelve.
    const ours = statements.filter((sql) => /\bagent\b|"agent"|audit_entry/.test(sql));
    expect(ours.length, ours.join('\n')).toBeLessThan(12);
    expect(ours.filter((sql) => /^update agent\b/.test(sql))).toHaveLength(1);
    // The same change by updateAgent on a twin agent: the same audited changes.
    const twin = await agent(north);
    await admin.ok(`mutation { updateAgent(id: "${twin.id}", anonymizationFlag: true, platformRole: CALLOUT_AGENT) { id } }`);
    const [batchEntry] = await t.db().find(AuditEntry, { tenant: tenant.tenantId, operation: 'configureAgents', recordId: a[0]!.id });
    const [singleEntry] = await t.db().find(AuditEntry, { tenant: tenant.tenantId, operation: 'updateAgent', recordId: twin.id });
    expect(batchEntry!.changes).toEqual(singleEntry!.changes);
    expect(batchEntry).toMatchObject({ action: 'updated', recordType: 'Agent', ouId: north, principalHandle: tenant.adminAccount });
    const versions = (await t.db().find(Agent, { id: { $in: a.map((x) => x.id) } })).map((x) => x.version);
    expect(versions.every((v) => v === 2)).toBe(true);
  });

  it('skills go through updateAgent per agent, with the same report', async () => {
    const q = (await admin.ok<{ createSkillQueue: { id: string } }>(`mutation { createSkillQueue(name: "Batch ${base}", type: VOICE) { id } }`))
      .createSkillQueue.id;
    const a = [await agent(north), await agent(north)];
    const r = await report({ agentIds: a.map((x) => x.id) }, { skills: [{ skillQueueId: q, isDefault: true }] });
    expect(r.results.map((x) => [x.status, x.changes])).toEqual(
      a.map(() => ['APPLIED', [{ field: 'skills', before: '[]', after: JSON.stringify([{ skillQueueId: q, isDefault: true }]) }]]),
    );
  });
});
