import { availableParallelism } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import pLimit, { type LimitFunction } from 'p-limit';
import { AppError, ErrorCode } from '../../base/errors';

export interface LoginPolicy {
  /** Failures of one account from one client address (within the window) that lock that pair. */
  maxFailures: number;
  /** Failures of one account from all addresses together that lock the account everywhere. */
  maxAccountFailures?: number;
  /** Failures from one address for all accounts together (made-up ones too) that lock the address. */
  maxAddressFailures?: number;
  /** How long a scope stays locked once its limit is reached. */
  lockSeconds: number;
  /** Failures older than this no longer count. */
  windowSeconds?: number;
  /** Password hash checks running at once: argon2id takes a core and 19 MiB each. */
  maxConcurrentChecks?: number;
  /** Checks admitted to wait for a free slot; beyond that a sign-in is refused at once. */
  maxQueuedChecks?: number;
}

export const DEFAULT_LOGIN_POLICY: Required<LoginPolicy> = {
  maxFailures: 10,
  maxAccountFailures: 50,
  maxAddressFailures: 100,
  lockSeconds: 15 * 60,
  windowSeconds: 15 * 60,
  // Half the cores at most, so a flood of sign-ins leaves the rest to every other request.
  maxConcurrentChecks: Math.max(1, Math.floor(availableParallelism() / 2)),
  maxQueuedChecks: 32,
};

type Scope = 'pair' | 'account' | 'address';

/** A row one attempt counts on; '' stands for "every account" or "every address". */
interface Counter {
  scope: Scope;
  subject: string;
  address: string;
  max: number;
}

/** The counter's window or lock is over: the next failure starts counting afresh. */
const SPENT = `(t.locked_until <= now() or (t.locked_until is null and t.window_started_at <= now() - make_interval(secs => :window)))`;

/**
 * Counts one attempt on one counter and returns the count; a count above the limit means the
 * scope was already locked. Concurrent attempts on a counter queue on its row lock, so no more
 * attempts than the limit ever get a count at or below it.
 */
const RESERVE = `
  insert into login_throttle as t (scope, subject, address, failures, window_started_at, locked_until)
  values (:scope, :subject, :address, 1, now(), case when :max <= 1 then now() + make_interval(secs => :lock) end)
  on conflict (scope, subject, address) do update set
    failures = case when ${SPENT} then 1 else t.failures + 1 end,
    window_started_at = case when ${SPENT} then now() else t.window_started_at end,
    locked_until = case
      when t.locked_until > now() then t.locked_until
      when (case when ${SPENT} then 1 else t.failures + 1 end) >= :max then now() + make_interval(secs => :lock)
    end
  returning failures, ceil(extract(epoch from locked_until - now()))::int as seconds`;

/** Takes one attempt back from a counter, and its lock if the count falls below the limit again. */
const GIVE_BACK = `
  update login_throttle set
    failures = greatest(failures - 1, 0),
    locked_until = case when failures - 1 < :max then null else locked_until end
  where scope = :scope and subject = :subject and address = :address`;

const FORGET = `delete from login_throttle where scope = :scope and subject = :subject and address = :address`;

const PRUNE = `delete from login_throttle t where ${SPENT}`;
/** Spent counters are equivalent to absent ones; made-up accounts would otherwise pile up. */
const PRUNE_EVERY = 1000;

/**
 * Failed sign-ins (and current-password checks) counted in PostgreSQL, on three scopes at once:
 * per account and client address, per account across addresses, per address across accounts.
 * Every attempt is reserved on all three before its password is checked, in a transaction of
 * its own (so a request's rollback never undoes a count, and a refused attempt counts nowhere);
 * a success forgets the account's failures and gives its reservation at the address back.
 * All replicas share the counts. Checks also run in a bounded pool, so a flood cannot take
 * every core: over the bound a sign-in is refused with RATE_LIMITED rather than queued.
 */
export class LoginThrottle {
  private readonly policy: Required<LoginPolicy>;
  private readonly checks: LimitFunction;
  /** Attempts between admission and outcome: reserving, waiting for a slot, or checking. */
  private admitted = 0;
  private reservations = 0;

  constructor(policy: LoginPolicy) {
    this.policy = { ...DEFAULT_LOGIN_POLICY, ...policy };
    this.checks = pLimit(this.policy.maxConcurrentChecks);
  }

  /**
   * Runs `check` (a password verification: the subject's value, or null for a failure) for
   * `subject` (`employee:<account>` or `client:<clientId>`) from `address`, unless a scope is
   * locked or too many checks are under way.
   */
  async attempt<T>(em: EntityManager, subject: string, address: string, check: () => Promise<T | null>): Promise<T | null> {
    if (this.admitted >= this.policy.maxConcurrentChecks + this.policy.maxQueuedChecks) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'Too many sign-ins are being checked; try again in a moment', { retryAfterSeconds: 1 });
    }
    this.admitted++;
    try {
      const counters = this.counters(subject, address);
      await this.reserve(em, counters);
      let result: T | null;
      try {
        result = await this.checks(check);
      } catch (e) {
        // Not a wrong guess (the check itself failed): the attempt does not count.
        await this.run(
          em,
          counters.map((c) => [GIVE_BACK, c]),
        );
        throw e;
      }
      if (result !== null) {
        await this.run(
          em,
          counters.map((c) => [c.scope === 'address' ? GIVE_BACK : FORGET, c]),
        );
      }
      return result;
    } finally {
      this.admitted--;
    }
  }

  private counters(subject: string, address: string): Counter[] {
    const account = subject.toLowerCase();
    const p = this.policy;
    // Narrowest first: the order every reservation locks its rows in (so none deadlock), and a
    // locked pair refuses before the wider counters are touched.
    return [
      { scope: 'pair', subject: account, address, max: p.maxFailures },
      { scope: 'account', subject: account, address: '', max: p.maxAccountFailures },
      { scope: 'address', subject: '', address, max: p.maxAddressFailures },
    ];
  }

  private async reserve(em: EntityManager, counters: Counter[]): Promise<void> {
    const knex = em.getConnection().getKnex();
    await knex.transaction(async (trx) => {
      for (const counter of counters) {
        const { rows } = await trx.raw<{ rows: { failures: number; seconds: number }[] }>(RESERVE, this.bindings(counter));
        const { failures, seconds } = rows[0]!;
        // Thrown inside the transaction: a refused attempt counts on no scope and lengthens no lock.
        if (failures > counter.max) {
          throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute(s)`, {
            retryAfterSeconds: seconds,
          });
        }
      }
    });
    if (++this.reservations % PRUNE_EVERY === 0) await knex.raw(PRUNE, { window: this.policy.windowSeconds });
  }

  /** One statement per counter; each stands alone, so they need no transaction. */
  private async run(em: EntityManager, statements: [string, Counter][]): Promise<void> {
    const knex = em.getConnection().getKnex();
    for (const [sql, counter] of statements) await knex.raw(sql, this.bindings(counter));
  }

  private bindings(c: Counter) {
    return { ...c, window: this.policy.windowSeconds, lock: this.policy.lockSeconds };
  }
}
