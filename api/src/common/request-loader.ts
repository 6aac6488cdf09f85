import DataLoader from 'dataloader';

/** The per-request memo a loader lives in (the context's `memo`). */
export interface RequestMemo {
  memo: Map<string, unknown>;
}

let pendingBatches = 0;

/**
 * Whether a loader batch is collecting keys. Time-sliced resolvers (server/time-slicing.ts) do
 * not yield meanwhile: a yield would dispatch the batch with the keys gathered so far and start
 * a second one for the rest, one statement per slice instead of one per level.
 */
export const batchIsCollecting = (): boolean => pendingBatches > 0;

/** DataLoader's own timing (after the promise jobs queued now), counted while it waits. */
function scheduleBatch(dispatch: () => void): void {
  pendingBatches++;
  void Promise.resolve().then(() =>
    process.nextTick(() => {
      pendingBatches--;
      dispatch();
    }),
  );
}

/**
 * The one way nested fields batch their reads: a DataLoader per request and key, so a page of
 * parents costs one statement per relation, never one per row.
 */
export function requestLoader<K, V>(ctx: RequestMemo, key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  let loader = ctx.memo.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { batchScheduleFn: scheduleBatch });
    ctx.memo.set(key, loader);
  }
  return loader;
}
