import { ArrayType, Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { RefersTo } from '../../common/validation';
import { OuOwned } from '../org/ou-owned.entity';
import { Ivr } from './ivr.entity';
import { RoutingMediaType } from './media-type';
import { BusyHandler, type HandlerKey, QueueHandler } from './queue-handler.types';
import { AnswerType, BusyCondition, HoldMethod, MaxQueuedMode, MultimediaSubtype, QueueAction, QueuingMethod, TransferTargetType } from './skill-queue.enums';
import { VisibleRef } from './visible-ref';
import { VoicePrompt } from './voice-prompt.entity';

const action = () => Enum({ items: () => QueueAction, nativeEnumName: 'queue_action' });
const targetType = () => Enum({ items: () => TransferTargetType, nativeEnumName: 'transfer_target_type' });
/** A handler's or a prompt's target: a real foreign key, so a target still used cannot be deleted. */
const target = (entity: () => Function) => ManyToOne(entity as never, { nullable: true, deleteRule: 'restrict', index: true });

type Defaulted =
  | 'description'
  | 'type'
  | 'subtypes'
  | 'maxWaitSeconds'
  | 'maxCallSeconds'
  | 'wrapUpSeconds'
  | 'maxQueuedCalls'
  | 'queuingMethod'
  | 'holdMethod'
  | 'answerType'
  | `${HandlerKey}${'Action' | 'TargetType'}`
  | 'queuingPromptId'
  | 'queuingIvrId'
  | 'holdPromptId'
  | 'answerPromptId'
  | HandlerKey;

/**
 * A skill queue (SPEC §6): where calls of one media type wait for an agent, with its limits,
 * the prompts callers hear (voice and video only) and its three queuing-processing handlers.
 * The handlers are columns here (their targets real foreign keys) read as nested values.
 */
@ObjectType({
  description: 'Where calls of one media type wait for an agent: limits, prompts and what happens on a timeout, when busy, or with nobody on duty',
})
@Entity()
@Unique({
  name: 'skill_queue_name_lower_unique',
  properties: ['tenant', 'name'],
  expression: 'create unique index "skill_queue_name_lower_unique" on "skill_queue" ("tenant_id", lower("name"))',
})
@RowScope({ subject: 'SkillQueue', ouField: 'ou', menu: 'skill-queues' })
export class SkillQueue extends OuOwned<Defaulted> {
  @Sortable()
  @Searchable()
  @Field({ description: 'Name, 1 to 100 characters, unique in the tenant (ignoring case)' })
  @Property({ length: 100 })
  name!: string;

  @Field({ description: 'Description, up to 255 characters' })
  @Property({ length: 255 })
  description: string = '';

  @Sortable()
  @Field(() => RoutingMediaType, { description: 'The calls it takes (default VOICE)' })
  @Enum({ items: () => RoutingMediaType, nativeEnumName: 'routing_media_type' })
  type: RoutingMediaType = RoutingMediaType.VOICE;

  @Field(() => [MultimediaSubtype], { description: 'The channels a MULTIMEDIA queue serves; empty: all (always empty for other types)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  subtypes: MultimediaSubtype[] = [];

  @Sortable()
  @Field(() => Int, { description: 'Longest wait in the queue, 1 to 60000 seconds (default 60); then onTimeout applies' })
  @Property()
  maxWaitSeconds: number = 60;

  @Field(() => Int, { description: 'Longest call, 1 to 86400 seconds (default 86400)' })
  @Property()
  maxCallSeconds: number = 86400;

  @Field(() => Int, { description: 'Wrap-up time after a call, 0 to 3600 seconds (default 5); see effectiveWrapUpSeconds' })
  @Property()
  wrapUpSeconds: number = 5;

  @Field(() => Int, { description: 'Most calls queued at once, 0 to 10000 (default 100), unless the busy rule counts otherwise' })
  @Property()
  maxQueuedCalls: number = 100;

  @Field(() => QueuingMethod, { description: 'What a queued caller hears (voice and video queues; default DEFAULT_TONE)' })
  @Enum({ items: () => QueuingMethod, nativeEnumName: 'queuing_method' })
  queuingMethod: QueuingMethod = QueuingMethod.DEFAULT_TONE;

  @target(() => VoicePrompt)
  queuingPrompt?: VoicePrompt | null;

  @target(() => Ivr)
  queuingIvr?: Ivr | null;

  @Field(() => HoldMethod, { description: 'What a held caller hears (voice and video queues; default DEFAULT_TONE)' })
  @Enum({ items: () => HoldMethod, nativeEnumName: 'hold_method' })
  holdMethod: HoldMethod = HoldMethod.DEFAULT_TONE;

  @target(() => VoicePrompt)
  holdPrompt?: VoicePrompt | null;

  @Field(() => AnswerType, { description: 'What a caller hears when answered (voice and video queues; default REPORT_EMPLOYEE_ID)' })
  @Enum({ items: () => AnswerType, nativeEnumName: 'answer_type' })
  answerType: AnswerType = AnswerType.REPORT_EMPLOYEE_ID;

  @target(() => VoicePrompt)
  answerPrompt?: VoicePrompt | null;

  @action() onTimeoutAction: QueueAction = QueueAction.RELEASE;
  @targetType() onTimeoutTargetType: TransferTargetType = TransferTargetType.IVR;
  @target(() => Ivr) onTimeoutIvr?: Ivr | null;
  @target(() => SkillQueue) onTimeoutSkillQueue?: SkillQueue | null;

  @action() onBusyAction: QueueAction = QueueAction.RELEASE;
  @targetType() onBusyTargetType: TransferTargetType = TransferTargetType.IVR;
  @target(() => Ivr) onBusyIvr?: Ivr | null;
  @target(() => SkillQueue) onBusySkillQueue?: SkillQueue | null;
  @Property({ type: 'integer', nullable: true }) onBusyQueueUsageThreshold?: number | null;
  @Enum({ items: () => BusyCondition, nativeEnumName: 'busy_condition', nullable: true }) onBusyCondition?: BusyCondition | null;
  @Property({ type: 'integer', nullable: true }) onBusyConditionValue?: number | null;
  @Enum({ items: () => MaxQueuedMode, nativeEnumName: 'max_queued_mode', nullable: true }) onBusyMaxQueuedMode?: MaxQueuedMode | null;
  @Property({ type: 'integer', nullable: true }) onBusyMaxQueuedValue?: number | null;

  @action() onNoAgentAction: QueueAction = QueueAction.RELEASE;
  @targetType() onNoAgentTargetType: TransferTargetType = TransferTargetType.IVR;
  @target(() => Ivr) onNoAgentIvr?: Ivr | null;
  @target(() => SkillQueue) onNoAgentSkillQueue?: SkillQueue | null;

  // The ids below are what the audit records; the caller sees each only when it may locate the target.
  @VisibleRef('VoicePrompt')
  @RefersTo('VoicePrompt')
  @Field(() => ID, { nullable: true, description: 'The voice prompt of a CUSTOM_TONE queuing method' })
  get queuingPromptId(): string | null {
    return this.queuingPrompt?.id ?? null;
  }

  @VisibleRef('Ivr')
  @RefersTo('Ivr')
  @Field(() => ID, { nullable: true, description: 'The IVR of the IVR queuing method' })
  get queuingIvrId(): string | null {
    return this.queuingIvr?.id ?? null;
  }

  @VisibleRef('VoicePrompt')
  @RefersTo('VoicePrompt')
  @Field(() => ID, { nullable: true, description: 'The voice prompt of a CUSTOM_TONE hold method' })
  get holdPromptId(): string | null {
    return this.holdPrompt?.id ?? null;
  }

  @VisibleRef('VoicePrompt')
  @RefersTo('VoicePrompt')
  @Field(() => ID, { nullable: true, description: 'The voice prompt of the EMPLOYEE_ID_AND_CUSTOM_VOICE answer type' })
  get answerPromptId(): string | null {
    return this.answerPrompt?.id ?? null;
  }

  @Field(() => QueueHandler, { description: 'What happens to a call that waited maxWaitSeconds' })
  get onTimeout(): QueueHandler {
    return this.handler('onTimeout');
  }

  @Field(() => BusyHandler, { description: 'What happens to a call while the queue is busy or full, and when it counts as busy' })
  get onBusy(): BusyHandler {
    return Object.assign(new BusyHandler(), this.handler('onBusy'), {
      queueUsageThreshold: this.onBusyQueueUsageThreshold ?? null,
      busyCondition: this.onBusyCondition ?? null,
      busyConditionValue: this.onBusyConditionValue ?? null,
      maxQueuedMode: this.onBusyMaxQueuedMode ?? null,
      maxQueuedValue: this.onBusyMaxQueuedValue ?? null,
    });
  }

  @Field(() => QueueHandler, { description: 'What happens to a call while no agent is on duty' })
  get onNoAgent(): QueueHandler {
    return this.handler('onNoAgent');
  }

  private handler(key: HandlerKey): QueueHandler {
    const columns = this as unknown as Record<string, unknown>;
    return Object.assign(new QueueHandler(), {
      action: columns[`${key}Action`],
      targetType: columns[`${key}TargetType`],
      ivrId: (columns[`${key}Ivr`] as Ivr | null | undefined)?.id ?? null,
      skillQueueId: (columns[`${key}SkillQueue`] as SkillQueue | null | undefined)?.id ?? null,
    });
  }
}
