import DataLoader from 'dataloader';
import { isWaiting, later } from './event-loop-slices';

/** The per-request memo a loader lives in (the context's `memo`). */
export interface RequestMemo {
  memo: Map<string, unknown>;
}

/**
 * DataLoader's own timing (after the promise jobs queued now), and then after every piece of the
 * request's work deferred to a later slice (server/time-slicing.ts): a resolver of this level that
 * was made to wait still adds its key, so a level costs one statement however it was sliced.
 */
const scheduleFor =
  (request: object) =>
  (dispatch: () => void): void => {
    const afterPromiseJobs = (): void =>
      void Promise.resolve().then(() =>
        process.nextTick(() => {
          if (isWaiting(request)) void later(undefined).then(afterPromiseJobs);
          else dispatch();
        }),
      );
    afterPromiseJobs();
  };

/**
 * The one way nested fields batch their reads: a DataLoader per request and key, so a page of
 * parents costs one statement per relation, never one per row.
 */
export function requestLoader<K, V>(ctx: RequestMemo, key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  let loader = ctx.memo.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { batchScheduleFn: scheduleFor(ctx.memo) });
    ctx.memo.set(key, loader);
  }
  return loader;
}
