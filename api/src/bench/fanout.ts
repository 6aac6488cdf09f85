import { performance } from 'node:perf_hooks';

/** A way to subscribe and to write: the API (graphql-ws, mutations) or the bare broadcast. */
export interface FanoutTarget {
  /** Opens subscriber `index` of `group`; `deliver` gets the id of every record it is told of. Resolves once connected. */
  connect(index: number, group: number, deliver: (id: string) => void): Promise<void>;
  /** Creates one record in `group`; resolves with its id once the write's reply is in (after its commit). */
  write(group: number): Promise<string>;
  /** Closes every subscriber. */
  close(): Promise<void>;
  /** When each record's transaction committed (performance.now() time), where the database records it. */
  commitTimes?(ids: string[]): Promise<Map<string, number> | undefined>;
}

export interface FanoutRound {
  writesPerSecond: number;
  deliveries: number;
  /** Write sent -> event at the subscriber (includes the write itself), sorted. */
  fromSent: number[];
  /** Write's reply received (its commit known to the writer) -> event at the subscriber, sorted; negative when the event came first. */
  fromReply: number[];
  /** The write's commit (as the database recorded it) -> event at the subscriber, sorted; undefined when it is not recorded. */
  fromCommit?: number[];
}

interface Pending {
  group: number;
  sent: number;
  replied: number;
  /** Subscribers not told of it yet. */
  missing: Set<number>;
  arrivals: number[];
}

export const percentile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** How long a probe may take to reach subscribers whose subscription is still being registered. */
const PROBE_MS = 2000;

/**
 * Subscribers in groups (the bench's OUs) and closed-loop writers into random groups. Every
 * delivery is checked: it names a record written here, into the subscriber's own group, once; a
 * round ends when every subscriber of each write's group has been told of it, and fails when one
 * is still missing `settleMs` after the last write.
 */
export class Fanout {
  private readonly members: number[][];
  private readonly writes = new Map<string, Pending>();
  private outstanding = 0;
  /** Checks run on every delivery (until()). */
  private readonly waiters = new Set<() => void>();
  readonly errors: string[] = [];

  constructor(
    private readonly target: FanoutTarget,
    readonly subscribers: number,
    readonly groups: number,
  ) {
    this.members = Array.from({ length: groups }, () => []);
    for (let i = 0; i < subscribers; i++) this.members[i % groups]!.push(i);
  }

  /**
   * Connects every subscriber, then writes probes into each group until every subscriber has
   * been told of one: a subscription is registered after its connection is acknowledged.
   */
  async connect(): Promise<void> {
    await Promise.all(Array.from({ length: this.subscribers }, (_, i) => this.target.connect(i, i % this.groups, (id) => this.delivered(i, id))));
    const unheard = new Set(Array.from({ length: this.subscribers }, (_, i) => i));
    for (let attempt = 0; unheard.size; attempt++) {
      if (attempt === 10) throw new Error(`${unheard.size} subscribers heard no probe`);
      const groups = [...new Set([...unheard].map((i) => i % this.groups))];
      await Promise.all(
        groups.map(async (g) => {
          const probe = await this.writeOne(g);
          await this.until(() => probe.missing.size === 0, PROBE_MS);
          for (const i of this.members[g]!) if (!probe.missing.has(i)) unheard.delete(i);
        }),
      );
      this.forget();
    }
  }

  close(): Promise<void> {
    return this.target.close();
  }

  /** Writes while nobody subscribes (the writers' own rate); an event of them that comes late is not counted. */
  async unobserved(writers: number, seconds: number): Promise<number> {
    return this.closedLoop(writers, seconds, async (g) => void this.gone.add(await this.target.write(g)));
  }

  private async closedLoop(writers: number, seconds: number, write: (group: number) => Promise<unknown>): Promise<number> {
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    let n = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (performance.now() < end) {
          await write(Math.floor(Math.random() * this.groups));
          n++;
        }
      }),
    );
    return n / ((performance.now() - started) / 1000);
  }

  /** `writers` closed-loop writers into random groups for `seconds`, then every delivery awaited. */
  async round(writers: number, seconds: number, settleMs = 30_000): Promise<FanoutRound> {
    const writesPerSecond = await this.closedLoop(writers, seconds, (g) => this.writeOne(g));
    if (!(await this.until(() => this.outstanding === 0, settleMs)))
      this.errors.push(`${this.outstanding} deliveries missing ${settleMs} ms after the last write`);
    const commits = await this.target.commitTimes?.([...this.writes.keys()]);
    const fromSent: number[] = [];
    const fromReply: number[] = [];
    const fromCommit: number[] = [];
    for (const [id, w] of this.writes)
      for (const at of w.arrivals) {
        fromSent.push(at - w.sent);
        fromReply.push(at - w.replied);
        const committed = commits?.get(id);
        if (committed !== undefined) fromCommit.push(at - committed);
      }
    this.forget();
    if (commits && fromCommit.length !== fromSent.length) this.errors.push(`${fromSent.length - fromCommit.length} writes have no commit time`);
    if (this.errors.length) throw new Error(`live events: ${this.errors.slice(0, 5).join('; ')}`);
    const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
    return {
      writesPerSecond,
      deliveries: fromSent.length,
      fromSent: sorted(fromSent),
      fromReply: sorted(fromReply),
      fromCommit: commits ? sorted(fromCommit) : undefined,
    };
  }

  private async writeOne(group: number): Promise<Pending> {
    const sent = performance.now();
    const id = await this.target.write(group);
    const replied = performance.now();
    // Deliveries that came before the reply were held under the id (see delivered()).
    const early = this.early.get(id) ?? [];
    this.early.delete(id);
    const w: Pending = { group, sent, replied, missing: new Set(this.members[group]), arrivals: [] };
    this.writes.set(id, w);
    this.outstanding += w.missing.size;
    for (const [subscriber, at] of early) this.accept(subscriber, id, w, at);
    return w;
  }

  /** Events that arrived before their write's reply: the write is not known yet. */
  private readonly early = new Map<string, [number, number][]>();

  private delivered(subscriber: number, id: string): void {
    const at = performance.now();
    if (this.gone.has(id)) return;
    const w = this.writes.get(id);
    if (w) {
      this.accept(subscriber, id, w, at);
      return;
    }
    const held = this.early.get(id) ?? [];
    held.push([subscriber, at]);
    this.early.set(id, held);
  }

  private accept(subscriber: number, id: string, w: Pending, at: number): void {
    if (w.group !== subscriber % this.groups)
      return void this.errors.push(`subscriber ${subscriber} (group ${subscriber % this.groups}) was told of a write into group ${w.group}`);
    if (!w.missing.delete(subscriber)) return void this.errors.push(`subscriber ${subscriber} was told of ${id} twice`);
    w.arrivals.push(at);
    this.outstanding--;
    for (const check of this.waiters) check();
  }

  /** Resolves true once `done()` holds (checked on every delivery), false after `ms`. */
  private until(done: () => boolean, ms: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      const check = () => done() && finish(true);
      const timer = setTimeout(() => finish(false), ms);
      this.waiters.add(check);
    });
  }

  /** Ends a phase: what was written is no longer expected, and an event of it after this is an error. */
  private forget(): void {
    for (const [id, w] of this.writes) if (w.missing.size) this.gone.add(id);
    this.writes.clear();
    this.outstanding = 0;
    for (const id of this.early.keys()) if (!this.gone.has(id)) this.errors.push(`a subscriber was told of ${id}, which nobody wrote`);
    this.early.clear();
  }

  private readonly gone = new Set<string>();
}
