import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { inBackground } from '../../common/background';
import { unscoped } from '../../common/row-scope';
import type { Logger } from '../../logger';
import { EVENT_COLUMNS, asEvent, type EventRow, type OutboxEvent } from './event';
import { RedisWakeup } from './redis-wakeup';

/** The payload-free wake-up channel: "new events are assigned, read from your cursor". */
export const EVENTS_CHANNEL = 'switchboard_events';
/** Serialises assignment across the relays of every process (one key for the product). */
const ASSIGN_LOCK_KEY = 7_261_003;
/** Rows assigned, and rows read, per statement. */
const BATCH = 500;

export interface RelayOptions {
  /** The database's URL, for the LISTEN connection (a pooled one cannot hold a LISTEN). */
  url: string;
  /** A safety net for a lost wake-up (a process killed between commit and wake-up, a LISTEN connection down). */
  pollMs: number;
  /** How long events stay for resuming clients (SPEC: at least 24 hours). */
  retentionHours: number;
  pruneMs: number;
  /** Wake the relays through Redis pub/sub instead of LISTEN/NOTIFY (REDIS_URL). */
  redisUrl?: string;
  logger: Logger;
}

/**
 * Publishes committed outbox rows, in each API process (issue 12):
 * 1. after a local commit (or a poll), it assigns sequence numbers to the rows committed without
 *    one, in one statement under one advisory lock that NOTIFYs once per batch as it commits
 *    (outside every writer's transaction), and hands its own batch on;
 * 2. on that NOTIFY (from any process) it reads the rows past its cursor and hands them on.
 * With REDIS_URL, the wake-up is a Redis pub/sub message instead (redis-wakeup.ts).
 * Writers never wait on it, and NOTIFY carries no data. A relay that was down (database restart,
 * lost LISTEN connection) catches up from its cursor: nothing is skipped.
 */
export class EventRelay {
  private cursor = 0;
  private listener?: Client;
  private redis?: RedisWakeup;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pump?: Promise<void>;
  private wantAssign = false;
  private wantRead = false;
  private stopped = false;
  /** The LISTEN connection's application_name, so an operator (or a test) can tell it apart. */
  readonly listenerName = `switchboard-events-${process.pid}-${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly em: EntityManager,
    private readonly o: RelayOptions,
    private readonly deliver: (events: OutboxEvent[]) => void,
  ) {}

  private db(): EntityManager {
    return unscoped(this.em.fork(), 'the event relay assigns and reads every tenant’s committed events');
  }

  async start(): Promise<void> {
    const [row] = await this.db().execute<{ pos: string }[]>('select coalesce(max(pos), 0) as pos from event_outbox');
    this.cursor = Number(row!.pos);
    if (this.o.redisUrl) {
      this.redis = new RedisWakeup(this.o.redisUrl, EVENTS_CHANNEL, this.listenerName, {
        onWake: () => this.wake(),
        onReady: () => this.kick(),
        logger: this.o.logger,
      });
      await this.redis.start();
    } else {
      await this.listen();
    }
    this.every(this.o.pollMs, () => this.kick());
    this.every(this.o.pruneMs, () =>
      inBackground('event pruning', () => void this.prune().catch((e: unknown) => this.o.logger.warn({ err: e }, 'event pruning failed'))),
    );
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.redis?.stop();
    await this.pump;
  }

  /** A commit happened here (or the poll ticked): assign what is pending, then read. Coalesced. */
  kick(): void {
    this.wantAssign = true;
    this.wantRead = true;
    this.run();
  }

  /** Another relay assigned events: read. */
  wake(): void {
    this.wantRead = true;
    this.run();
  }

  private run(): void {
    if (this.stopped || this.pump) return;
    // Started by a request's commit too: its statements are the relay's, not the request's.
    this.pump = inBackground('event relay', async () => {
      try {
        while (!this.stopped && (this.wantAssign || this.wantRead)) {
          if (this.wantAssign) {
            this.wantAssign = false;
            while ((await this.assign()) === BATCH && !this.stopped);
          }
          if (this.wantRead) {
            this.wantRead = false;
            await this.read();
          }
        }
      } catch (e) {
        // The database is away: the poll (and the LISTEN reconnection) try again; the cursor stays.
        this.o.logger.warn({ err: e }, 'event relay failed; retrying');
      } finally {
        this.pump = undefined;
      }
    });
  }

  /**
   * Numbers the committed rows that have none, in id order, in one statement (the function of
   * Migration20261204014500), and returns how many. This relay hands its own batch on at once
   * when nothing is assigned between its cursor and the batch; the other relays read it on the
   * wake-up the statement sends at its commit.
   */
  private async assign(): Promise<number> {
    const db = this.db();
    const rows = await db.execute<EventRow[]>(`select ${EVENT_COLUMNS} from switchboard_assign_events(?, ?, ?)`, [
      ASSIGN_LOCK_KEY,
      BATCH,
      this.redis ? null : EVENTS_CHANNEL,
    ]);
    if (!rows.length) return 0;
    if (this.redis) await this.redis.signal();
    const events = rows.map(asEvent);
    if (events[0]!.pos === this.cursor + 1) this.handOn(events);
    else this.wantRead = true;
    return rows.length;
  }

  /** Events from just past the cursor, in order. */
  private handOn(events: OutboxEvent[]): void {
    this.cursor = events.at(-1)!.pos;
    this.deliver(events);
  }

  private async read(): Promise<void> {
    const db = this.db();
    for (;;) {
      const rows = await db.execute<EventRow[]>(`select ${EVENT_COLUMNS} from event_outbox where pos > ? order by pos limit ?`, [this.cursor, BATCH]);
      if (!rows.length) return;
      this.handOn(rows.map(asEvent));
      if (rows.length < BATCH) return;
    }
  }

  /** Drops events older than the retention window; resuming from before them asks the client to reload. */
  async prune(): Promise<void> {
    await this.db().execute(
      `with gone as (
         delete from event_outbox where pos is not null and assigned_at < now() - make_interval(hours => ?) returning tenant_id, seq
       ), last as (select tenant_id, max(seq) as seq from gone group by tenant_id)
       update event_sequence s set pruned_through = greatest(s.pruned_through, last.seq) from last where s.tenant_id = last.tenant_id`,
      [this.o.retentionHours],
    );
  }

  /** Opens the LISTEN connection; a failure is retried in the background (the poll covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.o.url, application_name: this.listenerName });
    client.on('notification', () => this.wake());
    client.on('error', (e) => this.listenFailed(client, e));
    client.once('end', () => this.listenFailed(client, new Error('LISTEN connection ended')));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}`);
    } catch (e) {
      this.listenFailed(client, e);
      return;
    }
    // Whatever was assigned while this connection was away.
    this.kick();
  }

  private listenFailed(client: Client, e: unknown): void {
    if (this.listener !== client || this.stopped) return;
    this.listener = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    this.o.logger.warn({ err: e }, 'event LISTEN connection lost; reconnecting');
    this.after(1000, () => void this.listen());
  }

  private every(ms: number, work: () => void): void {
    const t = setInterval(work, ms);
    t.unref();
    this.timers.add(t);
  }

  private after(ms: number, work: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      work();
    }, ms);
    t.unref();
    this.timers.add(t);
  }
}
