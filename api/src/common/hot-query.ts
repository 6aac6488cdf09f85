import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../base/context';

/** PostgreSQL's answer when a prepared statement's result columns changed under it (a migration added one). */
const CACHED_PLAN_CHANGED = /cached plan must not change result type/;

/**
 * Runs a statement of a hot path as a named prepared statement with its values bound: PostgreSQL
 * parses and plans its text once per connection instead of on every call (MikroORM's `execute`
 * inlines every value into the text, so each call was a new statement). The statement's shape
 * must come from code, never from values, so the set of names stays small.
 */
const names = new Map<string, string>();
const MAX_NAMES = 1000;

/** A statement's name: derived from its text, so every connection and process names it alike. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sb_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (names.size >= MAX_NAMES) names.delete(names.keys().next().value!);
    names.set(text, name);
  }
  return name;
}

/** `prepare: false` for statements whose text varies with their values (a list of ids, a filter's shape): run unnamed. */
export interface HotQueryOptions {
  prepare?: boolean;
}

export async function hotQuery<T>(em: EntityManager, sql: string, bindings: readonly unknown[], options: HotQueryOptions = {}): Promise<T[]> {
  const knex = em.getConnection().getKnex();
  const trx = em.getTransactionContext<Knex.Transaction>();
  const run = async (named: boolean) => {
    const q = knex.raw(sql, bindings as Knex.RawBinding[]);
    if (named) q.options({ name: statementName(q.toSQL().toNative().sql) });
    const result = (await (trx ? q.transacting(trx) : q)) as { rows: T[] };
    return result.rows;
  };
  if (options.prepare === false) return run(false);
  try {
    return await run(true);
  } catch (e) {
    // A prepared statement outlived a change of its tables' columns: run it afresh, unnamed.
    if (!CACHED_PLAN_CHANGED.test(String((e as Error).message))) throw e;
    return run(false);
  }
}

/**
 * A request's hot statement. While the request's principal is the cached one still to be
 * confirmed, each row carries its head check: one round trip instead of two. A principal gone or
 * changed throws PrincipalChanged (before any row is used), and the root field runs again
 * (server/verified-principal.ts); so does a statement that found no row, which has no check to
 * show. The rows come back without the check's column.
 */
export async function requestHotQuery<T>(ctx: Context, sql: string, bindings: readonly unknown[], options: HotQueryOptions = {}): Promise<T[]> {
  const check = ctx.principalCheck;
  if (!check || check.verifiedFor(ctx)) return hotQuery<T>(ctx.em, sql, bindings, options);
  const rows = await hotQuery<T & { __principal_head: unknown }>(
    ctx.em,
    `select (select row_to_json(p) from (${check.head.sql}) p) as __principal_head, s.* from (${sql}) s`,
    [...check.head.bindings, ...bindings],
    options,
  );
  check.confirm(ctx, rows[0]?.__principal_head);
  return rows.map(({ __principal_head, ...row }) => row as T);
}
