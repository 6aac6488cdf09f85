import { ALL_PERMISSIONS, effectivePermissions } from './catalogue';
import { computeScope, scopeCovers, type Grant, type OuNode, type OuScope } from './scope';

/** What a principal (employee or API client) holds: what signing in as it would give. */
export interface Holdings {
  isTenantAdmin: boolean;
  /** Effective permissions (operations only where their menu is granted too). */
  permissions: ReadonlySet<string>;
  scope: OuScope;
}

/** The tenant facts every principal's holdings are computed against. */
export interface TenantShape {
  tree: readonly OuNode[];
  interOrgIsolation: boolean;
}

/** Holdings from stored assignments: the one computation for signed-in principals and for targets of a change. */
export function holdingsOf(assigned: { isTenantAdmin: boolean; permissions: Iterable<string>; grants: readonly Grant[] }, tenant: TenantShape): Holdings {
  return {
    isTenantAdmin: assigned.isTenantAdmin,
    permissions: assigned.isTenantAdmin ? new Set(ALL_PERMISSIONS) : effectivePermissions(assigned.permissions),
    scope: computeScope({
      unrestricted: assigned.isTenantAdmin || !tenant.interOrgIsolation,
      tree: [...tenant.tree],
      grants: [...assigned.grants],
    }),
  };
}

/**
 * What `target` holds that `actor` does not, in words fit for an error message (empty when
 * the actor holds everything). Names no OU: the actor may not be allowed to read them.
 */
export function shortfall(actor: Holdings, target: Holdings): string[] {
  if (actor.isTenantAdmin) return [];
  if (target.isTenantAdmin) return ['tenant admin rights'];
  const missing = [...target.permissions].filter((p) => !actor.permissions.has(p)).sort();
  const out = missing.length ? [`permissions ${missing.join(', ')}`] : [];
  const lacks = (mode: 'read' | 'write') =>
    target.scope.all ? !actor.scope.all : [...(mode === 'read' ? target.scope.read : target.scope.write)].some((ou) => !scopeCovers(actor.scope, mode, ou));
  if (lacks('read')) out.push('read access to OUs you cannot read');
  if (lacks('write')) out.push('write access to OUs you cannot write');
  if (target.scope.writeUnorganized && !actor.scope.writeUnorganized) out.push('write access to Unorganized records');
  return out;
}
