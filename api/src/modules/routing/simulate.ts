import { RouteDevice } from './called-route.entity';
import { type QueueLoadFacts, deviceUsage, effectiveMaxQueued } from './queue-usage';
import { BusyCondition, QueueAction, TransferTargetType } from './skill-queue.enums';
import { CallOutcome, CallStepKind, type CallSimulation, type CallStep } from './simulate.types';
import type { ExceptionValue, WorkTimeValue } from './work-time.types';
import { openAt } from './work-time.evaluate';
import type { HandlerKey } from './queue-handler.types';

/**
 * The call-route simulator (issue 10 item 7): walks the configuration as a call to a number
 * would, over facts loaded beforehand (simulate.load.ts), so the walk itself reads nothing and a
 * simulation costs the same few statements whatever the configuration. A record the caller may
 * not read ends the walk as a hidden step: nothing past it is shown.
 */

export interface SimHandler {
  action: QueueAction;
  targetType: TransferTargetType;
  ivrId: string | null;
  skillQueueId: string | null;
}

export interface SimQueue {
  id: string;
  name: string;
  type: string;
  maxWaitSeconds: number;
  maxQueuedCalls: number;
  handlers: Record<HandlerKey, SimHandler>;
  queueUsageThreshold: number | null;
  busyCondition: BusyCondition | null;
  busyConditionValue: number | null;
  maxQueuedMode: Parameters<typeof effectiveMaxQueued>[0]['maxQueuedMode'];
  maxQueuedValue: number | null;
  load: QueueLoadFacts;
  visible: boolean;
}

export interface SimFacts {
  route: { id: string; dialledNumber: string; deviceType: RouteDevice; skillQueueId: string | null; ivrId: string | null; visible: boolean } | null;
  /** The web channels whose dialogs queue on the route, by channel code, with their exceptions of the local date at the simulated instant. */
  channels: { id: string; channelCode: string; workTime: WorkTimeValue; exceptions: ExceptionValue[]; visible: boolean }[];
  queues: Map<string, SimQueue>;
  ivrs: Map<string, { id: string; name: string; visible: boolean }>;
}

/** Transfers followed at most: save-time checks forbid cycles; this bounds a walk whatever the data. */
export const MAX_HOPS = 10;

const HANDLER_NAMES: Record<HandlerKey, string> = { onTimeout: 'onTimeout', onBusy: 'onBusy', onNoAgent: 'onNoAgent' };
const round = (n: number) => Math.round(n * 100) / 100;

