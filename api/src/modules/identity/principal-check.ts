import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, PendingPrincipalCheck } from '../../base/context';
import type { Principal } from '../../authz/principal';
import { bindRowScope } from '../../common/row-scope';
import { cachedPrincipal, headConfirms, headStatement, loadPrincipal } from './principal.loader';
import type { TokenClaims } from './token';

/** A folded head check found the principal gone or changed: the root field runs again once it is settled. */
export class PrincipalChanged extends Error {
  constructor() {
    super('The principal changed since it was cached');
  }
}

/**
 * The context's principal for verified token claims. A principal in the cache is used at once,
 * pending its head check, which the request's first hot statement may carry instead of a
 * statement of its own (one round trip per lookup instead of two); any other is loaded and
 * checked here.
 */
export async function principalFor(ctx: Context, claims: TokenClaims, options: { deferCheck: boolean }): Promise<void> {
  const cached = options.deferCheck ? cachedPrincipal(claims) : undefined;
  if (!cached) return setPrincipal(ctx, await loadPrincipal(ctx.em, claims));
  setPrincipal(ctx, cached);
  ctx.principalCheck = pendingCheck(ctx.em, claims, cached);
}

function setPrincipal(ctx: Context, principal: Principal | undefined): void {
  ctx.principal = principal;
  if (principal) bindRowScope(ctx.em, principal);
}

// Apollo hands each operation a shallow copy of the context, so the check keeps what it found and
// each copy is verified only while it holds that principal: the check sets the principal on the
// copy a root field was given, never on the one it was created with.
function pendingCheck(em: EntityManager, claims: TokenClaims, candidate: Principal): PendingPrincipalCheck {
  // What the check found (principal undefined: the token no longer stands); unset until it ran.
  let found: { principal: Principal | undefined } | undefined;
  let settling: Promise<Principal | undefined> | undefined;
  const verifiedFor = (ctx: Context) => found !== undefined && ctx.principal === found.principal;
  return {
    head: headStatement(claims),
    verifiedFor,
    confirm(ctx, head) {
      if (!found && ctx.principal === candidate && headConfirms(candidate, head as Parameters<typeof headConfirms>[1])) found = { principal: candidate };
      if (!verifiedFor(ctx)) throw new PrincipalChanged();
    },
    async settle(ctx) {
      settling ??= loadPrincipal(em, claims).then((principal) => {
        found = { principal };
        return principal;
      });
      setPrincipal(ctx, await settling);
    },
  };
}
