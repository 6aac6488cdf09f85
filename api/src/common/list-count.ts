import type { Knex } from '@mikro-orm/knex';
import { LRUCache } from 'lru-cache';
import type { Context } from '../base/context';
import { requestHotQuery } from './hot-query';
import { EXACT_COUNT_LIMIT } from './list';

/**
 * Estimates at least this many times the exact limit are kept for ESTIMATE_TTL_MS: the console
 * asks a list's count with every page it shows, and a million rows estimated again each time
 * cost the two statements below (counting the limit's rows, then planning), for an answer shown
 * as "about" anyway. Only far above the limit: a list near it must turn exact as soon as it drops under.
 */
const KEEP_ESTIMATES_ABOVE = 2 * EXACT_COUNT_LIMIT;
export const ESTIMATE_TTL_MS = 10_000;
const estimates = new LRUCache<string, number>({ max: 10_000, ttl: ESTIMATE_TTL_MS });

/**
 * How many rows `matching` (a query already in the caller's scope) returns: counted exactly up
 * to EXACT_COUNT_LIMIT, above it PostgreSQL's estimate of the same query (counting a million rows
 * cost 40 ms a request; a list's total above the limit is shown as "about"), never less than the
 * limit + 1 then. A large estimate is reused for the same statement with the same values: the
 * same filter in the same scope. `matching` is a knex builder, a thenable that awaiting would
 * run: it is only passed on, never awaited or returned.
 */
export async function countMatching(ctx: Context, knex: Knex, matching: Knex.QueryBuilder): Promise<number> {
  const exact = knex
    .count('* as n')
    .from(
      matching
        .clone()
        .limit(EXACT_COUNT_LIMIT + 1)
        .as('t'),
    )
    .toSQL();
  const key = `${exact.sql}\u0000${JSON.stringify(exact.bindings)}`;
  const kept = estimates.get(key);
  if (kept !== undefined) {
    await confirmPrincipal(ctx);
    return kept;
  }
  const [{ n }] = (await requestHotQuery<{ n: string }>(ctx, exact.sql, exact.bindings, { prepare: false })) as [{ n: string }];
  if (Number(n) <= EXACT_COUNT_LIMIT) return Number(n);
  const [plan] = await ctx.em.getConnection().execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(knex.raw('explain (format json) ?', [matching]));
  const estimate = Math.max(EXACT_COUNT_LIMIT + 1, Math.round(plan!['QUERY PLAN'][0].Plan['Plan Rows']));
  if (estimate >= KEEP_ESTIMATES_ABOVE) estimates.set(key, estimate);
  return estimate;
}

/** A reply read from no statement still waits for the request's principal check: in a statement of its own, while pending. */
async function confirmPrincipal(ctx: Context): Promise<void> {
  const check = ctx.principalCheck;
  if (check && !check.verifiedFor(ctx)) await requestHotQuery(ctx, 'select 1 as confirmed', []);
}
