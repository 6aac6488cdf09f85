import { findResource, menuOf, type PermissionAction } from '../resources/registry';
import { getMutation } from '../schema/introspection';

export interface Me {
  id: string;
  kind: string;
  account: string;
  name: string;
  isTenantAdmin: boolean;
  mustChangePassword: boolean;
  tenant: { code: string; name: string };
  permissions: string[];
  /** OUs the principal may read / write (subtrees included): what OU pickers offer. */
  readableOuIds: string[];
  writableOuIds: string[];
  canReadUnorganized: boolean;
  canWriteUnorganized: boolean;
}

/** react-admin actions → the permission action of a registry entry. */
const ACTIONS: Record<string, PermissionAction> = {
  list: 'view',
  show: 'view',
  view: 'view',
  export: 'view',
  create: 'create',
  clone: 'create',
  edit: 'edit',
  delete: 'delete',
};

/** The mutation behind a write action of a resource: without one, the action does not exist. */
const MUTATION_OF: Partial<Record<PermissionAction, string>> = { create: 'create', edit: 'update', delete: 'delete' };

/** The operation code (`<menu>:<operation>`) that `action` on `resource` needs, as the server checks it. */
export function permissionFor(resource: string, action: string): string {
  const menu = menuOf(resource);
  const kind = ACTIONS[action];
  const operation = (kind && findResource(resource)?.operations?.[kind]) ?? kind ?? action;
  return `${menu}:${operation}`;
}

/**
 * Whether `me` may do `action` on `resource` (a registry resource such as "OrgUnit", a
 * singleton such as "MyTenant", or a menu code). An operation counts only with its menu, as on
 * the server; tenant admins hold every permission. A resource without the mutation of an action
 * (e.g. the read-only audit log) never allows it, and a record's `access { canEdit canDelete }`
 * from the server (its OU scope) has the last word.
 */
export function isAllowed(me: Me, resource: string, action: string, record?: Record<string, unknown>): boolean {
  const name = resource.split('.')[0]!;
  const kind = ACTIONS[action];
  const entry = findResource(name);
  if (entry && kind && MUTATION_OF[kind] && !getMutation(`${MUTATION_OF[kind]}${name}`)) return false;
  const access = record?.access as { canEdit?: boolean; canDelete?: boolean } | undefined;
  if (access && kind === 'edit' && access.canEdit === false) return false;
  if (access && kind === 'delete' && access.canDelete === false) return false;
  if (me.isTenantAdmin) return true;
  return hasPermission(me, permissionFor(name, action));
}

/** Whether `me` holds a permission code; an operation counts only together with its menu. */
export function hasPermission(me: Me, code: string): boolean {
  if (me.isTenantAdmin) return true;
  const granted = new Set(me.permissions);
  const menu = code.split(':')[0]!;
  return granted.has(code) && granted.has(menu);
}
