import type { EntityManager } from '@mikro-orm/postgresql';
import { ALL_PERMISSIONS } from '../../authz/catalogue';
import type { Principal } from '../../authz/principal';
import type { TokenClaims } from './token';
import { Employee } from './employee.entity';

const ADMIN_PERMISSIONS: ReadonlySet<string> = new Set(ALL_PERMISSIONS);

/**
 * Turns verified token claims into a principal. The employee is re-read so that a disabled
 * account or a token of another tenant stops working at once.
 */
export async function loadPrincipal(em: EntityManager, claims: TokenClaims): Promise<Principal | undefined> {
  const employee = await em.findOne(Employee, { id: claims.sub, tenant: claims.tid, enabled: true });
  if (!employee) return undefined;
  return {
    kind: 'employee',
    id: employee.id,
    tenantId: claims.tid,
    account: employee.account,
    isTenantAdmin: employee.isTenantAdmin,
    mustChangePassword: employee.mustChangePassword,
    permissions: employee.isTenantAdmin ? ADMIN_PERMISSIONS : new Set(),
  };
}
