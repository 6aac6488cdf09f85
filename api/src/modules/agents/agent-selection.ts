import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { Context } from '../../base/context';
import { badInput, ErrorCode, type FieldErrors } from '../../base/errors';
import { isUuid } from '../../common/ids';
import { Agent } from './agent.entity';
import {
  type AgentBatchReport,
  type AgentBatchResult,
  AgentBatchStatus,
  type AgentFieldChange,
  type AgentSelectionInput,
  MAX_BATCH_AGENTS,
} from './agent-batch.types';

/**
 * The one batch machinery over a selection of agents (SPEC §5: batch configuration, batch
 * parameter reset and sync): the selection checked and read in one statement in the caller's
 * scope, each agent then changed through its single-agent write path in a savepoint of one
 * transaction (a refused agent undoes only itself), and one report per agent. A dry run rolls
 * the whole transaction back: the checks see the state the real run would see, nothing is kept.
 */

/** What one agent's change did: the changed fields (none: unchanged) and what to tell about it. */
export interface AgentOutcome {
  changes: AgentFieldChange[];
  message?: string | null;
}

/** Changes one selected agent in `em` (a unit of work inside the batch's transaction), or throws the refusal its single form would give. */
export type AgentChange = (agent: Agent, em: EntityManager) => Promise<AgentOutcome>;

export interface AgentBatch {
  /** The caller's scope the selection is read in (a resource's `inScope`, with the guard for agents without an employee). */
  scope: FilterQuery<Agent>;
  /** Relations the change needs on each selected agent. */
  populate: readonly string[];
  /** Taken first in the transaction (e.g. the tenant's agent quotas). */
  lock?: (tx: EntityManager) => Promise<void>;
  /** Given the selected agents (as read, never flushed), the change to make on each. */
  plan: (selected: Agent[], reader: EntityManager) => Promise<AgentChange>;
  /** After every agent: writes what the changes gathered (a set-based batch writes here, in a few statements). */
  finish?: (tx: EntityManager) => Promise<void>;
}

export function selectionErrors(s: AgentSelectionInput): FieldErrors {
  const byIds = s.agentIds != null;
  const byRange = s.fromAgentId != null || s.toAgentId != null;
  if (byIds && byRange) return { selection: 'Select agents by agentIds or by fromAgentId and toAgentId, not both' };
  if (!byIds && !byRange) return { selection: 'Select agents by agentIds, or by fromAgentId and toAgentId' };
  if (byRange && (s.fromAgentId == null || s.toAgentId == null)) return { selection: 'An agent-id range needs both fromAgentId and toAgentId' };
  if (byRange && s.fromAgentId! > s.toAgentId!) return { selection: 'fromAgentId must not be greater than toAgentId' };
  return {};
}

/** Refuses a selection that names no agents (BAD_USER_INPUT on `selection`) before anything else is checked. */
export function checkSelection(selection: AgentSelectionInput): void {
  const errors = selectionErrors(selection);
  if (Object.keys(errors).length) throw badInput(errors);
}

/** A refusal a single-agent form gives (its code, the first field it names): anything else is a failure of the batch. */
function refusalOf(e: unknown): Pick<AgentBatchResult, 'code' | 'field' | 'message'> | null {
  if (!(e instanceof GraphQLError) || typeof e.extensions?.code !== 'string' || e.extensions.code === ErrorCode.INTERNAL_SERVER_ERROR) return null;
  const fieldErrors = (e.extensions.fields as FieldErrors | undefined) ?? {};
  const field = Object.keys(fieldErrors)[0] ?? null;
  return { code: e.extensions.code, field, message: field ? fieldErrors[field]! : e.message };
}

class Rollback extends Error {}

export async function runAgentBatch(ctx: Context, selection: AgentSelectionInput, dryRun: boolean, batch: AgentBatch): Promise<AgentBatchReport> {
  checkSelection(selection);
  let results: AgentBatchResult[] = [];
  const work = async (tx: EntityManager) => {
    await batch.lock?.(tx);
    // The selection in one statement (and its relations in one more each), loaded apart from the writes.
    const reader = tx.fork({ clear: true, keepTransactionContext: true });
    const where = selection.agentIds
      ? { id: { $in: [...new Set(selection.agentIds.map((i) => i.trim()).filter(isUuid))] } }
      : { agentId: { $gte: selection.fromAgentId!, $lte: selection.toAgentId! } };
    const selected = await reader.find(Agent, { $and: [where, batch.scope] } as never, {
      populate: batch.populate as never,
      orderBy: { agentId: 'ASC' },
      limit: MAX_BATCH_AGENTS + 1,
    });
    if (selected.length > MAX_BATCH_AGENTS) throw badInput({ selection: `A batch selects at most ${MAX_BATCH_AGENTS} agents; narrow the range` });
    const change = await batch.plan(selected, reader);
    const byId = new Map(selected.map((a) => [a.id, a]));
    const order = selection.agentIds ? [...new Set(selection.agentIds.map((i) => i.trim()))] : selected.map((a) => a.id);

    results = [];
    for (const id of order) {
      const agent = byId.get(id);
      if (!agent) {
        results.push({ agentId: null, id, status: AgentBatchStatus.REFUSED, code: ErrorCode.NOT_FOUND, field: null, message: 'Agent not found', changes: [] });
        continue;
      }
      const result: AgentBatchResult = { agentId: agent.agentId, id, status: AgentBatchStatus.UNCHANGED, code: null, field: null, message: null, changes: [] };
      results.push(result);
      // Its own unit of work in the batch's transaction: the single-agent write opens a savepoint in it.
      const em = tx.fork({ clear: true, keepTransactionContext: true });
      try {
        const outcome = await change(agent, em);
        result.changes = outcome.changes;
        if (outcome.changes.length) Object.assign(result, { status: AgentBatchStatus.APPLIED, message: outcome.message ?? null });
      } catch (e) {
        const refusal = refusalOf(e);
        if (!refusal) throw e;
        Object.assign(result, { status: AgentBatchStatus.REFUSED, ...refusal });
      }
    }
    await batch.finish?.(tx);
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
