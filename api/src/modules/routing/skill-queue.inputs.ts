import { ArrayUnique, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { RefersTo, ShownWhen } from '../../common/validation';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { RoutingMediaType } from './media-type';
import { BusyHandlerInput, IntRange, QueueHandlerInput } from './queue-handler.inputs';
import { ROUTING_NAME_RULE, RoutingName } from './rules';
import { AnswerType, HoldMethod, MultimediaSubtype, QueueMediaClass, QueuingMethod } from './skill-queue.enums';

@InputType({ description: 'Narrows the skill queues; `q` matches the name (contains, any case)' })
export class SkillQueueFilter extends OuOwnedFilter {
  @Field(() => RoutingMediaType, { nullable: true, description: 'Skill queues of this type' })
  @IsOptional()
  type?: RoutingMediaType | null;

  @Field(() => QueueMediaClass, {
    nullable: true,
    description: 'Skill queues of this media class (VOICE_VIDEO: VOICE and VIDEO; MULTIMEDIA: multimedia and click-to-dial)',
  })
  @IsOptional()
  @IsEnum(QueueMediaClass)
  mediaClass?: QueueMediaClass | null;
}

const PROMPTS_ONLY = 'VOICE and VIDEO queues only';
const PROMPT_TYPES = [RoutingMediaType.VOICE, RoutingMediaType.VIDEO];

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class SkillQueueFields extends OuOwnedFields {
  @Field(() => String, { nullable: true, description: `Name, ${ROUTING_NAME_RULE} (required)` })
  @IsOptional()
  @IsString()
  @RoutingName('Name')
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Description, up to 255 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => RoutingMediaType, { nullable: true, description: 'The calls it takes (default VOICE)' })
  @IsOptional()
  @IsEnum(RoutingMediaType)
  type?: RoutingMediaType | null;

  @Field(() => [MultimediaSubtype], { nullable: true, description: 'The channels it serves, MULTIMEDIA queues only; empty: all' })
  @IsOptional()
  @ShownWhen('type', [RoutingMediaType.MULTIMEDIA])
  @ArrayUnique({ message: 'Subtypes must list each channel at most once' })
  @IsEnum(MultimediaSubtype, { each: true })
  subtypes?: MultimediaSubtype[] | null;

  @Field(() => Int, { nullable: true, description: 'Longest wait in the queue, 1 to 60000 seconds (default 60)' })
  @IsOptional()
  @IntRange('Max wait seconds', 1, 60000)
  maxWaitSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Longest call, 1 to 86400 seconds (default 86400)' })
  @IsOptional()
  @IntRange('Max call seconds', 1, 86400)
  maxCallSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Wrap-up time, 0 to 3600 seconds (default 5)' })
  @IsOptional()
  @IntRange('Wrap-up seconds', 0, 3600)
  wrapUpSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Most calls queued at once, 0 to 10000 (default 100)' })
  @IsOptional()
  @IntRange('Max queued calls', 0, 10000)
  maxQueuedCalls?: number | null;

  @Field(() => QueuingMethod, { nullable: true, description: `What a queued caller hears (default DEFAULT_TONE; ${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @IsEnum(QueuingMethod)
  queuingMethod?: QueuingMethod | null;

  @Field(() => ID, { nullable: true, description: `The voice prompt of CUSTOM_TONE, of the queue's media (${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @ShownWhen('queuingMethod', [QueuingMethod.CUSTOM_TONE])
  @RefersTo('VoicePrompt')
  queuingPromptId?: string | null;

  @Field(() => ID, { nullable: true, description: `The IVR of the IVR queuing method, of the queue's media (${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @ShownWhen('queuingMethod', [QueuingMethod.IVR])
  @RefersTo('Ivr')
  queuingIvrId?: string | null;

  @Field(() => HoldMethod, { nullable: true, description: `What a held caller hears (default DEFAULT_TONE; ${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @IsEnum(HoldMethod)
  holdMethod?: HoldMethod | null;

  @Field(() => ID, { nullable: true, description: `The voice prompt of CUSTOM_TONE, of the queue's media (${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @ShownWhen('holdMethod', [HoldMethod.CUSTOM_TONE])
  @RefersTo('VoicePrompt')
  holdPromptId?: string | null;

  @Field(() => AnswerType, { nullable: true, description: `What a caller hears when answered (default REPORT_EMPLOYEE_ID; ${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @IsEnum(AnswerType)
  answerType?: AnswerType | null;

  @Field(() => ID, { nullable: true, description: `The voice prompt of EMPLOYEE_ID_AND_CUSTOM_VOICE, of the queue's media (${PROMPTS_ONLY})` })
  @IsOptional()
  @ShownWhen('type', PROMPT_TYPES)
  @ShownWhen('answerType', [AnswerType.EMPLOYEE_ID_AND_CUSTOM_VOICE])
  @RefersTo('VoicePrompt')
  answerPromptId?: string | null;

  @Field(() => QueueHandlerInput, { nullable: true, description: 'What happens to a call that waited maxWaitSeconds (given: replaces it)' })
  @IsOptional()
  @ValidateNested()
  onTimeout?: QueueHandlerInput | null;

  @Field(() => BusyHandlerInput, { nullable: true, description: 'What happens while the queue is busy or full, and when it is busy (given: replaces it)' })
  @IsOptional()
  @ValidateNested()
  onBusy?: BusyHandlerInput | null;

  @Field(() => QueueHandlerInput, { nullable: true, description: 'What happens while no agent is on duty (given: replaces it)' })
  @IsOptional()
  @ValidateNested()
  onNoAgent?: QueueHandlerInput | null;
}
