/** Who is calling: resolved once per request from a verified token, never from arguments. */
export interface Principal {
  kind: 'employee';
  id: string;
  tenantId: string;
  account: string;
  isTenantAdmin: boolean;
  mustChangePassword: boolean;
  /** Effective permissions (operations only where their menu is granted too). */
  permissions: ReadonlySet<string>;
}

export function can(principal: Principal, permission: string): boolean {
  return principal.isTenantAdmin || principal.permissions.has(permission);
}
