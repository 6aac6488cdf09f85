import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../authz/principal';
import { badInput } from '../../base/errors';
import { unscoped } from '../../common/row-scope';
import { EVENT_COLUMNS, asEvent, mayRead, Verdicts, type EventRow, type OutboxEvent } from './event';
import { EventStream } from './stream';

/** Most events a resuming client is replayed; more missed than this asks it to reload. */
export const MAX_REPLAY = 10_000;

/** Whose events a subscription receives: the live principal of its connection. */
export interface Subscriber {
  readonly tenantId: string;
  /** The principal as of now (re-read by the session when its scope may have changed); none once revoked. */
  readonly principal: () => Principal | undefined;
}

interface Subscription {
  subscriber: Subscriber;
  /** The payload the subscription sends for an event it may read, or undefined when it does not want it. */
  select: (e: OutboxEvent) => unknown;
  stream: EventStream<unknown>;
  /** The tenant's sequence number delivered last: nothing at or below it is delivered again. */
  lastSeq: number;
  /** Live events held while a resuming subscription replays what it missed. */
  held: OutboxEvent[] | null;
}

export type Listener = (events: readonly OutboxEvent[]) => void;

/** Who may read an event, decided once per scope. */
const readers = (e: OutboxEvent) => new Verdicts((principal) => mayRead(principal, e));

/**
 * This process's subscriptions, by tenant, and the delivery of the relay's events to them.
 * Each event is checked against the subscriber's scope at delivery time, once per distinct scope
 * (subscribers with the same rules share one verdict), never with a database read.
 */
export class EventHub {
  private readonly byTenant = new Map<string, Set<Subscription>>();
  private readonly latest = new Map<string, number>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly em: EntityManager) {}

  /** Other consumers of the event flow (queue statistics). */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tenant's latest sequence number this process knows of (for heartbeats). */
  latestSeq(tenantId: string): number {
    return this.latest.get(tenantId) ?? 0;
  }

  /** Learns a tenant's latest sequence number from the database (a new connection's tenant). */
  async learn(tenantId: string): Promise<void> {
    if (this.latest.has(tenantId)) return;
    const [row] = await this.db().execute<{ last_seq: string }[]>('select last_seq from event_sequence where tenant_id = ?', [tenantId]);
    this.noteSeq(tenantId, Number(row?.last_seq ?? 0));
  }

  private noteSeq(tenantId: string, seq: number): void {
    if (seq > (this.latest.get(tenantId) ?? 0)) this.latest.set(tenantId, seq);
  }

  /** How many subscriptions are open (the storm test's baseline). */
  get size(): number {
    let n = 0;
    for (const set of this.byTenant.values()) n += set.size;
    return n;
  }

  /** Whether any subscription of the tenant is open. */
  has(tenantId: string): boolean {
    return (this.byTenant.get(tenantId)?.size ?? 0) > 0;
  }

  /**
   * Opens a subscription. With `after`, the events of the tenant after that sequence number are
   * replayed first (from the outbox), then live ones follow: none missed, none twice.
   */
  async subscribe(subscriber: Subscriber, select: (e: OutboxEvent) => unknown, after?: number | null): Promise<AsyncIterableIterator<unknown>> {
    const sub: Subscription = {
      subscriber,
      select,
      lastSeq: after ?? 0,
      held: after == null ? null : [],
      stream: new EventStream<unknown>(() => this.remove(sub)),
    };
    const set = this.byTenant.get(subscriber.tenantId) ?? new Set();
    set.add(sub);
    this.byTenant.set(subscriber.tenantId, set);
    if (after == null) return sub.stream;
    try {
      const missed = await this.missed(subscriber.tenantId, after);
      for (const e of missed) this.offer(sub, e, readers(e));
      const held = sub.held!;
      sub.held = null;
      for (const e of held) this.offer(sub, e, readers(e));
    } catch (e) {
      sub.stream.end();
      throw e;
    }
    return sub.stream;
  }

  /** The relay's events, in order: every open subscription of their tenant gets those it may read and wants. */
  dispatch(events: readonly OutboxEvent[]): void {
    for (const e of events) {
      this.noteSeq(e.tenantId, e.seq);
      const subs = this.byTenant.get(e.tenantId);
      if (!subs) continue;
      const verdicts = readers(e);
      for (const sub of subs) {
        if (sub.held) sub.held.push(e);
        else this.offer(sub, e, verdicts);
      }
    }
    for (const listener of this.listeners) listener(events);
  }

  private offer(sub: Subscription, e: OutboxEvent, verdicts: Verdicts): void {
    if (e.seq <= sub.lastSeq) return;
    sub.lastSeq = e.seq;
    const principal = sub.subscriber.principal();
    if (!principal || !verdicts.of(principal)) return;
    const payload = sub.select(e);
    if (payload !== undefined) sub.stream.push(payload);
  }

  private remove(sub: Subscription): void {
    const set = this.byTenant.get(sub.subscriber.tenantId);
    set?.delete(sub);
    if (set && !set.size) this.byTenant.delete(sub.subscriber.tenantId);
  }

  /** Ends every subscription (shutdown). */
  closeAll(): void {
    for (const set of [...this.byTenant.values()]) for (const sub of [...set]) sub.stream.end();
  }

  private db(): EntityManager {
    return unscoped(this.em.fork(), 'a resuming subscription reads its tenant’s missed events, then checks each against its scope');
  }

  /** The tenant's events after `after`, in order; too old (pruned) or too many asks the client to reload. */
  private async missed(tenantId: string, after: number): Promise<OutboxEvent[]> {
    const db = this.db();
    const [known] = await db.execute<{ last_seq: string; pruned_through: string }[]>(
      'select last_seq, pruned_through from event_sequence where tenant_id = ?',
      [tenantId],
    );
    const last = Number(known?.last_seq ?? 0);
    const reload = (why: string) => badInput({ after: why }, undefined, { reason: 'RELOAD_REQUIRED' });
    if (after > last) throw badInput({ after: `No event has sequence number ${after} yet (the latest is ${last})` });
    if (after < Number(known?.pruned_through ?? 0)) throw reload('The events after this sequence number are no longer kept; reload and subscribe afresh');
    if (last - after > MAX_REPLAY) throw reload(`More than ${MAX_REPLAY} events were missed; reload and subscribe afresh`);
    const rows = await db.execute<EventRow[]>(`select ${EVENT_COLUMNS} from event_outbox where tenant_id = ? and seq > ? and seq <= ? order by seq`, [
      tenantId,
      after,
      last,
    ]);
    return rows.map(asEvent);
  }
}
