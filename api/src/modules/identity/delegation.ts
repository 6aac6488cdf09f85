import { can, type Principal } from '../../authz/principal';
import { badInput } from '../../base/errors';

/**
 * Nobody hands out more than they hold: a principal who is not a tenant admin may put into a
 * role, or give through roles, only permissions it holds itself.
 */
export function assertDelegable(principal: Principal, permissions: Iterable<string>, field: string): void {
  if (principal.isTenantAdmin) return;
  const missing = [...new Set(permissions)].filter((p) => !can(principal, p)).sort();
  if (missing.length) throw badInput({ [field]: `You cannot grant permissions you do not hold: ${missing.join(', ')}` });
}
