import { MaxQueuedMode } from './skill-queue.enums';

/**
 * SPEC §6's queue arithmetic, pure so that agent states (a later issue) plug in by supplying
 * `signedIn` and `busy`; until then they are 0.
 */

/** What a queue's live numbers are made of. */
export interface QueueLoadFacts {
  /** Agents signed in to the queue. */
  signedIn: number;
  /** Signed-in agents not idle (busy, wrapping up, or their answering phone unregistered). */
  busy: number;
  /** Calls waiting in the queue, as last reported. */
  queued: number;
}

/** The part of a queue the capacity depends on. */
export interface QueueCapacity {
  maxQueuedCalls: number;
  maxQueuedMode?: MaxQueuedMode | null;
  maxQueuedValue?: number | null;
}

/** 5 × (⌊v/5⌋ + 1) for v ≥ 1: the next multiple of 5 above the wrap-up time; 0 stays 0. */
export const effectiveWrapUp = (seconds: number): number => (seconds >= 1 ? 5 * (Math.floor(seconds / 5) + 1) : 0);

/** The busy rule's max queued value (⌈value/100 × signed-in⌉ under PERCENT_OF_SIGNED_IN); no busy rule: the queue's maxQueuedCalls. */
export function effectiveMaxQueued(q: QueueCapacity, signedIn: number): number {
  if (q.maxQueuedMode == null || q.maxQueuedValue == null) return q.maxQueuedCalls;
  if (q.maxQueuedMode === MaxQueuedMode.FIXED) return q.maxQueuedValue;
  return Math.ceil((q.maxQueuedValue * signedIn) / 100);
}

/** A share whose denominator is 0 counts as 100%: no agent signed in, or no queue capacity, is no capacity. */
const share = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

/** Device usage in percent: non-idle / signed-in × 70% + queued / max queued × 30%. */
export function deviceUsage(facts: QueueLoadFacts, maxQueued: number): number {
  return share(facts.busy, facts.signedIn) * 70 + share(facts.queued, maxQueued) * 30;
}

/**
 * Whether one more call may be transferred to a queue: its usage with that call stays below the
 * transferring queue's threshold (none: no usage condition).
 */
export function acceptsTransfer(facts: QueueLoadFacts, maxQueued: number, threshold: number | null): boolean {
  return threshold == null || deviceUsage({ ...facts, queued: facts.queued + 1 }, maxQueued) < threshold;
}