export function simulate(dialledNumber: string, at: Date, facts: SimFacts, assumed: Partial<QueueLoadFacts> = {}): CallSimulation {
  const steps: CallStep[] = [];
  const step = (kind: CallStepKind, rule: string, record: { id: string; name: string } | null = null, numbers: Record<string, number> = {}) =>
    steps.push({
      kind,
      hidden: false,
      recordId: record?.id ?? null,
      name: record?.name ?? null,
      rule,
      numbers: Object.entries(numbers).map(([name, value]) => ({ name, value: round(value) })),
    });
  const done = (outcome: CallOutcome): CallSimulation => ({ dialledNumber, at, outcome, steps });
  const hidden = (kind: CallStepKind): CallSimulation => {
    steps.push({ kind, hidden: true, recordId: null, name: null, rule: 'Outside your scope: the rest of the path is not shown', numbers: [] });
    return done(CallOutcome.HIDDEN);
  };

  const toIvr = (id: string | null, why: string): CallSimulation => {
    const ivr = id ? facts.ivrs.get(id) : undefined;
    if (!ivr) return done(CallOutcome.RELEASED);
    if (!ivr.visible) return hidden(CallStepKind.IVR);
    step(CallStepKind.IVR, why, ivr);
    return done(CallOutcome.IVR);
  };

  const { route } = facts;
  if (!route) {
    step(CallStepKind.ROUTE, `No called route dials ${dialledNumber}`);
    return done(CallOutcome.NO_ROUTE);
  }
  if (!route.visible) return hidden(CallStepKind.ROUTE);
  step(CallStepKind.ROUTE, `The called route ${route.dialledNumber} sends the call to ${route.deviceType === RouteDevice.IVR ? 'an IVR' : 'a skill queue'}`, {
    id: route.id,
    name: route.dialledNumber,
  });
  if (route.deviceType === RouteDevice.IVR) return toIvr(route.ivrId, 'The called route sends the call to this IVR');

  const [channel, ...others] = facts.channels;
  if (channel) {
    if (!channel.visible) return hidden(CallStepKind.WORK_TIME);
    const answer = openAt(channel.workTime, at, channel.exceptions);
    const also = others.length ? ` (${others.length} more channel${others.length > 1 ? 's use' : ' uses'} this route, each with its own hours)` : '';
    const where = answer.rule.start ? ` ${answer.rule.start}–${answer.rule.end}` : '';
    step(
      CallStepKind.WORK_TIME,
      `${answer.open ? 'Open' : 'Closed'} at ${answer.localTime} (${answer.timeZone}): ${answer.rule.kind}${where}${also}${answer.notice ? `; the visitor sees "${answer.notice}"` : ''}`,
      { id: channel.id, name: channel.channelCode },
    );
    if (!answer.open) return done(CallOutcome.CLOSED);
  }

  const seen = new Set<string>();
  const walkQueue = (id: string | null, load: Partial<QueueLoadFacts>): CallSimulation => {
    const q = id ? facts.queues.get(id) : undefined;
    if (!q) return done(CallOutcome.RELEASED);
    if (!q.visible) return hidden(CallStepKind.QUEUE);
    if (seen.has(q.id) || seen.size >= MAX_HOPS) {
      step(CallStepKind.HANDLER, `The transfers lead back to "${q.name}" or past ${MAX_HOPS} queues: the call is released`, q);
      return done(CallOutcome.RELEASED);
    }
    seen.add(q.id);
    const now: QueueLoadFacts = { ...q.load, ...Object.fromEntries(Object.entries(load).filter(([, v]) => v != null)) };
    const max = effectiveMaxQueued(q, now.signedIn);
    const usage = deviceUsage(now, max);
    step(
      CallStepKind.QUEUE,
      `"${q.name}": ${now.signedIn} signed in, ${now.busy} busy, ${now.queued} of ${max} places taken; device usage ${round(usage)}%`,
      q,
      {
        signedIn: now.signedIn,
        busy: now.busy,
        queuedCalls: now.queued,
        maxQueuedCalls: max,
        deviceUsage: usage,
      },
    );
    let key: HandlerKey | null = null;
    if (now.signedIn === 0) {
      key = 'onNoAgent';
      step(CallStepKind.HANDLER, 'No agent is signed in: onNoAgent applies', q);
    } else if (q.busyCondition === BusyCondition.DEVICE_USAGE && q.busyConditionValue != null && usage >= q.busyConditionValue) {
      key = 'onBusy';
      step(CallStepKind.HANDLER, `Device usage ${round(usage)}% reaches the busy condition (${q.busyConditionValue}%): onBusy applies`, q, {
        deviceUsage: usage,
        busyConditionValue: q.busyConditionValue,
      });
    } else if (now.queued >= max) {
      key = 'onBusy';
      step(CallStepKind.HANDLER, `The queue is full (${now.queued} of ${max}): onBusy applies`, q, { queuedCalls: now.queued, maxQueuedCalls: max });
    }
    if (!key) {
      const timeout = q.handlers.onTimeout;
      const then =
        timeout.action === QueueAction.RELEASE
          ? 'released'
          : `transferred (${timeout.targetType === TransferTargetType.IVR ? 'to an IVR' : 'to a skill queue'})`;
      const waits =
        q.busyCondition === BusyCondition.WAIT_SECONDS ? `; the busy condition on waits over ${q.busyConditionValue} s is judged on live waits` : '';
      step(CallStepKind.WAIT, `Waits up to ${q.maxWaitSeconds} s for one of ${now.signedIn - now.busy} idle agents; then onTimeout: ${then}${waits}`, q, {
        maxWaitSeconds: q.maxWaitSeconds,
        idleAgents: now.signedIn - now.busy,
      });
      return done(CallOutcome.QUEUED);
    }
    return applyHandler(q, key);
  };

  const applyHandler = (q: SimQueue, key: HandlerKey): CallSimulation => {
    const h = q.handlers[key];
    if (h.action === QueueAction.RELEASE) {
      step(CallStepKind.HANDLER, `${HANDLER_NAMES[key]} releases the call`, q);
      return done(CallOutcome.RELEASED);
    }
    if (h.targetType === TransferTargetType.IVR) return toIvr(h.ivrId, `${HANDLER_NAMES[key]} transfers the call to this IVR`);
    const target = h.skillQueueId ? facts.queues.get(h.skillQueueId) : undefined;
    if (target && key === 'onBusy' && q.queueUsageThreshold != null) {
      if (!target.visible) return hidden(CallStepKind.QUEUE);
      const max = effectiveMaxQueued(target, target.load.signedIn);
      const after = deviceUsage({ ...target.load, queued: target.load.queued + 1 }, max);
      if (after >= q.queueUsageThreshold) {
        step(
          CallStepKind.HANDLER,
          `"${target.name}" would be at ${round(after)}% with the call, not below the threshold (${q.queueUsageThreshold}%): released`,
          q,
          {
            targetUsageAfter: after,
            queueUsageThreshold: q.queueUsageThreshold,
          },
        );
        return done(CallOutcome.RELEASED);
      }
      step(CallStepKind.HANDLER, `onBusy transfers the call: "${target.name}" stays below the threshold (${round(after)}% < ${q.queueUsageThreshold}%)`, q, {
        targetUsageAfter: after,
        queueUsageThreshold: q.queueUsageThreshold,
      });
    } else step(CallStepKind.HANDLER, `${HANDLER_NAMES[key]} transfers the call to another skill queue`, q);
    return walkQueue(h.skillQueueId, {});
  };

  return walkQueue(route.skillQueueId, assumed);
}
