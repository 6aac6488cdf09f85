import { type FilterQuery, wrap } from '@mikro-orm/core';
import { queueMediaErrors } from './queue-dependents';
import type { EntityManager } from '@mikro-orm/postgresql';
import { filterWhereOf } from '../../common/fields';
import { checkQueueRoutes } from './called-route.rules';
import { checkQueueGroups } from './skill-queue-group.rules';
import type { FieldErrors } from '../../base/errors';
import type { Context } from '../../base/context';
import type { Ivr } from './ivr.entity';
import { RoutingMediaType } from './media-type';
import { leadsBackTo, transfersFromOtherTypes } from './queue-graph';
import { HANDLERS, type HandlerKey } from './queue-handler.types';
import type { SkillQueue } from './skill-queue.entity';
import {
  AnswerType,
  BusyCondition,
  callMediaOf,
  HoldMethod,
  hasPrompts,
  QueueAction,
  QueuingMethod,
  TransferTargetType,
  typesOfClass,
} from './skill-queue.enums';
import { SkillQueueFilter } from './skill-queue.inputs';
import type { VoicePrompt } from './voice-prompt.entity';

/**
 * The rules of SPEC §6 across a queue's fields and across queues, checked by the kernel on the
 * queue as the arguments left it, before anything is written (resource `check`).
 */

/** The list filter: its fields as equalities, but `mediaClass`, which is the queue types of that class. */
export function skillQueueFilterWhere(f: SkillQueueFilter): FilterQuery<SkillQueue>[] {
  const { mediaClass, ...rest } = f;
  const parts = filterWhereOf<SkillQueue>(SkillQueueFilter, rest);
  return mediaClass ? [...parts, { type: { $in: typesOfClass(mediaClass) } }] : parts;
}

const media = (type: RoutingMediaType) => callMediaOf(type) ?? 'none';

/** A target IVR or voice prompt plays to the queue's own call media (VOICE* queues: VOICE; VIDEO* queues: VIDEO). */
function sameMedia(queue: SkillQueue, target: Ivr | VoicePrompt | null | undefined, what: string): string | null {
  if (!target || !wrap(target).isInitialized() || target.mediaType === callMediaOf(queue.type)) return null;
  return `${what} plays to ${target.mediaType} calls; this queue's calls are ${media(queue.type)}`;
}

function promptErrors(q: SkillQueue): FieldErrors {
  const errors: FieldErrors = {};
  if (!hasPrompts(q.type)) {
    const only = `Only VOICE and VIDEO queues play prompts; this one is ${q.type}`;
    if (q.queuingMethod !== QueuingMethod.DEFAULT_TONE) errors.queuingMethod = only;
    if (q.holdMethod !== HoldMethod.DEFAULT_TONE) errors.holdMethod = only;
    if (q.answerType !== AnswerType.REPORT_EMPLOYEE_ID) errors.answerType = only;
    for (const name of ['queuingPrompt', 'queuingIvr', 'holdPrompt', 'answerPrompt'] as const) if (q[name]) errors[`${name}Id`] = only;
    return errors;
  }
  const need = (ok: unknown, field: string, message: string) => {
    if (!ok) errors[field] = message;
  };
  if (q.queuingMethod === QueuingMethod.CUSTOM_TONE) need(q.queuingPrompt, 'queuingPromptId', 'A custom queuing tone needs its voice prompt');
  if (q.queuingMethod === QueuingMethod.IVR) need(q.queuingIvr, 'queuingIvrId', 'Queuing with an IVR needs the IVR');
  if (q.holdMethod === HoldMethod.CUSTOM_TONE) need(q.holdPrompt, 'holdPromptId', 'A custom hold tone needs its voice prompt');
  if (q.answerType === AnswerType.EMPLOYEE_ID_AND_CUSTOM_VOICE) need(q.answerPrompt, 'answerPromptId', 'A custom answer voice needs its voice prompt');
  for (const [field, target, what] of [
    ['queuingPromptId', q.queuingPrompt, 'The voice prompt'],
    ['queuingIvrId', q.queuingIvr, 'The IVR'],
    ['holdPromptId', q.holdPrompt, 'The voice prompt'],
    ['answerPromptId', q.answerPrompt, 'The voice prompt'],
  ] as const) {
    const wrong = errors[field] ? null : sameMedia(q, target, what);
    if (wrong) errors[field] = wrong;
  }
  return errors;
}

