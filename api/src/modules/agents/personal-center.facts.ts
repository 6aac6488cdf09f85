import type { EntityManager } from '@mikro-orm/postgresql';

/** The levels above an agent of an inherited integer setting: the nearest OU's value (0: none set) and the tenant's. */
export interface InheritedLevels {
  ou: number;
  tenant: number;
}

/**
 * The OU and tenant levels of the concurrent sessions for an employee's agent, in one statement
 * naming the tenant: the OU chain (from the employee's home OU up) may pass through OUs the
 * caller cannot read, so it is SQL, and it answers only the values, never which OU gave them.
 */
export async function maxSessionLevels(em: EntityManager, tenantId: string, employeeId: string): Promise<InheritedLevels> {
  const [row] = await em.execute<{ ou: number | null; tenant: number }[]>(
    `with recursive up as (
       select o.id, o.parent_id, o.max_concurrent_sessions as value, 0 as depth
         from employee e join org_unit o on o.id = e.home_ou_id and o.tenant_id = e.tenant_id
        where e.tenant_id = ? and e.id = ?::uuid
       union all
       select p.id, p.parent_id, p.max_concurrent_sessions, up.depth + 1
         from org_unit p join up on p.id = up.parent_id
        where p.tenant_id = ?
     )
     select (select value from up where value <> 0 order by depth limit 1) as ou, t.max_concurrent_sessions as tenant
       from tenant t where t.id = ?`,
    [tenantId, employeeId, tenantId, tenantId],
  );
  return { ou: Number(row?.ou ?? 0), tenant: Number(row?.tenant ?? 0) };
}
