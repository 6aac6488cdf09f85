import { performance } from 'node:perf_hooks';

export interface LoadResult {
  name: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * Closed-loop load: `concurrency` clients each send the next request when the previous one
 * answered, for `seconds`. Every reply is checked; one bad reply fails the whole benchmark.
 */
export async function runLoad(
  name: string,
  send: () => Promise<unknown>,
  check: (reply: unknown) => void,
  { concurrency = 8, seconds = 5, warmup = 200 } = {},
): Promise<LoadResult> {
  for (let i = 0; i < warmup; i++) check(await send());
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      check(await send());
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { name, requests: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50: pick(0.5), p99: pick(0.99) };
}
