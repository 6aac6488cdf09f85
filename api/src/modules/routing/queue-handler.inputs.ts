import { IsEnum, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RefersTo, ShownWhen } from '../../common/validation';
import { BusyCondition, MaxQueuedMode, QueueAction, TransferTargetType } from './skill-queue.enums';

const range = (label: string, min: number, max: number): PropertyDecorator => {
  const low = Min(min, { message: `${label} must be ${min} to ${max}` });
  const high = Max(max, { message: `${label} must be ${min} to ${max}` });
  return (target, property) => {
    low(target, property);
    high(target, property);
  };
};
export { range as IntRange };

/**
 * A handler as written: a given handler replaces the stored one, its omitted fields taking their
 * defaults (RELEASE; the target type of the queue's type, or the type of the target given).
 */
@InputType({ description: 'What a skill queue does with a call on a timeout or when nobody is on duty; omitted fields take their defaults' })
export class QueueHandlerInput {
  @Field(() => QueueAction, { nullable: true, description: 'RELEASE (the default) or TRANSFER' })
  @IsOptional()
  @IsEnum(QueueAction)
  action?: QueueAction | null;

  @Field(() => TransferTargetType, {
    nullable: true,
    description: 'IVR or SKILL_QUEUE; omitted: that of the id given, else IVR (SKILL_QUEUE for multimedia queues, which may only transfer to one)',
  })
  @IsOptional()
  @ShownWhen('action', [QueueAction.TRANSFER])
  @IsEnum(TransferTargetType)
  targetType?: TransferTargetType | null;

  @Field(() => ID, { nullable: true, description: 'The target IVR, of the same media as the queue (required to transfer to an IVR; cleared otherwise)' })
  @IsOptional()
  @IsUUID('all', { message: 'Ivr not found' })
  @ShownWhen('action', [QueueAction.TRANSFER])
  @ShownWhen('targetType', [TransferTargetType.IVR])
  @RefersTo('Ivr')
  ivrId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The target skill queue: of the same type, not this one, and not leading back here (required to transfer to a queue; cleared otherwise)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'SkillQueue not found' })
  @ShownWhen('action', [QueueAction.TRANSFER])
  @ShownWhen('targetType', [TransferTargetType.SKILL_QUEUE])
  // The queue's own type: a handler transfers only to a queue of the same type.
  @RefersTo('SkillQueue', { filterBy: { type: 'type' } })
  skillQueueId?: string | null;
}

@InputType({ description: 'What a skill queue does when busy or full, and when it counts as busy; omitted fields take their defaults' })
export class BusyHandlerInput extends QueueHandlerInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Transfer to the skill queue only while its usage after the transfer stays below this percent, 0 to 100 (only with a SKILL_QUEUE target)',
  })
  @IsOptional()
  @ShownWhen('action', [QueueAction.TRANSFER])
  @ShownWhen('targetType', [TransferTargetType.SKILL_QUEUE])
  @range('Queue usage threshold', 0, 100)
  queueUsageThreshold?: number | null;

  @Field(() => BusyCondition, { nullable: true, description: 'When the queue counts as busy (with busyConditionValue); omitted: only when full' })
  @IsOptional()
  @IsEnum(BusyCondition)
  busyCondition?: BusyCondition | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Device usage percent 0 to 100 (DEVICE_USAGE) or seconds waited 0 to 9999 (WAIT_SECONDS); required with busyCondition',
  })
  @IsOptional()
  @ShownWhen('busyCondition', [BusyCondition.DEVICE_USAGE, BusyCondition.WAIT_SECONDS])
  @range('Busy condition value', 0, 9999)
  busyConditionValue?: number | null;

  @Field(() => MaxQueuedMode, {
    nullable: true,
    description: "How the most queued calls are counted (with maxQueuedValue); omitted: the queue's maxQueuedCalls",
  })
  @IsOptional()
  @IsEnum(MaxQueuedMode)
  maxQueuedMode?: MaxQueuedMode | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Calls or percent of signed-in agents, 0 to 10000 (1 to 10000 for multimedia and click-to-dial queues); required with maxQueuedMode',
  })
  @IsOptional()
  @ShownWhen('maxQueuedMode', [MaxQueuedMode.FIXED, MaxQueuedMode.PERCENT_OF_SIGNED_IN])
  @range('Max queued value', 0, 10000)
  maxQueuedValue?: number | null;
}
