import { describe, expect, it } from 'vitest';
import { eachInSlices, isWaiting, later } from '../../api/src/common/event-loop-slices';
import { requestLoader } from '../../api/src/common/request-loader';

/** Holds the thread for `ms`, as a resolver building a large reply does. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

const request = () => ({ memo: new Map<string, unknown>() });

/** A loader that records the keys of each batch it is asked for. */
function recordingLoader(ctx: ReturnType<typeof request>) {
  const batches: string[][] = [];
  const loader = requestLoader<string, string>(ctx, 'k', async (keys) => {
    batches.push([...keys]);
    return [...keys];
  });
  return { loader, batches };
}

describe('work deferred to later slices of the event loop', () => {
  it('a batch waits for the work of its request made to wait, however many slices later it resumes', async () => {
    const ctx = request();
    const { loader, batches } = recordingLoader(ctx);
    const loads = [
      loader.load('direct'),
      later(ctx.memo).then(() => loader.load('one slice later')),
      later(ctx.memo)
        .then(() => later(ctx.memo))
        .then(() => loader.load('two slices later')),
    ];
    expect(await Promise.all(loads)).toEqual(['direct', 'one slice later', 'two slices later']);
    expect(batches).toEqual([['direct', 'one slice later', 'two slices later']]);
    expect(isWaiting(ctx.memo)).toBe(false);
  });

  it("another request's waiting work does not hold a batch", async () => {
    const mine = request();
    const other = request();
    const { loader, batches } = recordingLoader(mine);
    const order: string[] = [];
    const others = later(other.memo).then(() => order.push('other request resumed'));
    await loader.load('a').then(() => order.push('my batch answered'));
    await others;
    expect(batches).toEqual([['a']]);
    expect(order).toEqual(['my batch answered', 'other request resumed']);
  });

  it('resumes a long queue of waiting work a slice at a time, serving the event loop in between', async () => {
    const ctx = request();
    let done = 0;
    const work = Array.from({ length: 200 }, () =>
      later(ctx.memo).then(() => {
        busy(1);
        done++;
      }),
    );
    // A timer stands for another request: it must run while the queue is still being worked off.
    const doneWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
    await Promise.all(work);
    expect(done).toBe(200);
    expect(doneWhenTimerRan).toBeLessThan(200);
  });

  it('maps thousands of rows in slices, in order', async () => {
    const ctx = request();
    const rows = Array.from({ length: 300 }, (_, i) => i);
    const seen: number[] = [];
    let timerRan = false;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        timerRan = true;
        resolve();
      }, 0),
    );
    let seenWhenTimerRan = -1;
    await eachInSlices(rows, ctx.memo, (row) => {
      if (timerRan && seenWhenTimerRan < 0) seenWhenTimerRan = seen.length;
      busy(0.5);
      seen.push(row);
    });
    await timer;
    expect(seen).toEqual(rows);
    expect(seenWhenTimerRan).toBeGreaterThan(0);
    expect(seenWhenTimerRan).toBeLessThan(rows.length);
  });
});
