import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { Context } from '../base/context';
import { isDatabaseUnavailable } from '../base/db-failures';
import { FOLDS_PRINCIPAL_CHECK } from '../authz/access';
import { PrincipalChanged } from '../modules/identity/principal-check';

/**
 * No root field's outcome leaves before the request's principal is confirmed. A root field waits
 * for the head check, unless it declares `@FoldsPrincipalCheck()`: its first hot statement
 * carries the check (common/hot-query.ts `requestHotQuery`). If that statement finds the
 * principal gone or changed, or the field ends without running it, the check runs on its own and
 * the field runs again for the principal as it is now. In place.
 */
export function verifyPrincipalFirst(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = field.extensions?.[FOLDS_PRINCIPAL_CHECK] ? folding(resolve) : waiting(resolve);
    }
  }
  return schema;
}

type Resolver = GraphQLFieldResolver<unknown, Context>;

const waiting =
  (resolve: Resolver): Resolver =>
  async (source, args, ctx, info) => {
    const check = ctx.principalCheck;
    if (check && !check.verifiedFor(ctx)) await check.settle(ctx);
    return resolve(source, args, ctx, info);
  };

const folding =
  (resolve: Resolver): Resolver =>
  async (source, args, ctx, info) => {
    const check = ctx.principalCheck;
    if (!check || check.verifiedFor(ctx)) return resolve(source, args, ctx, info);
    const candidate = ctx.principal;
    let outcome: { value: unknown } | { error: unknown };
    try {
      outcome = { value: await resolve(source, args, ctx, info) };
    } catch (error) {
      // A database that did not answer says nothing of the principal, and the refusal holds no
      // data: it leaves at once, not after a check that would only delay it.
      if (isDatabaseUnavailable(error)) throw error;
      outcome = { error };
    }
    if (!check.verifiedFor(ctx)) await check.settle(ctx);
    const stands = ctx.principal === candidate && !('error' in outcome && outcome.error instanceof PrincipalChanged);
    if (!stands) return resolve(source, args, ctx, info);
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
