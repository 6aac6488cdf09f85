import { inBackground } from '../../common/background';
import type { EntityManager } from '@mikro-orm/postgresql';
import { allows } from '../../authz/ability';
import { isUuid } from '../../common/ids';
import { unscoped } from '../../common/row-scope';
import type { Logger } from '../../logger';
import { deviceUsage, effectiveMaxQueued } from '../routing/queue-usage';
import type { MaxQueuedMode } from '../routing/skill-queue.enums';
import { Verdicts, type OutboxEvent } from './event';
import type { EventHub, Subscriber } from './hub';
import { EventStream } from './stream';

/** A queue's live numbers as a subscription sends them. */
export interface QueueStatsValue {
  seq: number;
  queueId: string;
  signedIn: number;
  idle: number;
  busy: number;
  queued: number;
  deviceUsage: number;
}

interface StatsSubscription {
  subscriber: Subscriber;
  queueIds: ReadonlySet<string> | null;
  stream: EventStream<QueueStatsValue>;
}

interface StatsRow {
  id: string;
  ou_id: string | null;
  max_queued_calls: number;
  on_busy_max_queued_mode: MaxQueuedMode | null;
  on_busy_max_queued_value: number | null;
  queued: number;
  signed_in: string;
  idle: string;
  busy: string;
}

/** The events that move a queue's numbers: agent states, load reports, and the queue itself (its capacity). */
function queuesTouched(e: OutboxEvent): string[] {
  if (e.resource === 'SkillQueue') return [e.recordId];
  const ids = e.topics.queueIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * queueStatsChanged (SPEC §7): a queue's signed-in, idle, busy and queued counts and device usage,
 * recomputed (one statement for every queue that moved) and pushed at most once per `intervalMs`
 * per queue, however many changes came meanwhile. Only for tenants with a subscriber here; each
 * subscriber receives the queues it may read (the skill queue page's view operation, the queue's OU).
 */
export class QueueStatsFeed {
  private readonly byTenant = new Map<string, Set<StatsSubscription>>();
  private dirty = new Map<string, Set<string>>();
  private timer?: NodeJS.Timeout;
  private lastFlush = 0;
  private stopped = false;
  private readonly unlisten: () => void;

  constructor(
    private readonly em: EntityManager,
    private readonly hub: EventHub,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.unlisten = hub.listen((events) => this.note(events));
  }

  stop(): void {
    this.stopped = true;
    this.unlisten();
    clearTimeout(this.timer);
    for (const set of [...this.byTenant.values()]) for (const sub of [...set]) sub.stream.end();
  }

  get size(): number {
    let n = 0;
    for (const set of this.byTenant.values()) n += set.size;
    return n;
  }

  /** Opens a subscription; the queues it names are sent once at the start, then on change. */
  subscribe(subscriber: Subscriber, queueIds: readonly string[] | null): AsyncIterableIterator<QueueStatsValue> {
    const sub: StatsSubscription = {
      subscriber,
      queueIds: queueIds ? new Set(queueIds) : null,
      stream: new EventStream<QueueStatsValue>(() => {
        const set = this.byTenant.get(subscriber.tenantId);
        set?.delete(sub);
        if (set && !set.size) this.byTenant.delete(subscriber.tenantId);
      }),
    };
    const set = this.byTenant.get(subscriber.tenantId) ?? new Set();
    set.add(sub);
    this.byTenant.set(subscriber.tenantId, set);
    if (queueIds?.length) this.mark(subscriber.tenantId, queueIds);
    return sub.stream;
  }

  private note(events: readonly OutboxEvent[]): void {
    for (const e of events) if (this.byTenant.has(e.tenantId)) this.mark(e.tenantId, queuesTouched(e));
  }

  private mark(tenantId: string, queueIds: readonly string[]): void {
    if (!queueIds.length || this.stopped) return;
    const set = this.dirty.get(tenantId) ?? new Set();
    for (const id of queueIds) set.add(id);
    this.dirty.set(tenantId, set);
    this.schedule();
  }

  /** One flush per interval at most: each queue is sent at most once per interval. */
  private schedule(): void {
    if (this.timer || this.stopped || !this.dirty.size) return;
    this.timer = setTimeout(() => inBackground('queue statistics', () => void this.flush()), Math.max(0, this.lastFlush + this.intervalMs - Date.now()));
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    this.lastFlush = Date.now();
    const work = this.dirty;
    this.dirty = new Map();
    try {
      for (const [tenantId, ids] of work) if (this.byTenant.has(tenantId)) this.send(tenantId, await this.stats(tenantId, [...ids]));
    } catch (e) {
      this.logger.warn({ err: e }, 'queue statistics failed');
    } finally {
      this.timer = undefined;
      this.schedule();
    }
  }

  private send(tenantId: string, rows: StatsRow[]): void {
    const seq = this.hub.latestSeq(tenantId);
    for (const row of rows) {
      const signedIn = Number(row.signed_in);
      const facts = { signedIn, busy: Number(row.busy), queued: row.queued };
      const max = effectiveMaxQueued(
        { maxQueuedCalls: row.max_queued_calls, maxQueuedMode: row.on_busy_max_queued_mode, maxQueuedValue: row.on_busy_max_queued_value },
        signedIn,
      );
      const value: QueueStatsValue = { seq, queueId: row.id, ...facts, idle: Number(row.idle), deviceUsage: deviceUsage(facts, max) };
      const verdicts = new Verdicts((principal) => allows(principal.ability, 'read', 'SkillQueue', row.ou_id));
      for (const sub of this.byTenant.get(tenantId) ?? []) {
        if (sub.queueIds && !sub.queueIds.has(row.id)) continue;
        const principal = sub.subscriber.principal();
        if (!principal || principal.mustChangePassword) continue;
        if (verdicts.of(principal)) sub.stream.push(value);
      }
    }
  }

  /** Every named queue's numbers in one statement naming the tenant (every agent counts, as in the queue's own fields). */
  private stats(tenantId: string, ids: string[]): Promise<StatsRow[]> {
    const db = unscoped(this.em.fork(), 'queue statistics count every agent of the tenant; each subscriber gets only the queues it may read');
    const count = (states: string) =>
      `(select count(*) from agent_state s where s.tenant_id = q.tenant_id and s.state in (${states}) and q.id = any(s.signed_in_queue_ids))`;
    return db.execute<StatsRow[]>(
      `select q.id, q.ou_id, q.max_queued_calls, q.on_busy_max_queued_mode, q.on_busy_max_queued_value,
              coalesce((select l.queued from queue_load l where l.tenant_id = q.tenant_id and l.queue_id = q.id), 0) as queued,
              ${count(`'IDLE', 'BUSY', 'WRAP_UP'`)} as signed_in, ${count(`'IDLE'`)} as idle, ${count(`'BUSY', 'WRAP_UP'`)} as busy
         from skill_queue q where q.tenant_id = ? and q.id = any(?::uuid[])`,
      [tenantId, `{${ids.filter(isUuid).join(',')}}`],
    );
  }
}
