import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { badInput } from '../../base/errors';
import { graphqlFieldsOf } from '../../common/fields';
import { isUuid } from '../../common/ids';
import { SkillQueue } from '../routing/skill-queue.entity';
import type { Agent } from './agent.entity';
import { AgentChanges } from './agent.inputs';
import { type ColumnBatch, COLUMN_FIELDS, columnBatch } from './agent-batch-fields';
import { AgentBatchReport, AgentSelectionInput } from './agent-batch.types';
import { lockAgentQuotas } from './agent-quota';
import { checkSelection, runAgentBatch } from './agent-selection';
import { agents } from './agents.resolver';

/**
 * Batch agent configuration (SPEC §5, issue 11 item 2): the same changes applied to each selected
 * agent through the agent resource's own update (scope, version, rules, quotas, audit), through
 * the batch machinery of agent-selection.ts.
 */

/** The fields a batch may change: the agent's own arguments, declared once (`AgentChanges`). */
const CHANGE_FIELDS = graphqlFieldsOf(AgentChanges);

type Skill = { skillQueueId: string; isDefault: boolean };

/** The reported value of a change field on an agent (skills as the caller may see them). */
function reportedValue(agent: Agent, field: string, visibleQueues: Set<string>): unknown {
  if (field === 'skills') return agent.skills.filter((s) => visibleQueues.has(s.skillQueueId));
  if (field === 'skillQueueGroupId') return agent.skillQueueGroupId;
  return (agent as unknown as Record<string, unknown>)[field] ?? null;
}

/** What the changes would set a field to, in the reported form (null where the kernel decides, e.g. a reference to check). */
function wantedOf(changes: Record<string, unknown>, field: string): unknown {
  const value = changes[field];
  if (field === 'skills') {
    return ((value as Skill[] | null) ?? [])
      .map((s) => ({ skillQueueId: s.skillQueueId.trim(), isDefault: s.isDefault === true }))
      .sort((a, b) => a.skillQueueId.localeCompare(b.skillQueueId));
  }
  if (field === 'skillQueueGroupId') return typeof value === 'string' && value.trim() ? value.trim() : null;
  return value ?? null;
}

export async function configureAgents(ctx: Context, selection: AgentSelectionInput, changes: AgentChanges, dryRun: boolean): Promise<AgentBatchReport> {
  checkSelection(selection);
  const given = changes as unknown as Record<string, unknown>;
  const fields = CHANGE_FIELDS.filter((f) => given[f] !== undefined);
  if (!fields.length) throw badInput({ changes: `Give at least one change (${CHANGE_FIELDS.join(', ')})` });
  const tenantId = ctx.principal!.tenantId;
  // Only the agent's own columns: set-based (agent-batch-fields.ts); skills or a group: the kernel's update per agent.
  const byColumns = fields.every((f) => COLUMN_FIELDS.has(f));
  let columns: ColumnBatch | null = null;
  return runAgentBatch(ctx, selection, dryRun, {
    scope: agents.service(ctx).inScope('read'),
    populate: ['employee', 'skillRows'],
    // One batch of a tenant at a time, with every other agent write: quotas hold across it, in order.
    lock: (tx) => lockAgentQuotas(tx, tenantId),
    plan: async (selected, reader) => {
      // The queues the agents have and those the change gives them: the report shows those the caller may see.
      const wanted = ((given.skills as Skill[] | null | undefined) ?? []).map((s) => s.skillQueueId.trim()).filter(isUuid);
      const queueIds = [...new Set([...selected.flatMap((a) => a.skills.map((s) => s.skillQueueId)), ...wanted])];
      const visible = new Set(queueIds.length ? (await reader.find(SkillQueue, { id: { $in: queueIds } }, { fields: ['id'] })).map((q) => q.id) : []);
      if (byColumns) columns = await columnBatch(ctx, reader, selected, given, fields);
      return async (agent, em) => {
        const hidden = agent.skills.some((s) => !visible.has(s.skillQueueId));
        const before = Object.fromEntries(fields.map((f) => [f, JSON.stringify(reportedValue(agent, f, visible))]));
        if (fields.every((f) => before[f] === JSON.stringify(wantedOf(given, f)) && !(f === 'skills' && hidden))) return { changes: [] };
        let updated = agent;
        if (columns) await columns.change(agent);
        else updated = await agents.service({ ...ctx, em }).update({ ...Object.fromEntries(fields.map((f) => [f, given[f]])), id: agent.id });
        return {
          changes: fields
            .map((field) => ({ field, before: before[field]!, after: JSON.stringify(reportedValue(updated, field, visible)) }))
            .filter((c) => c.before !== c.after),
        };
      };
    },
    finish: async (tx) => columns?.finish(tx),
  });
}

@Resolver()
export class AgentBatchResolver {
  @Requires(permissionFor('Agent', 'update'))
  @Mutation(() => AgentBatchReport, {
    description:
      "Applies the same changes to each selected agent the caller may edit, each all-or-nothing with updateAgent's rules, quotas and audit, and reports per agent; dryRun previews the same report and writes nothing",
  })
  configureAgents(
    @Arg('selection', () => AgentSelectionInput, { description: 'The agents: agentIds, or fromAgentId and toAgentId' }) selection: AgentSelectionInput,
    @Arg('changes', () => AgentChanges, { description: 'The fields to set on each, at least one' }) changes: AgentChanges,
    @Arg('dryRun', () => Boolean, { defaultValue: false, description: 'Only report what would happen; nothing is written' }) dryRun: boolean,
    @Ctx() ctx: Context,
  ): Promise<AgentBatchReport> {
    return configureAgents(ctx, selection, changes, dryRun);
  }
}
