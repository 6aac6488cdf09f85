import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { badInput, ErrorCode, type FieldErrors } from '../../base/errors';
import { graphqlFieldsOf } from '../../common/fields';
import { isUuid } from '../../common/ids';
import { SkillQueue } from '../routing/skill-queue.entity';
import { Agent } from './agent.entity';
import { AgentChanges } from './agent.inputs';
import { AgentBatchReport, type AgentBatchResult, AgentBatchStatus, AgentSelectionInput, MAX_BATCH_AGENTS } from './agent-batch.types';
import { lockAgentQuotas } from './agent-quota';
import { agents } from './agents.resolver';

/**
 * Batch agent configuration (SPEC §5, issue 11 item 2): the same changes applied to each selected
 * agent through the agent resource's own update (scope, version, rules, quotas, audit), each in a
 * savepoint of one transaction, so a refused agent undoes only itself. A dry run rolls the whole
 * transaction back: the checks see the state the real run would see, and nothing is kept.
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

function selectionErrors(s: AgentSelectionInput): FieldErrors {
  const byIds = s.agentIds != null;
  const byRange = s.fromAgentId != null || s.toAgentId != null;
  if (byIds && byRange) return { selection: 'Select agents by agentIds or by fromAgentId and toAgentId, not both' };
  if (!byIds && !byRange) return { selection: 'Select agents by agentIds, or by fromAgentId and toAgentId' };
  if (byRange && (s.fromAgentId == null || s.toAgentId == null)) return { selection: 'An agent-id range needs both fromAgentId and toAgentId' };
  if (byRange && s.fromAgentId! > s.toAgentId!) return { selection: 'fromAgentId must not be greater than toAgentId' };
  return {};
}

class Rollback extends Error {}

export async function configureAgents(ctx: Context, selection: AgentSelectionInput, changes: AgentChanges, dryRun: boolean): Promise<AgentBatchReport> {
  const errors = selectionErrors(selection);
  if (Object.keys(errors).length) throw badInput(errors);
  const given = changes as unknown as Record<string, unknown>;
  const fields = CHANGE_FIELDS.filter((f) => given[f] !== undefined);
  if (!fields.length) throw badInput({ changes: `Give at least one change (${CHANGE_FIELDS.join(', ')})` });
  const tenantId = ctx.principal!.tenantId;
  const scope = agents.service(ctx).inScope('read');

  let results: AgentBatchResult[] = [];
  const work = async (tx: EntityManager) => {
    // One batch of a tenant at a time, with every other agent write: quotas hold across it, in order.
    await lockAgentQuotas(tx, tenantId);
    // The selection in one statement (and its skills in a second), in the caller's read scope,
    // loaded apart from the writes: the reported before-values, never flushed.
    const reader = tx.fork({ clear: true, keepTransactionContext: true });
    const where = selection.agentIds
      ? { id: { $in: [...new Set(selection.agentIds.map((i) => i.trim()).filter(isUuid))] } }
      : { agentId: { $gte: selection.fromAgentId!, $lte: selection.toAgentId! } };
    const selected = await reader.find(Agent, { $and: [where, scope] } as never, {
      populate: ['employee', 'skillRows'] as never,
      orderBy: { agentId: 'ASC' },
      limit: MAX_BATCH_AGENTS + 1,
    });
    if (selected.length > MAX_BATCH_AGENTS) throw badInput({ selection: `A batch selects at most ${MAX_BATCH_AGENTS} agents; narrow the range` });
    const queueIds = [...new Set(selected.flatMap((a) => a.skills.map((s) => s.skillQueueId)))];
    const visible = new Set(queueIds.length ? (await reader.find(SkillQueue, { id: { $in: queueIds } }, { fields: ['id'] })).map((q) => q.id) : []);
    const byId = new Map(selected.map((a) => [a.id, a]));
    const order = selection.agentIds ? [...new Set(selection.agentIds.map((i) => i.trim()))] : selected.map((a) => a.id);

    results = [];
    for (const id of order) {
      const agent = byId.get(id);
      if (!agent) {
        results.push({ agentId: null, id, status: AgentBatchStatus.REFUSED, code: ErrorCode.NOT_FOUND, field: null, message: 'Agent not found', changes: [] });
        continue;
      }
      const hidden = agent.skills.some((s) => !visible.has(s.skillQueueId));
      const before = Object.fromEntries(fields.map((f) => [f, JSON.stringify(reportedValue(agent, f, visible))]));
      const same = fields.every((f) => before[f] === JSON.stringify(wantedOf(given, f)) && !(f === 'skills' && hidden));
      const result: AgentBatchResult = { agentId: agent.agentId, id, status: AgentBatchStatus.UNCHANGED, code: null, field: null, message: null, changes: [] };
      results.push(result);
      if (same) continue;
      // Its own unit of work in the batch's transaction: the kernel's update opens a savepoint in it.
      const em = tx.fork({ clear: true, keepTransactionContext: true });
      try {
        const updated = await agents.service({ ...ctx, em }).update({ ...Object.fromEntries(fields.map((f) => [f, given[f]])), id });
        result.changes = fields
          .map((field) => ({ field, before: before[field]!, after: JSON.stringify(reportedValue(updated, field, visible)) }))
          .filter((c) => c.before !== c.after);
        if (result.changes.length) result.status = AgentBatchStatus.APPLIED;
      } catch (e) {
        if (!(e instanceof GraphQLError) || typeof e.extensions?.code !== 'string' || e.extensions.code === ErrorCode.INTERNAL_SERVER_ERROR) throw e;
        const fieldErrors = (e.extensions.fields as FieldErrors | undefined) ?? {};
        const field = Object.keys(fieldErrors)[0] ?? null;
        Object.assign(result, { status: AgentBatchStatus.REFUSED, code: e.extensions.code, field, message: field ? fieldErrors[field] : e.message });
      }
    }
    if (dryRun) throw new Rollback();
  };
  await ctx.em.transactional(work).catch((e: unknown) => {
    if (!(e instanceof Rollback)) throw e;
  });
  const countOf = (status: AgentBatchStatus) => results.filter((r) => r.status === status).length;
  return {
    dryRun,
    applied: countOf(AgentBatchStatus.APPLIED),
    refused: countOf(AgentBatchStatus.REFUSED),
    unchanged: countOf(AgentBatchStatus.UNCHANGED),
    results,
  };
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
