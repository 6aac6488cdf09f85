/**
 * The fixed permission catalogue (SPEC §1): menu permissions containing operation permissions.
 * A menu code is a page; an operation code is `<menu>:<operation>`. An operation is effective
 * only together with its menu.
 */
export interface OperationPermission {
  code: string;
  label: string;
}
export interface MenuPermission {
  code: string;
  label: string;
  operations: OperationPermission[];
}

const CRUD = ['view', 'create', 'edit', 'delete'] as const;
const CRUD_BATCH = [...CRUD, 'batch'] as const;
const LABELS: Record<string, string> = { view: 'View', create: 'Create', edit: 'Edit', delete: 'Delete', batch: 'Batch Operations' };

function menu(code: string, label: string, ops: readonly string[], extra: OperationPermission[] = []): MenuPermission {
  return {
    code,
    label,
    operations: [...ops.map((op) => ({ code: `${code}:${op}`, label: LABELS[op] ?? op })), ...extra.map((o) => ({ ...o, code: `${code}:${o.code}` }))],
  };
}

export const PERMISSION_CATALOGUE: readonly MenuPermission[] = [
  // Editing is not an operation a role can hold: tenant parameters are edited by tenant admins only (SPEC §1).
  menu('tenant-params', 'Tenant Parameters', ['view']),
  menu('org-units', 'Organization Management', CRUD),
  menu('employees', 'Employee Management', CRUD_BATCH),
  menu('roles', 'Role Management', CRUD),
  menu('api-clients', 'API Clients', CRUD),
  menu('audit', 'Audit Log', ['view']),
  menu(
    'customer-center',
    'Customer Center Management',
    ['view', 'create', 'delete', 'batch'],
    [
      { code: 'edit-contacts', label: 'Edit Contacts' },
      { code: 'record-contact', label: 'Record Contacts' },
    ],
  ),
  menu('customer-context', 'Customer Context', ['view', 'edit'], [{ code: 'move-activity', label: 'Move Activities' }]),
  menu('agents', 'Agent Management', CRUD_BATCH),
  menu(
    'agent-parameters',
    'Agent Parameters',
    ['view', 'edit', 'batch'],
    [
      { code: 'reset', label: 'Reset to Default' },
      { code: 'sync', label: 'Synchronize' },
    ],
  ),
  menu('agent-state', 'Agent State', ['view', 'edit']),
  menu('skill-queues', 'Skill Queue Management', CRUD_BATCH, [{ code: 'report-load', label: 'Report Queue Load' }]),
  menu('skill-queue-groups', 'Skill Queue Groups', CRUD),
  menu('access-codes', 'Access Codes', CRUD),
  menu('called-routes', 'Called Routes', CRUD_BATCH),
  menu('channels', 'Channel Configuration', CRUD),
  menu('queue-stats', 'Queue Statistics', ['view']),
  menu('personal-center', 'Personal Center', ['view', 'edit']),
];

export const ALL_PERMISSIONS: readonly string[] = PERMISSION_CATALOGUE.flatMap((m) => [m.code, ...m.operations.map((o) => o.code)]);

const KNOWN = new Set(ALL_PERMISSIONS);
export const isKnownPermission = (code: string) => KNOWN.has(code);

/** Operations whose menu is missing are dropped: an operation is effective only with its menu. */
export function effectivePermissions(granted: Iterable<string>): Set<string> {
  const set = new Set([...granted].filter(isKnownPermission));
  // A menu code has no ':' and is its own menu.
  return new Set([...set].filter((p) => set.has(p.split(':')[0]!)));
}
