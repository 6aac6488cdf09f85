import { menuOf } from '../resources/registry';

export interface Me {
  id: string;
  account: string;
  name: string;
  isTenantAdmin: boolean;
  mustChangePassword: boolean;
  tenant: { code: string; name: string };
  permissions: string[];
}

/** react-admin actions → the operation part of a permission code (`<menu>:<operation>`). */
const OPERATIONS: Record<string, string> = {
  list: 'view',
  show: 'view',
  view: 'view',
  export: 'view',
  create: 'create',
  clone: 'create',
  edit: 'edit',
  delete: 'delete',
};

/**
 * Whether `me` may do `action` on `resource` (a registry resource such as "OrgUnit", a
 * singleton such as "MyTenant", or a menu code). An operation counts only with its menu, as on
 * the server; tenant admins may do everything their records allow.
 */
export function isAllowed(me: Me, resource: string, action: string, record?: Record<string, unknown>): boolean {
  // Records the server annotates with `access { canEdit canDelete }` (its OU scope) have the last word.
  const access = record?.access as { canEdit?: boolean; canDelete?: boolean } | undefined;
  if (access && action === 'edit' && access.canEdit === false) return false;
  if (access && action === 'delete' && access.canDelete === false) return false;
  if (me.isTenantAdmin) return true;
  const menu = menuOf(resource.split('.')[0]!);
  const operation = OPERATIONS[action] ?? action;
  const granted = new Set(me.permissions);
  return granted.has(menu) && granted.has(`${menu}:${operation}`);
}
