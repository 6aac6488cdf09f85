import { performance } from 'node:perf_hooks';

/** The longest stretch a request's work runs before the event loop gets a turn. */
const SLICE_MS = 20;

let sliceStarted = performance.now();

interface Deferred {
  request: object | undefined;
  resume: () => void;
}

/**
 * Work deferred to a later slice, oldest first. A slice resumes it one piece at a time and stops
 * when spent, so thousands of deferred resolvers never all resume in one stretch.
 */
const queue: (Deferred | undefined)[] = [];
let head = 0;
let scheduled = false;
/** Per request (its memo): how many of its pieces of work wait in the queue. */
const waiting = new WeakMap<object, number>();

/** Whether the current stretch has run its time, so the work that follows should wait. */
export const sliceIsSpent = (): boolean => performance.now() - sliceStarted > SLICE_MS;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // The check phase: after the poll phase has served pending I/O (other requests, /healthz).
  setImmediate(() => {
    scheduled = false;
    sliceStarted = performance.now();
    resumeNext();
  });
}

function resumeNext(): void {
  if (head === queue.length) {
    queue.length = 0;
    head = 0;
    return;
  }
  if (sliceIsSpent()) {
    schedule();
    return;
  }
  const job = queue[head]!;
  queue[head++] = undefined;
  if (job.request) waiting.set(job.request, waiting.get(job.request)! - 1);
  job.resume();
  // After the resumed work's first steps: the time it took counts against this slice.
  queueMicrotask(resumeNext);
}

/** Resolves in a later slice, after the work deferred before it; `request` counts it as the request's. */
export function later(request: object | undefined): Promise<void> {
  return new Promise((resume) => {
    queue.push({ request, resume });
    if (request) waiting.set(request, (waiting.get(request) ?? 0) + 1);
    schedule();
  });
}

/** Whether some of the request's work waits for a later slice. */
export const isWaiting = (request: object): boolean => (waiting.get(request) ?? 0) > 0;

/** Runs `each` over the items, yielding to the event loop whenever a slice is spent (mapping thousands of rows). */
export async function eachInSlices<T>(items: readonly T[], request: object, each: (item: T) => void): Promise<void> {
  for (const item of items) {
    if (sliceIsSpent()) await later(request);
    each(item);
  }
}
