import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, badInput, type FieldErrors } from '../../base/errors';
import { applyArgs } from '../../common/fields';
import { BusyHandlerInput, QueueHandlerInput } from './queue-handler.inputs';
import { HANDLERS, type HandlerKey } from './queue-handler.types';
import type { SkillQueue } from './skill-queue.entity';
import { AnswerType, defaultTargetType, HoldMethod, hasPrompts, QueueAction, QueuingMethod, TransferTargetType } from './skill-queue.enums';

/** The columns of one handler, by their name inside the handler. */
const BUSY_COLUMNS = {
  queueUsageThreshold: 'onBusyQueueUsageThreshold',
  busyCondition: 'onBusyCondition',
  busyConditionValue: 'onBusyConditionValue',
  maxQueuedMode: 'onBusyMaxQueuedMode',
  maxQueuedValue: 'onBusyMaxQueuedValue',
} as const;

type Columns = Record<string, unknown>;

/** Field errors of a nested input, named as the caller wrote them (`onBusy.ivrId`). */
function prefixed(error: unknown, key: string): FieldErrors {
  const fields = error instanceof AppError ? (error.extensions.fields as FieldErrors | undefined) : undefined;
  if (!fields) throw error;
  return Object.fromEntries(Object.entries(fields).map(([name, message]) => [`${key}.${name}`, message]));
}

/**
 * Writes a given handler over the stored one: omitted (or null) fields take their defaults, the
 * target ids are found in the caller's scope like any reference.
 */
async function replaceHandler(em: EntityManager, queue: SkillQueue, key: HandlerKey, given: QueueHandlerInput): Promise<FieldErrors> {
  const busy = key === 'onBusy';
  const values = Object.fromEntries(Object.entries(given).filter(([, v]) => v != null)) as QueueHandlerInput & Partial<BusyHandlerInput>;
  const inferred = values.skillQueueId ? TransferTargetType.SKILL_QUEUE : values.ivrId ? TransferTargetType.IVR : defaultTargetType(queue.type);
  const draft: Columns = { action: QueueAction.RELEASE, targetType: inferred, ivr: null, skillQueue: null };
  if (busy) for (const name of Object.keys(BUSY_COLUMNS)) draft[name] = null;
  try {
    await applyArgs(em, draft, values, busy ? BusyHandlerInput : QueueHandlerInput);
  } catch (error) {
    return prefixed(error, key);
  }
  const columns = queue as unknown as Columns;
  columns[`${key}Action`] = draft.action;
  columns[`${key}TargetType`] = draft.targetType;
  columns[`${key}Ivr`] = draft.ivr;
  columns[`${key}SkillQueue`] = draft.skillQueue;
  if (busy) for (const [name, column] of Object.entries(BUSY_COLUMNS)) columns[column] = draft[name];
  return {};
}

/** A released call has no target; a transfer keeps only the target of its type. */
function normalizeHandler(queue: SkillQueue, key: HandlerKey): void {
  const columns = queue as unknown as Columns;
  if (columns[`${key}Action`] === QueueAction.RELEASE) {
    columns[`${key}TargetType`] = defaultTargetType(queue.type);
    columns[`${key}Ivr`] = null;
    columns[`${key}SkillQueue`] = null;
  } else if (columns[`${key}TargetType`] === TransferTargetType.IVR) columns[`${key}SkillQueue`] = null;
  else columns[`${key}Ivr`] = null;
}

/** On voice and video queues a prompt is kept only with the method that plays it (other queues refuse prompts instead: see the rules). */
function normalizePrompts(queue: SkillQueue): void {
  if (!hasPrompts(queue.type)) return;
  if (queue.queuingMethod !== QueuingMethod.CUSTOM_TONE) queue.queuingPrompt = null;
  if (queue.queuingMethod !== QueuingMethod.IVR) queue.queuingIvr = null;
  if (queue.holdMethod !== HoldMethod.CUSTOM_TONE) queue.holdPrompt = null;
  if (queue.answerType !== AnswerType.EMPLOYEE_ID_AND_CUSTOM_VOICE) queue.answerPrompt = null;
}

/** The resource's `nested.apply`: the handlers given replace the stored ones; every write normalises. */
export async function applyHandlers(em: EntityManager, queue: SkillQueue, values: Record<string, unknown>): Promise<void> {
  const errors: FieldErrors = {};
  for (const key of HANDLERS) {
    const given = values[key] as QueueHandlerInput | null | undefined;
    if (given) Object.assign(errors, await replaceHandler(em, queue, key, given));
  }
  if (Object.keys(errors).length) throw badInput(errors);
  for (const key of HANDLERS) normalizeHandler(queue, key);
  normalizePrompts(queue);
}
