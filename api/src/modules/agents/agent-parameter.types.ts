import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ListSize } from '../../base/list-size';
import { SettingSource } from './effective';
import { AgentParameterName, AgentParameterSyncState, MAX_PARAMETER_CHOICES, PARAMETER_NAMES } from './agent-parameter.rules';

/** An inherited setting with a text value as it applies: the text twin of `EffectiveInt`. */
@ObjectType({ description: 'A parameter as it applies: the effective value and the level it comes from' })
export class EffectiveString {
  @Field({ description: 'The value that applies' })
  value!: string;

  @Field(() => SettingSource, { description: "The level it comes from (AGENT: the agent's own value)" })
  source!: SettingSource;
}

@ObjectType({ description: 'One agent parameter: its value, its default, its sync state and the value that applies' })
export class AgentParameterView {
  @Field(() => AgentParameterName, { description: 'The parameter' })
  name!: AgentParameterName;

  @Field({ description: 'Its value as set (the default when never set)' })
  value!: string;

  @Field({ description: 'Its default value' })
  defaultValue!: string;

  @ListSize(MAX_PARAMETER_CHOICES)
  @Field(() => [String], {
    description: 'The values it takes when they are a closed set, e.g. AUTOMATIC, MANUAL, TENANT (empty: a text, as its name describes)',
  })
  choices!: string[];

  @Field({ description: 'Whether the value is the default' })
  isDefault!: boolean;

  @Field(() => AgentParameterSyncState, { description: 'SAVED after a change, SYNCED once synchronized (a parameter never changed is SYNCED)' })
  syncState!: AgentParameterSyncState;

  @Field(() => EffectiveString, {
    description:
      "The value that applies: TENANT values follow the tenant's parameter; the video display is empty while the effective OpenEye integration is off",
  })
  effective!: EffectiveString;
}

@ObjectType({ description: "An agent's parameters" })
export class AgentParameters {
  @Field(() => ID, { description: 'The agent (its record id)' })
  id!: string;

  @Field(() => Int, { description: 'Its agent id' })
  agentId!: number;

  @ListSize(PARAMETER_NAMES.length)
  @Field(() => [AgentParameterView], { description: 'Every parameter, in the personal center order' })
  parameters!: AgentParameterView[];
}

@ObjectType({ description: "What a sync of an agent's parameters did" })
export class AgentParameterSync extends AgentParameters {
  @ListSize(PARAMETER_NAMES.length)
  @Field(() => [AgentParameterName], { description: 'The parameters this sync pushed to the serving cache (those that were SAVED)' })
  synced!: AgentParameterName[];

  @Field({ description: 'Whether the agent must sign in again to apply the synchronized values (true when anything was synced)' })
  mustSignInAgain!: boolean;

  @Field(() => String, { nullable: true, description: 'What to tell the agent, e.g. to sign in again (null when nothing was synced)' })
  message!: string | null;
}
