import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerMessage } from './load-worker';

/** One HTTP request of a scenario, and how to tell its reply is right. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Throws (with what is wrong) unless the parsed reply is the right answer; run once per request before the load. */
  check: (reply: unknown) => void;
}

export interface Target {
  url: string;
  /** The server's process, whose CPU is measured. */
  pid: number;
}

export interface Measurement {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms per request of the server process, of PostgreSQL's backends and of this (the load generator's) process. */
  cpuServer?: number;
  cpuPg?: number;
  cpuLoad?: number;
  /** Requests sent again after the server closed a keep-alive connection before answering. */
  resent: number;
}

export interface LoadSpec {
  target: Target;
  requests: BenchRequest[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** PostgreSQL processes to measure, listed after the warm-up (when the pools' connections are open). */
  pgPids: () => Promise<number[]>;
}

/** A wrong reply: the run fails with it. */
export class WrongReply extends Error {}

function rawRequest(url: URL, r: BenchRequest): string {
  const body = r.body ?? '';
  const headers = {
    host: url.host,
    ...(r.body ? { 'content-type': 'application/json' } : {}),
    ...r.headers,
    'content-length': String(Buffer.byteLength(body)),
  };
  return `${r.method} ${r.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n${body}`;
}

/** Sends each request once and checks its answer; returns the reply bodies the load must get again byte for byte. */
export async function probe(target: Target, requests: BenchRequest[]): Promise<string[]> {
  const bodies: string[] = [];
  for (const [i, r] of requests.entries()) {
    const res = await fetch(new URL(r.path, target.url), {
      method: r.method,
      headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
      body: r.body,
    });
    const text = await res.text();
    if (res.status !== 200) throw new WrongReply(`request ${i + 1}: HTTP ${res.status}: ${text.slice(0, 400)}`);
    try {
      r.check(JSON.parse(text));
    } catch (e) {
      throw new WrongReply(`request ${i + 1} ${r.body ?? r.path}: ${(e as Error).message}\n  reply: ${text.slice(0, 600)}`);
    }
    bodies.push(text);
  }
  return bodies;
}

/**
 * Closed-loop load from a worker thread: `connections` keep-alive connections, each sending its
 * next request when the previous one answered, cycling through the requests; every reply's status
 * and body are checked against the probe's (one wrong reply fails the run). CPU is read from /proc
 * at the edges of the measured window, after the warm-up.
 */
export async function runLoad(spec: LoadSpec): Promise<Measurement> {
  const url = new URL(spec.target.url);
  const expected = await probe(spec.target, spec.requests);
  const job: WorkerJob = {
    port: Number(url.port),
    requests: spec.requests.map((r, i) => ({ raw: rawRequest(url, r), expected: expected[i]! })),
    connections: spec.connections,
    seconds: spec.seconds,
    warmupSeconds: spec.warmupSeconds,
    serverPids: [spec.target.pid],
  };
  const worker = new Worker(path.join(__dirname, 'load-worker.js'), { workerData: job });
  try {
    const done = await new Promise<Extract<WorkerMessage, { type: 'done' }>>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'warm') spec.pgPids().then((pgPids) => worker.postMessage({ pgPids }), reject);
        else if (m.type === 'failed') reject(new WrongReply(m.message));
        else resolve(m);
      });
    });
    const { latencies, requests, seconds, cpu, resent } = done;
    const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
    const per = (ms: number | undefined) => (ms === undefined || !requests ? undefined : ms / requests);
    return {
      requests,
      seconds,
      perSecond: requests / seconds,
      p50: pick(0.5),
      p99: pick(0.99),
      cpuServer: per(cpu.server),
      cpuPg: per(cpu.pg),
      cpuLoad: per(cpu.load),
      resent,
    };
  } finally {
    await worker.terminate();
  }
}