function handlerErrors(q: SkillQueue, key: HandlerKey): FieldErrors {
  const c = q as unknown as Record<string, unknown>;
  if (c[`${key}Action`] !== QueueAction.TRANSFER) return {};
  if (c[`${key}TargetType`] === TransferTargetType.IVR) {
    if (q.type === RoutingMediaType.MULTIMEDIA) return { [`${key}.targetType`]: 'Calls in multimedia queues can be transferred only to skill queues' };
    const ivr = c[`${key}Ivr`] as Ivr | null;
    if (!ivr) return { [`${key}.ivrId`]: 'A transfer to an IVR needs the IVR' };
    const wrong = sameMedia(q, ivr, 'The IVR');
    return wrong ? { [`${key}.ivrId`]: wrong } : {};
  }
  const target = c[`${key}SkillQueue`] as SkillQueue | null;
  const field = `${key}.skillQueueId`;
  if (!target) return { [field]: 'A transfer to a skill queue needs the skill queue' };
  if (target.id === q.id) return { [field]: 'A queue cannot transfer to itself' };
  if (wrap(target).isInitialized() && target.type !== q.type)
    return { [field]: `The target queue "${target.name}" is ${target.type}; a ${q.type} queue transfers only to ${q.type} queues` };
  return {};
}

function busyErrors(q: SkillQueue): FieldErrors {
  const errors: FieldErrors = {};
  const toQueue = q.onBusyAction === QueueAction.TRANSFER && q.onBusyTargetType === TransferTargetType.SKILL_QUEUE;
  if (q.onBusyQueueUsageThreshold != null && !toQueue)
    errors['onBusy.queueUsageThreshold'] = 'A queue usage threshold applies only to a transfer to a skill queue';
  if ((q.onBusyCondition == null) !== (q.onBusyConditionValue == null)) {
    errors[q.onBusyCondition == null ? 'onBusy.busyCondition' : 'onBusy.busyConditionValue'] = 'A busy condition and its value go together';
  } else if (q.onBusyCondition === BusyCondition.DEVICE_USAGE && q.onBusyConditionValue! > 100) {
    errors['onBusy.busyConditionValue'] = 'A device usage busy condition is 0 to 100 percent';
  }
  if ((q.onBusyMaxQueuedMode == null) !== (q.onBusyMaxQueuedValue == null)) {
    errors[q.onBusyMaxQueuedMode == null ? 'onBusy.maxQueuedMode' : 'onBusy.maxQueuedValue'] = 'A max queued mode and its value go together';
  } else if (q.onBusyMaxQueuedValue === 0 && !hasPrompts(q.type)) {
    errors['onBusy.maxQueuedValue'] = `Max queued value must be 1 to 10000 for ${q.type} queues`;
  }
  return errors;
}

/** No transfer cycle of any length: no target leads back here through the tenant's stored transfers (hidden queues included). */
async function cycleErrors(em: EntityManager, q: SkillQueue, tenantId: string): Promise<FieldErrors> {
  const c = q as unknown as Record<string, unknown>;
  const edges = HANDLERS.map((key) => [key, c[`${key}SkillQueue`] as SkillQueue | null] as const).filter(([, target]) => target);
  if (!edges.length) return {};
  const errors: FieldErrors = {};
  for (const [key, target] of edges) {
    if (await leadsBackTo(em, tenantId, q.id, target!.id))
      errors[`${key}.skillQueueId`] = `Transfers from "${target!.name}" lead back to this queue: no transfer cycle is allowed`;
  }
  return errors;
}

/** A queue others transfer to keeps a type they accept. */
async function typeErrors(em: EntityManager, q: SkillQueue, tenantId: string): Promise<FieldErrors> {
  if (await transfersFromOtherTypes(em, tenantId, q.id, q.type)) return { type: 'Queues of another type transfer to this queue; change their handlers first' };
  return {};
}

/** Every target, loaded for its media and type; one the caller's scope hides stays unloaded and is not checked again. */
const TARGETS = ['queuingPrompt', 'queuingIvr', 'holdPrompt', 'answerPrompt', ...HANDLERS.flatMap((k) => [`${k}Ivr`, `${k}SkillQueue`])];

export async function checkSkillQueue(em: EntityManager, q: SkillQueue, ctx: Context): Promise<FieldErrors> {
  // Populating through the row scope nulls a target the caller cannot see; it stays, unloaded
  // (so not checked again: it passed when it was set), as it was before.
  const columns = q as unknown as Record<string, unknown>;
  const before = Object.fromEntries(TARGETS.map((name) => [name, columns[name]]));
  await em.populate(q, TARGETS as never);
  for (const name of TARGETS) if (before[name] && !columns[name]) columns[name] = before[name];
  const errors: FieldErrors = {};
  if (q.type !== RoutingMediaType.MULTIMEDIA && q.subtypes.length) errors.subtypes = `Only MULTIMEDIA queues have subtypes; this one is ${q.type}`;
  Object.assign(errors, promptErrors(q), busyErrors(q), ...HANDLERS.map((key) => handlerErrors(q, key)));
  if (Object.keys(errors).length) return errors;
  const tenantId = ctx.principal!.tenantId;
  return {
    ...(await checkQueueRoutes(em, q, tenantId)),
    ...(await checkQueueGroups(em, q, tenantId)),
    ...(await typeErrors(em, q, tenantId)),
    ...(await cycleErrors(em, q, tenantId)),
    ...(await queueMediaErrors(em, ctx, { kind: 'queue', queueId: q.id, type: q.type })),
  };
}
