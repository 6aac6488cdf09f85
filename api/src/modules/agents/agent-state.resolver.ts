import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { VisibleRefs } from '../routing/skill-queue-group.visible';
import { ListSize } from '../../base/list-size';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { requestLoader } from '../../common/request-loader';
import { RefersTo } from '../../common/validation';
import { Agent } from './agent.entity';
import { AgentState, AgentStateValue, PhoneRegistration, PhoneRegistrationState } from './agent-state.entity';
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

  @Requires(permissionFor('AgentState', 'update'))
  @Mutation(() => AgentState, {
    description:
      "Reports the registration state of one of an agent's phones (integrations), kept per phone; a signed-in agent whose answering phone is UNREGISTERED is not idle",
  })
  reportPhoneRegistration(
    @Arg('agentId', () => ID, { description: 'The agent (its record id)' }) @RefersTo('Agent') agentId: string,
    @Arg('phoneNumber', () => String, { description: "The phone: the agent's softphone number or its bound phone" }) phoneNumber: string,
    @Arg('state', () => PhoneRegistrationState, { description: 'Its registration state' }) state: PhoneRegistrationState,
    @Ctx() ctx: Context,
  ): Promise<AgentState> {
    return new AgentStateService(ctx).registerPhone(agentId, phoneNumber, state);
  }
}

/** The reported state rows of a page of agents, one statement (null: never reported). */
const stateOf = (ctx: Context, agent: Agent): Promise<AgentState | null> =>
  requestLoader<string, AgentState | null>(ctx, 'agentState', async (ids) => {
    const rows = await ctx.em.find(AgentState, { agent: { $in: [...ids] } });
    const byAgent = new Map(rows.map((r) => [r.agent.id, r]));
    return ids.map((id) => byAgent.get(id) ?? null);
  }).load(agent.id);

/** An agent's live state as fields of the agent: one statement per page. */
@Resolver(() => Agent)
export class AgentLiveStateResolver {
  @FieldResolver(() => AgentStateValue, { description: 'Its live state as last reported (SIGNED_OUT before any report)' })
  async state(@Root() agent: Agent, @Ctx() ctx: Context): Promise<AgentStateValue> {
    return (await stateOf(ctx, agent))?.state ?? AgentStateValue.SIGNED_OUT;
  }

  @ListSize(2)
  @FieldResolver(() => [PhoneRegistration], { description: "Its phones' registration states as last reported (a phone never reported is left out)" })
  async phoneRegistrations(@Root() agent: Agent, @Ctx() ctx: Context): Promise<PhoneRegistration[]> {
    // Its current phones only: a number it no longer has is not its phone's state.
    const phones = new Set([agent.softphoneNumber, agent.phone].filter((p) => p !== ''));
    return ((await stateOf(ctx, agent))?.phoneRegistrations ?? []).filter((r) => phones.has(r.phoneNumber));
  }

  @VisibleRefs('SkillQueue')
  @RefersTo('SkillQueue')
  @FieldResolver(() => [ID], {
    description: 'The skill queues it is signed in to, as last reported (empty when signed out; those outside your scope are left out)',
  })
  async signedInQueueIds(@Root() agent: Agent, @Ctx() ctx: Context): Promise<string[]> {
    return (await stateOf(ctx, agent))?.signedInQueueIds ?? [];
  }

  /** What a live view shows its state "since": the row changes with every report that changes something. */
  @FieldResolver(() => Date, {
    nullable: true,
    description: "When its reported live state last changed (its state, the queues it is signed in to, or a phone's registration); null before any report",
  })
  async stateChangedAt(@Root() agent: Agent, @Ctx() ctx: Context): Promise<Date | null> {
    return (await stateOf(ctx, agent))?.updatedAt ?? null;
  }
}
