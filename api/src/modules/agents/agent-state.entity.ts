import { ArrayType, Entity, Enum, OneToOne, Property } from '@mikro-orm/core';
import { ListSize } from '../../base/list-size';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { RowScope } from '../../common/row-scope';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RefersTo } from '../../common/validation';
import { VisibleRefs } from '../routing/skill-queue-group.visible';
import { Agent } from './agent.entity';

export enum AgentStateValue {
  SIGNED_OUT = 'SIGNED_OUT',
  IDLE = 'IDLE',
  BUSY = 'BUSY',
  WRAP_UP = 'WRAP_UP',
}
registerEnumType(AgentStateValue, {
  name: 'AgentStateValue',
  description: "An agent's live state, as integrations report it",
  valuesConfig: {
    SIGNED_OUT: { description: 'Not signed in (the state of an agent never reported)' },
    IDLE: { description: 'Signed in and free for a call' },
    BUSY: { description: 'Signed in, in a call' },
    WRAP_UP: { description: 'Signed in, wrapping up the last call' },
  },
});

export enum PhoneRegistrationState {
  REGISTERED = 'REGISTERED',
  UNREGISTERED = 'UNREGISTERED',
}
registerEnumType(PhoneRegistrationState, {
  name: 'PhoneRegistrationState',
  description: 'Whether a phone of an agent is registered with the platform, as integrations report it',
  valuesConfig: {
    REGISTERED: { description: 'Registered: calls can reach it' },
    UNREGISTERED: { description: 'Not registered: calls cannot reach it (a signed-in agent answering on it is not idle)' },
  },
});

@ObjectType({ description: "The registration state of one of an agent's phones, as last reported" })
export class PhoneRegistration {
  @Field({ description: "The phone: the agent's softphone number or its bound phone" })
  phoneNumber!: string;

  @Field(() => PhoneRegistrationState, { description: 'Its registration state' })
  state!: PhoneRegistrationState;
}

/**
 * An agent's live state (SPEC §5), as an integration last reported it: kept apart from the agent
 * so a report never bumps the version an admin is editing; scoped like its agent (the employee's
 * home OU) and reported with the agent state page's edit operation.
 */
@ObjectType({ description: "An agent's live state and the skill queues it is signed in to, as last reported" })
@Entity()
@RowScope({
  subject: 'AgentState',
  ouField: 'agent.employee.homeOu',
  menu: 'agent-state',
  operations: { create: 'edit', update: 'edit', delete: 'edit' },
})
export class AgentState extends TenantOwned<'agentId' | 'signedInQueueIds' | 'phoneStates' | 'phoneRegistrations'> {
  @OneToOne(() => Agent, { owner: true, unique: true, deleteRule: 'cascade' })
  agent!: Agent;

  @RefersTo('Agent')
  @Field(() => ID, { description: 'The agent' })
  get agentId(): string {
    return this.agent.id;
  }

  @Field(() => AgentStateValue, { description: 'Its state' })
  @Enum({ items: () => AgentStateValue, nativeEnumName: 'agent_state_value' })
  state!: AgentStateValue;

  /** Every queue for the audit; the caller sees those it may locate. */
  @VisibleRefs('SkillQueue')
  @RefersTo('SkillQueue')
  @Field(() => [ID], { description: 'The skill queues it is signed in to (empty when signed out; those outside your scope are left out)' })
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  signedInQueueIds: string[] = [];

  /** Each of the agent's current phones reported, by number (a phone no longer the agent's is dropped at the next report). */
  @Property({ type: 'json', defaultRaw: `'{}'` })
  phoneStates: Record<string, PhoneRegistrationState> = {};

  @ListSize(2)
  @Field(() => [PhoneRegistration], { description: "Its phones' registration states, as last reported (a phone never reported is left out)" })
  get phoneRegistrations(): PhoneRegistration[] {
    return Object.entries(this.phoneStates ?? {})
      .map(([phoneNumber, state]) => ({ phoneNumber, state }))
      .sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
  }
}
