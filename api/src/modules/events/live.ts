import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger';
import { EventHub } from './hub';
import { QueueStatsFeed } from './queue-stats';
import { EventRelay } from './relay';
import { LiveSessions } from './sessions';

export interface LiveEventOptions {
  /** Safety-net poll of the outbox (lost wake-ups). */
  pollMs: number;
  /** Re-check of every connection's principal: revocations and scope changes take effect within it. */
  revalidateMs: number;
  heartbeatMs: number;
  /** Queue statistics are pushed at most this often per queue. */
  statsIntervalMs: number;
  retentionHours: number;
  pruneMs: number;
  /** Redis for the relays' wake-up (REDIS_URL); default LISTEN/NOTIFY. */
  redisUrl?: string;
}

export const DEFAULT_LIVE_EVENTS: LiveEventOptions = {
  pollMs: 1000,
  revalidateMs: 2000,
  heartbeatMs: 15_000,
  statsIntervalMs: 1000,
  retentionHours: 24,
  pruneMs: 3_600_000,
};

/**
 * Live events of one API process (SPEC §7): the relay from the transactional outbox, the hub
 * delivering to this process's subscriptions, the authenticated sessions, the queue statistics.
 */
export class LiveEvents {
  readonly hub: EventHub;
  readonly relay: EventRelay;
  readonly sessions: LiveSessions;
  readonly stats: QueueStatsFeed;
  private started = false;

  constructor(
    private readonly orm: MikroORM,
    logger: Logger,
    options: Partial<LiveEventOptions> = {},
  ) {
    const o = { ...DEFAULT_LIVE_EVENTS, ...options };
    this.hub = new EventHub(orm.em);
    this.relay = new EventRelay(
      orm.em,
      { url: orm.config.get('clientUrl')!, pollMs: o.pollMs, retentionHours: o.retentionHours, pruneMs: o.pruneMs, redisUrl: o.redisUrl, logger },
      (events) => this.hub.dispatch(events),
    );
    this.sessions = new LiveSessions(orm.em, this.hub, { revalidateMs: o.revalidateMs, heartbeatMs: o.heartbeatMs }, logger);
    this.stats = new QueueStatsFeed(orm.em, this.hub, o.statsIntervalMs, logger);
  }

  async start(): Promise<void> {
    await this.relay.start();
    // Every committed transaction of this process may have written events: the relay numbers
    // them at once (coalesced) instead of waiting for the poll.
    this.orm.em.getEventManager().registerSubscriber({
      afterTransactionCommit: () => {
        if (this.started) this.relay.kick();
      },
    });
    this.sessions.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
    this.sessions.stop();
    this.stats.stop();
    this.hub.closeAll();
    await this.relay.stop();
  }
}
