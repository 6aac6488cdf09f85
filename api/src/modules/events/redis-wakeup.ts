import { Redis } from 'ioredis';
import type { Logger } from '../../logger';

/**
 * The relays' payload-free wake-up over Redis pub/sub (REDIS_URL), instead of PostgreSQL
 * LISTEN/NOTIFY: one subscriber connection per process and one to publish. ioredis reconnects
 * and re-subscribes by itself; each time the subscriber is ready again the relay catches up
 * from its cursor, and the relay's poll covers a wake-up lost meanwhile. Nothing but the
 * wake-up goes through Redis: the events stay in the outbox.
 */
export class RedisWakeup {
  private readonly sub: Redis;
  private readonly pub: Redis;
  private down = false;

  constructor(
    url: string,
    private readonly channel: string,
    readonly connectionName: string,
    o: { onWake: () => void; onReady: () => void; logger: Logger },
  ) {
    const common = { lazyConnect: true, connectionName, maxRetriesPerRequest: null } as const;
    this.sub = new Redis(url, common);
    // A wake-up that cannot be sent now is not queued: the poll delivers what it would have.
    this.pub = new Redis(url, { ...common, enableOfflineQueue: false });
    this.sub.on('message', () => o.onWake());
    this.sub.on('ready', () => {
      if (this.down) o.logger.info('event wake-up: Redis is back');
      this.down = false;
      o.onReady();
    });
    // Logged once per outage, not once per reconnection attempt.
    const failed = (e: Error) => {
      if (!this.down) o.logger.warn({ err: e }, 'event wake-up: Redis unreachable; reconnecting (the poll delivers meanwhile)');
      this.down = true;
    };
    this.sub.on('error', failed);
    this.pub.on('error', failed);
  }

  async start(): Promise<void> {
    await Promise.all([this.sub.connect(), this.pub.connect()]).catch(() => undefined);
    await this.sub.subscribe(this.channel).catch(() => undefined);
  }

  /** Wakes every relay (this one included). */
  async signal(): Promise<void> {
    await this.pub.publish(this.channel, '').catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.sub.removeAllListeners('message');
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
