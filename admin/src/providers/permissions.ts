import { findSingleton } from '../resources/registry';
import { operationAccess } from '../schema/constraints';
import { listQueryOf } from '../schema/introspection';

export interface Me {
  id: string;
  kind: string;
  account: string;
  name: string;
  isTenantAdmin: boolean;
  mustChangePassword: boolean;
  /** With the tenant parameters a form states limits by (`spanDays` arguments: the contact history's reach). */
  tenant: { code: string; name: string; contactRecordSpanDays?: number };
  /** Effective permissions (an operation only with its menu; every one for a tenant admin), as the server checks them. */
  permissions: string[];
  /** OUs the principal may read / write (subtrees included): what OU pickers offer. */
  readableOuIds: string[];
  writableOuIds: string[];
  canReadUnorganized: boolean;
  canWriteUnorganized: boolean;
}

export interface Operation {
  root: 'Query' | 'Mutation' | 'Subscription';
  name: string;
}

const READS = new Set(['list', 'show', 'view', 'export']);
/** react-admin write actions → the mutation of the grammar behind them (`create<Name>`, ...). */
const WRITES: Record<string, string> = { create: 'create', clone: 'create', edit: 'update', delete: 'delete' };

/**
 * The GraphQL operation behind a react-admin action: on a resource of the grammar, its list
 * query (`all<Plural>`: list, export), its `<Name>` query (show) or its create / update /
 * delete mutation; on a singleton, its query or its mutation (edit).
 */
export function operationOf(resource: string, action: string): Operation | undefined {
  const singleton = findSingleton(resource);
  if (singleton) {
    if (READS.has(action)) return { root: 'Query', name: singleton.query };
    return action === 'edit' ? { root: 'Mutation', name: singleton.mutation } : undefined;
  }
  if (action === 'list' || action === 'export') {
    const list = listQueryOf(resource);
    return list ? { root: 'Query', name: list.name } : undefined;
  }
  if (READS.has(action)) return { root: 'Query', name: resource };
  return WRITES[action] ? { root: 'Mutation', name: `${WRITES[action]}${resource}` } : undefined;
}

/**
 * Whether `me` may run an operation, by the access declaration the server publishes for it
 * (schema/constraints.json): `public` and `authenticated` always, `tenant-admin` a tenant admin
 * only, otherwise every permission listed. An operation the server does not have never.
 */
export function mayRun(me: Me, operation: Operation | undefined): boolean {
  const access = operation && operationAccess(operation.root, operation.name);
  if (!access) return false;
  if (access === 'public' || access === 'authenticated') return true;
  if (access === 'tenant-admin') return me.isTenantAdmin;
  const held = new Set(me.permissions);
  return access.split(' & ').every((p) => held.has(p));
}

/**
 * Whether `me` may do `action` on `resource` (a resource of the grammar such as "OrgUnit", or a
 * singleton such as "MyTenant"): whether it may run the operation behind it. A record's
 * `access { canEdit canDelete }` from the server (its OU scope) has the last word.
 */
export function isAllowed(me: Me, resource: string, action: string, record?: Record<string, unknown>): boolean {
  const access = record?.access as { canEdit?: boolean; canDelete?: boolean } | undefined;
  if (access && action === 'edit' && access.canEdit === false) return false;
  if (access && action === 'delete' && access.canDelete === false) return false;
  return mayRun(me, operationOf(resource.split('.')[0]!, action));
}
