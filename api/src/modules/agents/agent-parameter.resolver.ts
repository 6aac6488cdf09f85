import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated } from '../../authz/access';
import type { Context } from '../../base/context';
import { ListSize } from '../../base/list-size';
import { requestLoader } from '../../common/request-loader';
import { RefersTo } from '../../common/validation';
import { Agent } from './agent.entity';
import { AgentParameterName, PARAMETER_NAMES } from './agent-parameter.rules';
import { agentParameters, parametersOfAgents, resetAgentParameters, syncAgentParameters, updateAgentParameter } from './agent-parameter.service';
import { AgentParameterSync, AgentParameters, AgentParameterView } from './agent-parameter.types';

const AGENT = { description: 'The agent (its record id): your own, or another with the agent parameters page operation' };

/**
 * Agent parameters (SPEC §5). Authentication is all the declaration asks: the agent itself acts
 * on its own parameters (as in the personal center); for any other agent the service asks the
 * agent parameters page's operation (view, edit, reset, sync) and the agent's OU scope.
 */
@Resolver()
export class AgentParameterResolver {
  @Authenticated()
  @Query(() => AgentParameters, { description: "An agent's parameters: value, default, sync state and the value that applies, with its source" })
  agentParameters(@Arg('agentId', () => ID, AGENT) @RefersTo('Agent') agentId: string, @Ctx() ctx: Context): Promise<AgentParameters> {
    return agentParameters(ctx, agentId);
  }

  @Authenticated()
  @Mutation(() => AgentParameters, {
    description: "Sets one of an agent's parameters (others: agent-parameters:edit); a change makes it SAVED until the next sync",
  })
  updateAgentParameter(
    @Arg('agentId', () => ID, AGENT) @RefersTo('Agent') agentId: string,
    @Arg('name', () => AgentParameterName, { description: 'The parameter' }) name: AgentParameterName,
    @Arg('value', () => String, { description: 'Its new value, as AgentParameterName describes the allowed values' }) value: string,
    @Ctx() ctx: Context,
  ): Promise<AgentParameters> {
    return updateAgentParameter(ctx, agentId, name, value);
  }

  @Authenticated()
  @Mutation(() => AgentParameters, {
    description: "Resets an agent's parameters to their defaults (others: agent-parameters:reset); those that change become SAVED",
  })
  resetAgentParameters(
    @Arg('agentId', () => ID, AGENT) @RefersTo('Agent') agentId: string,
    @Arg('names', () => [AgentParameterName], { nullable: true, description: 'The parameters to reset (omitted: all of them)' })
    names: AgentParameterName[] | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<AgentParameters> {
    return resetAgentParameters(ctx, agentId, names);
  }

  @Authenticated()
  @Mutation(() => AgentParameterSync, {
    description: "Synchronizes an agent's SAVED parameters to the serving cache (others: agent-parameters:sync); the agent signs in again to apply them",
  })
  syncAgentParameters(@Arg('agentId', () => ID, AGENT) @RefersTo('Agent') agentId: string, @Ctx() ctx: Context): Promise<AgentParameterSync> {
    return syncAgentParameters(ctx, agentId);
  }
}

/** An agent's parameters as a field of the agent, read with the record: one statement per page of agents. */
@Resolver(() => Agent)
export class AgentParametersFieldResolver {
  @ListSize(PARAMETER_NAMES.length)
  @FieldResolver(() => [AgentParameterView], { description: 'Its parameters, as agentParameters lists them' })
  parameters(@Root() agent: Agent, @Ctx() ctx: Context): Promise<AgentParameterView[]> {
    return requestLoader<string, AgentParameterView[]>(ctx, 'agentParameters', (ids) => parametersOfAgents(ctx, ids)).load(agent.id);
  }
}
