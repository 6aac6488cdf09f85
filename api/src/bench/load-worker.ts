import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { type CpuSnapshot, snapshot, spent } from './cpu';

/** What the main thread asks for (see load.ts). */
export interface WorkerJob {
  port: number;
  /** Raw HTTP/1.1 requests and the exact reply body each must get. */
  requests: { raw: string; expected: string }[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Processes whose CPU is measured over the window (besides PostgreSQL's, given after the warm-up). */
  serverPids: number[];
}

export type WorkerMessage =
  | { type: 'warm' }
  | {
      type: 'done';
      requests: number;
      seconds: number;
      latencies: Float64Array;
      cpu: { server?: number; pg?: number; load?: number };
      /** Requests sent again after the server closed a keep-alive connection. */
      resent: number;
    }
  | { type: 'failed'; message: string };

interface Reply {
  status: number;
  body: Buffer;
}

/**
 * One keep-alive HTTP/1.1 connection on a raw socket: a request is one write of prepared bytes,
 * a reply is parsed just enough to find its status and body (Content-Length or chunked), so the
 * load generator costs a fraction of what node:http's client would on the same cores.
 */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  /** Requests sent again on a new connection after the server closed or reset one (see send). */
  resent = 0;

  private constructor(
    private readonly port: number,
    private socket: Socket,
  ) {
    this.attach(socket);
  }

  static async open(port: number): Promise<Connection> {
    return new Connection(port, await openSocket(port));
  }

  /**
   * Sends a request and reads its reply. A keep-alive connection the server closes (or resets)
   * before it answers gets the request again on a new connection, once, as HTTP clients do for
   * idempotent requests; a second failure fails the run.
   */
  async send(raw: Buffer): Promise<Reply> {
    try {
      return await this.exchange(raw);
    } catch {
      this.resent++;
      this.socket.destroy();
      this.socket = await openSocket(this.port);
      this.attach(this.socket);
      return this.exchange(raw);
    }
  }

  close() {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private attach(socket: Socket) {
    this.buffer = Buffer.alloc(0);
    socket.setNoDelay(true);
    // A replaced socket's late events are not this connection's any more.
    const current = () => socket === this.socket;
    socket.on('data', (chunk: Buffer) => {
      if (!current()) return;
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    socket.on('error', (e) => current() && this.fail(e));
    socket.on('close', () => current() && this.fail(new Error('the server closed the connection')));
  }

  private exchange(raw: Buffer): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(raw);
    });
  }

  private fail(e: Error) {
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }

  private parse() {
    const b = this.buffer;
    const headEnd = b.indexOf('\r\n\r\n');
    if (headEnd < 0 || !this.waiting) return;
    const head = b.toString('latin1', 0, headEnd).toLowerCase();
    const status = Number(head.slice(9, 12));
    const start = headEnd + 4;
    const length = /\r\ncontent-length: *(\d+)/.exec(head);
    let body: Buffer;
    let end: number;
    if (length) {
      end = start + Number(length[1]);
      if (b.length < end) return;
      body = b.subarray(start, end);
    } else if (head.includes('\r\ntransfer-encoding: chunked')) {
      const parts: Buffer[] = [];
      let at = start;
      for (;;) {
        const lineEnd = b.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(b.toString('latin1', at, lineEnd), 16);
        if (size === 0) {
          if (b.length < lineEnd + 4) return;
          end = lineEnd + 4;
          break;
        }
        if (b.length < lineEnd + 2 + size + 2) return;
        parts.push(b.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      return this.fail(new Error(`a reply with neither Content-Length nor chunked body: ${head.slice(0, 300)}`));
    }
    this.buffer = b.subarray(end);
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ status, body });
  }
}

const openSocket = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });

async function run(job: WorkerJob): Promise<WorkerMessage> {
  const requests = job.requests.map((r) => ({ raw: Buffer.from(r.raw), expected: Buffer.from(r.expected) }));
  const connections = await Promise.all(Array.from({ length: job.connections }, () => Connection.open(job.port)));
  let next = 0;
  let failure: string | undefined;
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let recording = false;
  const loop = async (c: Connection, until: () => boolean) => {
    while (!failure && until()) {
      const i = next++ % requests.length;
      const r = requests[i]!;
      const started = performance.now();
      const reply = await c.send(r.raw);
      const ms = performance.now() - started;
      if (reply.status !== 200 || !reply.body.equals(r.expected)) {
        failure ??= `wrong reply to request ${i + 1} of ${requests.length}: HTTP ${reply.status}\n${difference(reply.body.toString(), r.expected.toString())}`;
        return;
      }
      if (recording) {
        if (count === latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[count++] = ms;
      }
    }
  };
  const during = async (seconds: number) => {
    const end = performance.now() + seconds * 1000;
    await Promise.all(connections.map((c) => loop(c, () => performance.now() < end)));
  };
  try {
    await during(job.warmupSeconds);
    if (failure) return { type: 'failed', message: failure };
    parentPort!.postMessage({ type: 'warm' } satisfies WorkerMessage);
    const pgPids = await new Promise<number[]>((resolve) => parentPort!.once('message', (m: { pgPids: number[] }) => resolve(m.pgPids)));
    const before: CpuSnapshot[] = [snapshot(job.serverPids), snapshot(pgPids), snapshot([process.pid])];
    const started = performance.now();
    recording = true;
    await during(job.seconds);
    const seconds = (performance.now() - started) / 1000;
    const after = [snapshot(job.serverPids), snapshot(pgPids), snapshot([process.pid])];
    if (failure) return { type: 'failed', message: failure };
    const [server, pg, load] = before.map((b, i) => spent(b, after[i]!));
    const resent = connections.reduce((sum, c) => sum + c.resent, 0);
    return { type: 'done', requests: count, seconds, latencies: latencies.slice(0, count).sort(), cpu: { server, pg, load }, resent };
  } finally {
    for (const c of connections) c.close();
  }
}

run(workerData as WorkerJob).then(
  (m) => parentPort!.postMessage(m),
  (e: Error) => parentPort!.postMessage({ type: 'failed', message: e.stack ?? String(e) } satisfies WorkerMessage),
);

/** Where two replies part, with a little of what comes before: long replies differ deep inside. */
function difference(got: string, expected: string): string {
  let at = 0;
  while (at < got.length && got[at] === expected[at]) at++;
  const from = Math.max(0, at - 120);
  const excerpt = (text: string) => `${from ? '…' : ''}${text.slice(from, at + 200)}`;
  return `  first difference at character ${at}\n  got      ${excerpt(got)}\n  expected ${excerpt(expected)}`;
}
