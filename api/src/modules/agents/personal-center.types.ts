import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ListSize } from '../../base/list-size';
import { AgentPlatformRole, AgentType } from './agent.enums';
import { EffectiveInt } from './effective';
import { MAX_AGENT_SKILLS } from './agent.inputs';
import { MAX_GREETINGS } from './personal-center.rules';

/** What the personal center shows, read as plain values in a bounded number of statements (no field resolvers). */

@ObjectType({ description: "The signed-in agent's employee (business account), as the personal center shows it" })
export class MyEmployeeInfo {
  @Field(() => ID, { description: 'The employee' })
  id!: string;

  @Field({ description: 'Business account' })
  account!: string;

  @Field({ description: 'Name' })
  name!: string;

  @Field({ description: 'Phone (empty: none)' })
  phone!: string;

  @Field({ description: 'E-mail (empty: none)' })
  email!: string;

  @Field({ description: 'Position (empty: none)' })
  position!: string;

  @Field(() => String, { nullable: true, description: "The manager's name, whatever OU the manager is in (null: none)" })
  managerName!: string | null;
}

@ObjectType({ description: 'One skill queue of the signed-in agent, with its name' })
export class MySkillQueue {
  @Field(() => ID, { description: 'The skill queue' })
  id!: string;

  @Field({ description: 'Its name' })
  name!: string;

  @Field({ description: 'Whether it is the default skill queue (false for the queues of a group)' })
  isDefault!: boolean;
}

@ObjectType({ description: 'The signed-in agent as the personal center shows it' })
export class MyAgentInfo {
  @Field(() => ID, { description: 'The agent record' })
  id!: string;

  @Field(() => Int, { description: 'Agent id' })
  agentId!: number;

  @Field(() => AgentType, { description: 'Agent type' })
  agentType!: AgentType;

  @Field(() => AgentPlatformRole, { description: 'Platform role' })
  platformRole!: AgentPlatformRole;

  @Field({ description: 'Softphone number' })
  softphoneNumber!: string;

  @ListSize(MAX_AGENT_SKILLS)
  @Field(() => [MySkillQueue], { description: "Its skill queues (its group's, when it has a group), by name, whatever OU they are in" })
  skillQueues!: MySkillQueue[];

  @Field({ description: 'Whether a softphone password is set (the password itself is never returned)' })
  hasSoftphonePassword!: boolean;

  @Field(() => String, { nullable: true, description: 'The name of its skill queue group (null: none)' })
  skillQueueGroupName!: string | null;
}

@ObjectType({ description: 'One personalized greeting: its text and the hours it is used in' })
export class Greeting {
  @Field({ description: 'From, "HH:00"' })
  start!: string;

  @Field({ description: 'Until, "HH:00"; 00:00 is midnight' })
  end!: string;

  @Field({ description: 'The greeting' })
  text!: string;
}

@ObjectType({ description: "The agent's personalized settings as it set them (0 sessions: inherited)" })
export class AgentSettings {
  @Field(() => Int, { description: 'Session avatar, 1 to 8' })
  avatar!: number;

  @Field({ description: 'Session nickname (empty: none)' })
  nickname!: string;

  @Field(() => Int, { description: 'Most concurrent sessions as set, 0 to 60 (0: inherited; see effectiveMaxConcurrentSessions)' })
  maxConcurrentSessions!: number;

  @ListSize(MAX_GREETINGS)
  @Field(() => [Greeting], { description: 'Its greetings, by start' })
  greetings!: Greeting[];
}

@ObjectType({ description: 'The personal center of the signed-in agent: its employee, its agent, its settings and what they come to' })
export class MyAgent {
  @Field(() => MyEmployeeInfo, { description: 'Employee information' })
  employee!: MyEmployeeInfo;

  @Field(() => MyAgentInfo, { description: 'Agent information' })
  agent!: MyAgentInfo;

  @Field(() => AgentSettings, { description: 'Personalized settings as set' })
  settings!: AgentSettings;

  @Field(() => EffectiveInt, { description: "The concurrent sessions that apply: the agent's, else the nearest OU's, else the tenant's, first non-zero" })
  effectiveMaxConcurrentSessions!: EffectiveInt;
}
