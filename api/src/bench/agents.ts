import type { EntityManager } from '@mikro-orm/postgresql';

/** Agents of the batch case: a full configureAgents range (MAX_BATCH_AGENTS). */
export const BATCH_AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);

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

/** The tenant's agents 1..BATCH_AGENTS, unbound and without skills (one statement), within raised quotas. */
export async function seedAgents(em: EntityManager, tenantId: string): Promise<void> {
  await em.execute('update tenant set quota_audio_agents = ?, quota_video_agents = ? where id = ?', [BATCH_AGENTS, BATCH_AGENTS, tenantId]);
  await em.execute(
    `insert into agent (id, tenant_id, agent_id, agent_type, softphone_number)
     select gen_random_uuid(), ?, g, (case when g % 2 = 0 then 'AUDIO' else 'VIDEO' end)::agent_type, '9' || g from generate_series(1, ?) g`,
    [tenantId, BATCH_AGENTS],
  );
}

const CONFIGURE = (dryRun: boolean) =>
  `mutation { configureAgents(selection: { fromAgentId: 1, toAgentId: ${BATCH_AGENTS} }, changes: { phoneOnly: true, platformRole: QUALITY_CHECKER }, dryRun: ${dryRun}) {
     dryRun applied refused unchanged results { agentId status code field message changes { field before after } } } }`;

/** Every agent reported applied with its two changes, and the counts adding up. */
function checkReport(reply: Reply, dryRun: boolean): void {
  const report = reply.body.data?.configureAgents;
  const ok =
    reply.status === 200 &&
    !reply.body.errors &&
    report?.dryRun === dryRun &&
    report.applied === BATCH_AGENTS &&
    report.refused === 0 &&
    report.results.length === BATCH_AGENTS &&
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
export async function benchAgentBatch(em: EntityManager, tenantId: string, post: (query: string) => Promise<unknown>): Promise<BatchTiming[]> {
  const send = (query: string) => post(query) as Promise<Reply>;
  const dry = await timed(() => send(CONFIGURE(true)));
  checkReport(dry.value, true);
  if ((await changedCount(em, tenantId)) !== 0) throw new Error('the dry run wrote');
  const applied = await timed(() => send(CONFIGURE(false)));
  checkReport(applied.value, false);
  if ((await changedCount(em, tenantId)) !== BATCH_AGENTS) throw new Error('configureAgents did not apply to every agent');

  await em.execute(`update agent set phone_only = false, platform_role = 'COMMON_AGENT' where tenant_id = ?`, [tenantId]);
  const sql = await timed(() =>
    em.execute(
      `update agent set phone_only = true, platform_role = 'QUALITY_CHECKER', version = version + 1, updated_at = now()
       where tenant_id = ? and agent_id between 1 and ?`,
      [tenantId, BATCH_AGENTS],
    ),
  );
  if ((await changedCount(em, tenantId)) !== BATCH_AGENTS) throw new Error('the SQL update did not apply to every agent');
  return [
    { name: `configureAgents, ${BATCH_AGENTS} agents by id range, dry run`, ms: dry.ms, statements: 'one request' },
    { name: `configureAgents, ${BATCH_AGENTS} agents by id range, applied (audited)`, ms: applied.ms, statements: 'one request' },
    { name: `one hand-written SQL update of the same ${BATCH_AGENTS} agents (no checks, no audit)`, ms: sql.ms, statements: 'one statement' },
  ];
}
