import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { Omittable, RefersTo } from '../../common/validation';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../identity/password';
import { Digits } from '../routing/rules';
import { QueueMediaClass } from '../routing/skill-queue.enums';
import { AgentPlatformRole, AgentType } from './agent.enums';

export const AGENT_ID_MAX = 99_999_999;
/** The most skill queues an agent has: as for a group, far more than one agent serves, and a bound on what one save checks. */
export const MAX_AGENT_SKILLS = 200;

@InputType({ description: 'Narrows the agents; `q` matches the phone and the softphone number (contains)' })
export class AgentFilter extends BaseFilter {
  @Field(() => AgentType, { nullable: true, description: 'Agents of this type' })
  @IsOptional()
  @IsEnum(AgentType)
  agentType?: AgentType | null;

  @Field(() => AgentPlatformRole, { nullable: true, description: 'Agents of this platform role' })
  @IsOptional()
  @IsEnum(AgentPlatformRole)
  platformRole?: AgentPlatformRole | null;

  @Field(() => ID, { nullable: true, description: 'The agent of this employee' })
  @IsOptional()
  @RefersTo('Employee')
  employeeId?: string | null;
}

/**
 * The queues a picker offers an agent of each type (SPEC §5: one media class per agent): voice and
 * video for AUDIO and VIDEO agents, multimedia with click-to-dial for MULTIMEDIA ones; a VERSATILE
 * agent mixes them, so it is offered every queue. Presentation only: the server checks the class rule.
 */
const QUEUE_CLASS_OF: Record<string, Record<string, string>> = {
  mediaClass: {
    [AgentType.AUDIO]: QueueMediaClass.VOICE_VIDEO,
    [AgentType.VIDEO]: QueueMediaClass.VOICE_VIDEO,
    [AgentType.MULTIMEDIA]: QueueMediaClass.MULTIMEDIA,
  },
};
const BY_AGENT_TYPE = { filterBy: { mediaClass: 'agentType' }, filterValues: QUEUE_CLASS_OF };

@InputType({ description: 'One skill queue of an agent' })
export class AgentSkillInput {
  @Field(() => ID, { description: 'The skill queue' })
  @IsString()
  @RefersTo('SkillQueue', BY_AGENT_TYPE)
  skillQueueId!: string;

  @Field(() => Boolean, { nullable: true, description: 'The default skill queue: exactly one of the list (default false)' })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean | null;
}

/**
 * The fields an admin sets on many agents at once (`configureAgents`' changes), every one
 * optional: the agent's own arguments, declared once here and inherited by `AgentFields`.
 */
@ArgsType()
@InputType('AgentChangesInput', { description: 'The same changes applied to each selected agent: every field optional (omitted keeps it), at least one given' })
export class AgentChanges {
  @Field(() => AgentPlatformRole, { nullable: true, description: 'Platform role (default COMMON_AGENT)' })
  @Omittable()
  @IsEnum(AgentPlatformRole)
  platformRole?: AgentPlatformRole;

  @Field(() => AgentType, { nullable: true, description: 'Agent type, within the tenant quota of its type (required)' })
  @IsOptional()
  @IsEnum(AgentType)
  agentType?: AgentType | null;

  @Field(() => Boolean, { nullable: true, description: 'Intelligent recognition, within the tenant quotaIntelligentAgents (default off)' })
  @Omittable()
  @IsBoolean()
  intelligentRecognition?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "Smart form filling (default off): turning it on needs the tenant's intelligentFormFilling and intelligentRecognition",
  })
  @Omittable()
  @IsBoolean()
  smartFormFilling?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Phone-only agent (default off)' })
  @Omittable()
  @IsBoolean()
  phoneOnly?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Number anonymization flag (default off)' })
  @Omittable()
  @IsBoolean()
  anonymizationFlag?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'WebRTC softphone (default off): only with no phone and at least one voice-related skill queue' })
  @Omittable()
  @IsBoolean()
  webrtcEnabled?: boolean;

  @Field(() => [AgentSkillInput], {
    nullable: true,
    description: `Replaces its skill queues (at most ${MAX_AGENT_SKILLS}, exactly one the default); those outside your scope are kept; omitted keeps them`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_AGENT_SKILLS, { message: `An agent has at most ${MAX_AGENT_SKILLS} skill queues` })
  @ValidateNested({ each: true })
  skills?: AgentSkillInput[] | null;

  @Field(() => ID, { nullable: true, description: 'A skill queue group instead of skill queues (null: none)' })
  @IsOptional()
  @RefersTo('SkillQueueGroup', { notFound: () => 'Skill queue group not found', ...BY_AGENT_TYPE })
  skillQueueGroupId?: string | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class AgentFields extends AgentChanges {
  @Field(() => Int, { nullable: true, description: `Agent id, 1 to ${AGENT_ID_MAX}, unique in the tenant (required)` })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `Agent id must be 1 to ${AGENT_ID_MAX}` })
  @Max(AGENT_ID_MAX, { message: `Agent id must be 1 to ${AGENT_ID_MAX}` })
  agentId?: number | null;

  @Field(() => String, { nullable: true, description: 'The mobile or fixed-line phone bound to the agent, up to 20 characters (empty: none)' })
  @IsOptional()
  @IsString()
  @MaxLength(20, { message: 'Phone must be at most 20 characters' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'The employee it belongs to, one without an agent (null: none; such an agent cannot sign in)' })
  @IsOptional()
  @RefersTo('Employee', { notFound: () => 'Employee not found' })
  employeeId?: string | null;

  @Field(() => String, { nullable: true, description: 'Softphone number: 1 to 24 digits, unique in the tenant (required)' })
  @IsOptional()
  @IsString()
  @Digits('Softphone number', 24)
  softphoneNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Sets the softphone password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters with the password rules; write-only; null clears it`,
  })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `Softphone password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  softphonePassword?: string | null;
}
