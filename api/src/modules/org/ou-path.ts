import type { Principal } from '../../authz/principal';
import { scopeCovers } from '../../authz/scope';

/** Joins an OU's name to its parent's path. */
export const PATH_SEPARATOR = ' / ';

export const readsOu = (principal: Principal | undefined, ouId: string): boolean => !!principal && scopeCovers(principal.scope, 'read', ouId);

/**
 * An OU's path without the ancestors the caller may not read. Grants cover whole subtrees, so
 * the readable ancestors are always the lower part of the chain: the path is cut after the
 * deepest unreadable ancestor's own path (a name may itself contain the separator).
 */
export function readablePath(principal: Principal | undefined, ou: { id: string; path: string; parentId: string | null }): string {
  if (!principal || principal.scope.all) return ou.path;
  const nodes = new Map(principal.tree.map((n) => [n.id, n]));
  let hidden: string | undefined;
  for (let id = ou.parentId; id; id = nodes.get(id)?.parentId ?? null) {
    if (!readsOu(principal, id)) {
      hidden = id;
      break;
    }
  }
  const cut = hidden ? nodes.get(hidden)?.path : undefined;
  return cut !== undefined && ou.path.startsWith(cut + PATH_SEPARATOR) ? ou.path.slice(cut.length + PATH_SEPARATOR.length) : ou.path;
}
