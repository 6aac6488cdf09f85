import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { holdingsOf, shortfall, type Holdings } from '../../authz/holdings';
import type { Principal, PrincipalKind } from '../../authz/principal';
import type { Grant } from '../../authz/scope';
import { requestLoader } from '../../common/request-loader';
import type { Refusal } from '../../common/tenant-crud.service';
import type { Context } from '../../base/context';

export interface Assigned {
  id: string;
  isTenantAdmin: boolean;
  permissions: string[];
  grants: Grant[];
}

const ASSIGNED_SQL: Record<PrincipalKind, (ids: number) => string> = {
  employee: (n) => `select h.id, h.is_tenant_admin as "isTenantAdmin",
      coalesce((select array_agg(p) from employee_role x join role r on r.id = x.role_id cross join unnest(r.permissions) p
                 where x.employee_id = h.id), '{}') as permissions,
      coalesce((select json_agg(json_build_object('ouId', g.ou_id, 'canRead', g.can_read, 'canWrite', g.can_write))
                  from ou_grant g where g.employee_id = h.id), '[]') as grants
    from employee h where h.tenant_id = ? and h.id in (${Array(n).fill('?').join(', ')})`,
  client: (n) => `select h.id, false as "isTenantAdmin",
      coalesce((select array_agg(p) from api_client_role x join role r on r.id = x.role_id cross join unnest(r.permissions) p
                 where x.api_client_id = h.id), '{}') as permissions,
      coalesce((select json_agg(json_build_object('ouId', g.ou_id, 'canRead', g.can_read, 'canWrite', g.can_write))
                  from ou_grant g where g.api_client_id = h.id), '[]') as grants
    from api_client h where h.tenant_id = ? and h.id in (${Array(n).fill('?').join(', ')})`,
};

/** Admin flag, the roles' permissions and the OU grants of holders of one kind: one statement for any number. */
export async function assignedTo(em: EntityManager, kind: PrincipalKind, tenantId: string, ids: readonly string[]): Promise<Map<string, Assigned>> {
  if (!ids.length) return new Map();
  const rows = await em.getConnection().execute<Assigned[]>(ASSIGNED_SQL[kind](ids.length), [tenantId, ...ids], 'all', em.getTransactionContext());
  return new Map(rows.map((r) => [r.id, r]));
}

/** What each employee or API client of a page holds, batched per request (for access flags and write checks). */
function holdingsLoader(ctx: Context, principal: Principal, kind: PrincipalKind): DataLoader<string, Holdings | null> {
  return requestLoader(ctx, `holdings:${kind}`, async (ids: readonly string[]) => {
    const assigned = await assignedTo(ctx.em, kind, principal.tenantId, ids);
    return ids.map((id) => {
      const a = assigned.get(id);
      return a ? holdingsOf(a, principal) : null;
    });
  });
}

/**
 * Nobody takes over a principal holding more than they do: changing another employee or API
 * client (its credentials, sign-in state, roles, grants, any field) or deleting it needs every
 * permission it holds and the OU access it has. Returns the reason to refuse, or null.
 */
export async function holderChangeRefusal(ctx: Context, principal: Principal, kind: PrincipalKind, id: string): Promise<Refusal | null> {
  if (principal.kind === kind && principal.id === id) return null;
  const target = await holdingsLoader(ctx, principal, kind).load(id);
  const lacking = target ? shortfall(principal, target) : [];
  if (!lacking.length) return null;
  const what = kind === 'employee' ? 'employee' : 'API client';
  return {
    reason: 'TARGET_HOLDS_MORE',
    message: `This ${what} holds ${lacking.join(', ')} that you do not hold: only someone holding everything it holds may change it`,
  };
}
