import type { AppAbility } from './ability';
import type { Holdings } from './holdings';
import type { OuNode } from './scope';

export type PrincipalKind = 'employee' | 'client';

/** One node of the tenant's OU tree as the principal was built with it (paths for display). */
export interface OuTreeNode extends OuNode {
  path: string;
}

/** Who is calling: resolved once per request from a verified token, never from arguments. */
export interface Principal extends Holdings {
  kind: PrincipalKind;
  id: string;
  tenantId: string;
  /** Account (employee) or client id (API client), for audit and logs. */
  handle: string;
  mustChangePassword: boolean;
  ability: AppAbility;
  /** The tenant's OU tree and isolation setting: what other principals' holdings are computed against. */
  tree: readonly OuTreeNode[];
  interOrgIsolation: boolean;
  /** Every OU of the tenant, for answers like "readable OU ids" when the scope is unrestricted. */
  tenantOuIds: readonly string[];
}

export function can(principal: Principal, permission: string): boolean {
  return principal.isTenantAdmin || principal.permissions.has(permission);
}
