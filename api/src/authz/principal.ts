import type { AppAbility } from './ability';
import type { OuScope } from './scope';

export type PrincipalKind = 'employee' | 'client';

/** Who is calling: resolved once per request from a verified token, never from arguments. */
export interface Principal {
  kind: PrincipalKind;
  id: string;
  tenantId: string;
  /** Account (employee) or client id (API client), for audit and logs. */
  handle: string;
  isTenantAdmin: boolean;
  mustChangePassword: boolean;
  /** Effective permissions (operations only where their menu is granted too). */
  permissions: ReadonlySet<string>;
  scope: OuScope;
  ability: AppAbility;
  /** Every OU of the tenant, for answers like "readable OU ids" when the scope is unrestricted. */
  tenantOuIds: readonly string[];
}

export function can(principal: Principal, permission: string): boolean {
  return principal.isTenantAdmin || principal.permissions.has(permission);
}
