import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { requestLoader } from '../../common/request-loader';
import { RefersTo } from '../../common/validation';
import { Agent } from './agent.entity';
import { AgentState, AgentStateValue } from './agent-state.entity';
import { AgentStateService } from './agent-state.service';

@Resolver()
export class AgentStateResolver {
  @Requires(permissionFor('AgentState', 'update'))
  @Mutation(() => AgentState, {
    description: "Reports an agent's live state and the skill queues it is signed in to (integrations); needs write in the agent's OU",
  })
  reportAgentState(
    @Arg('agentId', () => ID, { description: 'The agent (its record id)' }) @RefersTo('Agent') agentId: string,
    @Arg('state', () => AgentStateValue, { description: 'Its state; any but SIGNED_OUT needs an employee and skills' }) state: AgentStateValue,
    @Arg('signedInQueueIds', () => [ID], { defaultValue: [], description: "The skill queues it is signed in to, each one of the agent's skills" })
    @RefersTo('SkillQueue')
    signedInQueueIds: string[],
    @Ctx() ctx: Context,
  ): Promise<AgentState> {
    return new AgentStateService(ctx).report(agentId, state, signedInQueueIds);
  }
}

/** An agent's live state as a field of the agent: one statement per page. */
@Resolver(() => Agent)
export class AgentLiveStateResolver {
  @FieldResolver(() => AgentStateValue, { description: 'Its live state as last reported (SIGNED_OUT before any report)' })
  async state(@Root() agent: Agent, @Ctx() ctx: Context): Promise<AgentStateValue> {
    const loader = requestLoader<string, AgentStateValue>(ctx, 'agentState', async (ids) => {
      const rows = await ctx.em.find(AgentState, { agent: { $in: [...ids] } });
      const byAgent = new Map(rows.map((r) => [r.agent.id, r.state]));
      return ids.map((id) => byAgent.get(id) ?? AgentStateValue.SIGNED_OUT);
    });
    return loader.load(agent.id);
  }
}
