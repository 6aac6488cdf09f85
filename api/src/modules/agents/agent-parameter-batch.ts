import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Requires } from '../../authz/access';
import type { Context } from '../../base/context';
import { AgentBatchReport, type AgentFieldChange, AgentSelectionInput } from './agent-batch.types';
import { AgentParameterName, PARAMETER_NAMES } from './agent-parameter.rules';
import {
  checkWritable,
  type ParameterChange,
  type ParameterTarget,
  permissionOf,
  resetNames,
  resetTarget,
  SIGN_IN_AGAIN,
  syncTarget,
  targetOf,
} from './agent-parameter.service';
import { checkSelection, runAgentBatch } from './agent-selection';
import { agents } from './agents.resolver';

/**
 * Batch parameter reset and sync (SPEC §5): over the same selection as configureAgents, each
 * selected agent through the single-agent reset or sync (its lock, its audit entry), with the
 * same per-agent report: each changed parameter's value and sync state before and after.
 */

/** The parameters a change touched, each as `{"value":…,"syncState":…}` before and after. */
const changesOf = (change: ParameterChange): AgentFieldChange[] =>
  PARAMETER_NAMES.filter((n) => change.changed.includes(n)).map((field) => ({
    field,
    before: JSON.stringify(change.before[field]),
    after: JSON.stringify(change.after[field]),
  }));

/** Each selected agent the caller may locate, changed by `change` where the caller may write. */
function parameterBatch(
  ctx: Context,
  selection: AgentSelectionInput,
  dryRun: boolean,
  change: (ctx: Context, target: ParameterTarget) => Promise<ParameterChange>,
  message: string | null,
): Promise<AgentBatchReport> {
  return runAgentBatch(ctx, selection, dryRun, {
    // Found like the single forms find another agent: in the OU scope (the parameters page, not the agents page).
    scope: agents.service(ctx).inScope('locate'),
    populate: ['employee'],
    plan: async () => async (agent, em) => {
      const target = targetOf(agent);
      checkWritable(ctx, target);
      const done = await change({ ...ctx, em }, target);
      return { changes: changesOf(done), message };
    },
  });
}

const SELECTION = { description: 'The agents: agentIds, or fromAgentId and toAgentId' };
const DRY_RUN = { defaultValue: false, description: 'Only report what would happen; nothing is written' };

@Resolver()
export class AgentParameterBatchResolver {
  @Requires(permissionOf('reset'))
  @Mutation(() => AgentBatchReport, {
    description:
      'Resets the parameters of each selected agent the caller may change to their defaults, as resetAgentParameters does, and reports per agent; dryRun previews the same report and writes nothing',
  })
  batchResetAgentParameters(
    @Arg('selection', () => AgentSelectionInput, SELECTION) selection: AgentSelectionInput,
    @Arg('names', () => [AgentParameterName], { nullable: true, description: 'The parameters to reset (omitted: all of them)' })
    names: AgentParameterName[] | null | undefined,
    @Arg('dryRun', () => Boolean, DRY_RUN) dryRun: boolean,
    @Ctx() ctx: Context,
  ): Promise<AgentBatchReport> {
    checkSelection(selection);
    const chosen = resetNames(names);
    return parameterBatch(ctx, selection, dryRun, (c, target) => resetTarget(c, target, chosen, 'batchResetAgentParameters'), null);
  }

  @Requires(permissionOf('sync'))
  @Mutation(() => AgentBatchReport, {
    description:
      'Synchronizes the SAVED parameters of each selected agent the caller may change, as syncAgentParameters does, and reports per agent (those synced must sign in again); dryRun previews the same report and writes nothing',
  })
  batchSyncAgentParameters(
    @Arg('selection', () => AgentSelectionInput, SELECTION) selection: AgentSelectionInput,
    @Arg('dryRun', () => Boolean, DRY_RUN) dryRun: boolean,
    @Ctx() ctx: Context,
  ): Promise<AgentBatchReport> {
    return parameterBatch(ctx, selection, dryRun, (c, target) => syncTarget(c, target, 'batchSyncAgentParameters'), SIGN_IN_AGAIN);
  }
}
