import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode } from '../../server/errors';

export interface LoginPolicy {
  /** Consecutive failures (per account and client address) that lock the pair. */
  maxFailures: number;
  /** How long the pair stays locked. */
  lockSeconds: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailures: 10, lockSeconds: 15 * 60 };

/**
 * Failed sign-ins counted per (account, client address) in PostgreSQL: every attempt counts,
 * also several aliased in one request (mutations run one at a time), and all replicas share
 * the count. The statements run outside the login's transaction so a failure is never rolled back.
 */
export class LoginThrottle {
  constructor(private readonly policy: LoginPolicy) {}

  async assertOpen(em: EntityManager, subject: string, address: string): Promise<void> {
    const [row] = await em
      .getConnection()
      .execute<{ seconds: number }[]>(
        `select ceil(extract(epoch from locked_until - now()))::int as seconds from login_throttle where subject = ? and address = ? and locked_until > now()`,
        [subject.toLowerCase(), address],
      );
    if (row) {
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed sign-ins; try again in ${Math.ceil(row.seconds / 60)} minute(s)`, {
        retryAfterSeconds: row.seconds,
      });
    }
  }

  async recordFailure(em: EntityManager, subject: string, address: string): Promise<void> {
    await em.getConnection().execute(
      `insert into login_throttle as t (subject, address, failures, locked_until, updated_at)
       values (?, ?, 1, null, now())
       on conflict (subject, address) do update set
         failures = case when t.locked_until <= now() then 1 else t.failures + 1 end,
         locked_until = case
           when t.locked_until <= now() then null
           when t.failures + 1 >= ? then now() + make_interval(secs => ?)
           else t.locked_until end,
         updated_at = now()`,
      [subject.toLowerCase(), address, this.policy.maxFailures, this.policy.lockSeconds],
    );
  }

  async recordSuccess(em: EntityManager, subject: string, address: string): Promise<void> {
    await em.getConnection().execute('delete from login_throttle where subject = ? and address = ?', [subject.toLowerCase(), address]);
  }
}
