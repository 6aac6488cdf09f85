import type { EntityManager } from '@mikro-orm/postgresql';

export interface BatchTiming {
  name: string;
  ms: number;
  statements: string;
}

type Reply = {
  status: number;
  body: {
    data?: { configureAgents: { dryRun: boolean; applied: number; refused: number; unchanged: number; results: { status: string; changes: unknown[] }[] } };
    errors?: unknown[];
  };
};

const CONFIGURE = (agents: number, dryRun: boolean) =>
  `mutation { configureAgents(selection: { fromAgentId: 1, toAgentId: ${agents} }, changes: { phoneOnly: true, platformRole: QUALITY_CHECKER }, dryRun: ${dryRun}) {
     dryRun applied refused unchanged results { agentId status code field message changes { field before after } } } }`;

/** Every agent reported applied with its two changes, and the counts adding up. */
function checkReport(reply: Reply, agents: number, dryRun: boolean): void {
  const report = reply.body.data?.configureAgents;
  const ok =
    reply.status === 200 &&
    !reply.body.errors &&
    report?.dryRun === dryRun &&
    report.applied === agents &&
    report.refused === 0 &&
    report.results.length === agents &&
    report.results.every((r) => r.status === 'APPLIED' && r.changes.length === 2);
  if (!ok) throw new Error(`bad configureAgents reply: ${reply.status} ${JSON.stringify(reply.body).slice(0, 400)}`);
}

const changedCount = async (em: EntityManager, tenantId: string) =>
  Number(
    (
      await em.execute<{ n: string }[]>(`select count(*) as n from agent where tenant_id = ? and phone_only and platform_role = 'QUALITY_CHECKER'`, [tenantId])
    )[0]!.n,
  );

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
};

/**
 * configureAgents over the whole agent-id range, as a dry run and applied (one request each,
 * every reply checked, the rows checked after), against the same change as one SQL statement.
 */
export async function benchAgentBatch(em: EntityManager, tenantId: string, agents: number, post: (query: string) => Promise<unknown>): Promise<BatchTiming[]> {
  const send = (query: string) => post(query) as Promise<Reply>;
  // A reused database holds the change of the previous run.
  await em.execute(`update agent set phone_only = false, platform_role = 'COMMON_AGENT' where tenant_id = ?`, [tenantId]);
  const dry = await timed(() => send(CONFIGURE(agents, true)));
  checkReport(dry.value, agents, true);
  if ((await changedCount(em, tenantId)) !== 0) throw new Error('the dry run wrote');
  const applied = await timed(() => send(CONFIGURE(agents, false)));
  checkReport(applied.value, agents, false);
  if ((await changedCount(em, tenantId)) !== agents) throw new Error('configureAgents did not apply to every agent');

  await em.execute(`update agent set phone_only = false, platform_role = 'COMMON_AGENT' where tenant_id = ?`, [tenantId]);
  const sql = await timed(() =>
    em.execute(
      `update agent set phone_only = true, platform_role = 'QUALITY_CHECKER', version = version + 1, updated_at = now()
       where tenant_id = ? and agent_id between 1 and ?`,
      [tenantId, agents],
    ),
  );
  if ((await changedCount(em, tenantId)) !== agents) throw new Error('the SQL update did not apply to every agent');
  return [
    { name: `configureAgents, ${agents} agents by id range, dry run`, ms: dry.ms, statements: 'one request' },
    { name: `configureAgents, ${agents} agents by id range, applied (audited)`, ms: applied.ms, statements: 'one request' },
    { name: `one hand-written SQL update of the same ${agents} agents (no checks, no audit)`, ms: sql.ms, statements: 'one statement' },
  ];
}
