import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RefersTo } from '../../common/validation';
import { VisibleRef } from './visible-ref';
import { BusyCondition, MaxQueuedMode, QueueAction, TransferTargetType } from './skill-queue.enums';

/**
 * A queuing-processing handler as read: a value built from the queue's columns (each target a
 * real foreign key there). Its target ids are shown only when the caller may locate the target.
 */
@ObjectType({ description: 'What a skill queue does with a call on a timeout or when nobody is on duty' })
export class QueueHandler {
  @Field(() => QueueAction, { description: 'RELEASE (the default) ends the call; TRANSFER sends it to the target' })
  action!: QueueAction;

  @Field(() => TransferTargetType, { description: 'What a transfer goes to: an IVR (the default) or, for multimedia queues always, a skill queue' })
  targetType!: TransferTargetType;

  @VisibleRef('Ivr')
  @RefersTo('Ivr')
  @Field(() => ID, { nullable: true, description: 'The target IVR of a transfer to an IVR (null when released, or outside your scope)' })
  ivrId!: string | null;

  @VisibleRef('SkillQueue')
  @RefersTo('SkillQueue')
  @Field(() => ID, { nullable: true, description: 'The target skill queue of a transfer to a skill queue (null when released, or outside your scope)' })
  skillQueueId!: string | null;
}

@ObjectType({ description: 'What a skill queue does with a call when it is busy or full, and when it counts as busy' })
export class BusyHandler extends QueueHandler {
  @Field(() => Int, {
    nullable: true,
    description: 'Transfer to the skill queue only while its usage after the transfer stays below this percent (0 to 100); null: no such condition',
  })
  queueUsageThreshold!: number | null;

  @Field(() => BusyCondition, { nullable: true, description: 'When the queue counts as busy; null: only when full' })
  busyCondition!: BusyCondition | null;

  @Field(() => Int, { nullable: true, description: "The busy condition's value: a device usage percent (0 to 100) or seconds waited (0 to 9999)" })
  busyConditionValue!: number | null;

  @Field(() => MaxQueuedMode, { nullable: true, description: "How the most queued calls are counted; null: the queue's maxQueuedCalls" })
  maxQueuedMode!: MaxQueuedMode | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Calls (FIXED) or percent of the signed-in agents (PERCENT_OF_SIGNED_IN); 0 to 10000, at least 1 for multimedia and click-to-dial queues',
  })
  maxQueuedValue!: number | null;
}

/** The three handlers of a queue, by their field name. */
export const HANDLERS = ['onTimeout', 'onBusy', 'onNoAgent'] as const;
export type HandlerKey = (typeof HANDLERS)[number];
