import type { EntityManager } from '@mikro-orm/postgresql';
import { allows } from '../../authz/ability';
import type { Context } from '../../base/context';
import { badInput, forbidden } from '../../base/errors';
import { type AuditRecord, writeAudits } from '../../common/audit.writer';
import { snapshotOf } from '../../common/fields';
import { Agent } from './agent.entity';
import { agentRuleErrors, applyAgentNested } from './agent.rules';
import { tenantAgentFacts } from './agent-facts';

/**
 * configureAgents set-based, for changes of the agent's own columns (no skills, no group): the
 * same steps as the kernel's update of each agent — write scope, the agent rules with the quotas
 * counted in agent order, a version bump, an audit entry and event per changed agent — but with
 * the tenant's facts read once for the whole selection, the rules run in memory, and the writes
 * made at the end in a few statements (one update of every applied agent, the audit entries and
 * events batched). A 10,000-agent range is a handful of statements, not 10,000 round trips.
 */

/** The fields this path takes: columns of the agent itself (skills and a group go through the kernel's update, one agent at a time). */
export const COLUMN_FIELDS = new Set([
  'platformRole',
  'agentType',
  'intelligentRecognition',
  'smartFormFilling',
  'phoneOnly',
  'anonymizationFlag',
  'webrtcEnabled',
]);

export interface ColumnBatch {
  /** Applies the changes to one agent (in memory) and checks it; throws the refusal updateAgent would give. */
  change: (agent: Agent) => Promise<void>;
  /** Writes every agent `change` accepted. */
  finish: (tx: EntityManager) => Promise<void>;
}

export async function columnBatch(
  ctx: Context,
  reader: EntityManager,
  selected: Agent[],
  given: Record<string, unknown>,
  fields: string[],
): Promise<ColumnBatch> {
  const principal = ctx.principal!;
  const facts = await tenantAgentFacts(
    reader,
    principal.tenantId,
    selected.map((a) => a.id),
  );
  const byType = { ...facts.byType };
  let intelligent = facts.intelligent;
  const applied: AuditRecord[] = [];
  const columns = fields.filter((f) => f !== 'smartFormFilling');

  const change = async (agent: Agent) => {
    const ouId = agent.employee?.homeOuId ?? null;
    if (!allows(principal.ability, 'update', 'Agent', ouId)) throw forbidden('Not allowed to edit this Agent here');
    const before = snapshotOf(Agent, agent);
    const stored = { type: agent.agentType, intelligent: agent.intelligentRecognition };
    const values = agent as unknown as Record<string, unknown>;
    for (const f of columns) values[f] = given[f];
    if (given.smartFormFilling !== undefined) await applyAgentNested(reader, agent, { smartFormFilling: given.smartFormFilling });
    const errors = agentRuleErrors(
      agent,
      {
        agentIdTaken: false,
        softphoneTaken: false,
        employeeAgent: null,
        // Other agents of its type and with intelligent recognition, as the batch has changed them so far.
        sameType: (byType[agent.agentType] ?? 0) - (stored.type === agent.agentType ? 1 : 0),
        intelligent: intelligent - (stored.intelligent ? 1 : 0),
        storedType: stored.type,
        storedIntelligent: stored.intelligent,
        tenantFormFilling: facts.tenantFormFilling,
        quotas: facts.quotas,
      },
      facts.typesOf.get(agent.id) ?? [],
    );
    if (Object.keys(errors).length) throw badInput(errors);
    byType[stored.type] = (byType[stored.type] ?? 0) - 1;
    byType[agent.agentType] = (byType[agent.agentType] ?? 0) + 1;
    intelligent += Number(agent.intelligentRecognition) - Number(stored.intelligent);
    applied.push({
      tenantId: principal.tenantId,
      actor: principal,
      operation: ctx.operation ?? 'configureAgents',
      action: 'updated',
      recordType: 'Agent',
      recordId: agent.id,
      ouId,
      before,
      after: snapshotOf(Agent, agent),
      event: { resource: 'Agent', subject: 'Agent', ouIds: [ouId, ouId], topics: {} },
    });
  };

  const finish = async (tx: EntityManager) => {
    if (!applied.length) return;
    const meta = tx.getMetadata().find(Agent.name)!;
    const properties = meta.properties as unknown as Record<string, { fieldNames: string[] }>;
    const set = fields.map((f) => `${properties[f]!.fieldNames[0]} = ?`);
    await tx.execute(`update agent set ${set.join(', ')}, version = version + 1, updated_at = now() where tenant_id = ? and id = any(?::uuid[])`, [
      ...fields.map((f) => given[f]),
      principal.tenantId,
      `{${applied.map((r) => r.recordId).join(',')}}`,
    ]);
    await writeAudits(tx, applied);
  };
  return { change, finish };
}
