import type { TestApp } from './app';

/** The tables holding a tenant's data, each with the condition that selects the tenant's rows. */
const TABLES: Record<string, string> = {
  tenant: 'x.id = ?',
  org_unit: 'x.tenant_id = ?',
  employee: 'x.tenant_id = ?',
  role: 'x.tenant_id = ?',
  api_client: 'x.tenant_id = ?',
  ou_grant: 'x.tenant_id = ?',
  customer: 'x.tenant_id = ?',
  customer_phone: 'x.tenant_id = ?',
  customer_email: 'x.tenant_id = ?',
  contact_record: 'x.tenant_id = ?',
  customer_request: 'x.tenant_id = ?',
  activity: 'x.tenant_id = ?',
  activity_comment: 'x.tenant_id = ?',
  address_option: 'x.tenant_id = ?',
  activity_field_definition: 'x.tenant_id = ?',
  audit_entry: 'x.tenant_id = ?',
  recent_customer: 'x.employee_id in (select id from employee where tenant_id = ?)',
};

/**
 * Every row of a tenant, table by table, as the database holds it: two snapshots are equal only
 * when nothing of the tenant changed (no row added, removed or edited, no audit entry written).
 */
export async function tenantRows(t: TestApp, tenantId: string): Promise<Record<string, unknown[]>> {
  const names = Object.keys(TABLES);
  const sql = `select ${names
    .map((name) => `(select coalesce(json_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]') from "${name}" x where ${TABLES[name]}) as "${name}"`)
    .join(', ')}`;
  const [row] = await t.orm.em.getConnection().execute<Record<string, unknown[]>[]>(
    sql,
    names.map(() => tenantId),
  );
  return row!;
}

/** The audit entries of a tenant, oldest first. */
export async function auditOf(t: TestApp, tenantId: string) {
  return t.orm.em
    .getConnection()
    .execute<{ id: string; operation: string; record_type: string; record_id: string; changes: Record<string, unknown> }[]>(
      'select id, operation, record_type, record_id, changes from audit_entry where tenant_id = ? order by at, id',
      [tenantId],
    );
}
