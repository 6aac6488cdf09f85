import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../api/src/authz/catalogue';
import { buildAppSchema } from '../../api/src/schema';
import constraints from '../../schema/constraints.json';
import type { ServerConstraints } from '../../schema/constraints';
import { isAllowed, mayRun, operationOf, type Me } from '../../admin/src/providers/permissions';
import { RESOURCES, SINGLETONS } from '../../admin/src/resources/registry';

/**
 * What the console decides by is what the server publishes in schema/constraints.json: every
 * root operation's access declaration, exactly as the server checks it. No copy in the console.
 */
const published = constraints as ServerConstraints;

const me = (permissions: string[], isTenantAdmin = false): Me => ({
  id: 'x',
  kind: 'employee',
  account: 'x',
  name: 'x',
  isTenantAdmin,
  mustChangePassword: false,
  tenant: { code: 't', name: 'T' },
  permissions,
  readableOuIds: [],
  writableOuIds: [],
  canReadUnorganized: false,
  canWriteUnorganized: false,
});

describe('operations published for the console', () => {
  it('every root query and mutation has its declaration in constraints.json, the one the server checks and the snapshot reviews', async () => {
    const schema = await buildAppSchema();
    const declared: Record<string, string> = {};
    for (const root of [schema.getQueryType(), schema.getMutationType()] as GraphQLObjectType[]) {
      for (const field of Object.values(root.getFields())) declared[`${root.name}.${field.name}`] = field.extensions.access as string;
    }
    expect(published.operations).toEqual(declared);
    const snapshot = JSON.parse(await readFile(path.resolve(__dirname, '../snapshots/permissions.json'), 'utf8')) as Record<string, string>;
    expect(published.operations).toEqual(Object.fromEntries(Object.entries(snapshot).filter(([k]) => /^(Query|Mutation)\./.test(k))));
  });

  it("maps each react-admin action to the server's operation and decides it by that operation's declaration", () => {
    // As `me` answers: a tenant admin holds every permission of the catalogue.
    const admin = me([...ALL_PERMISSIONS], true);
    for (const entry of RESOURCES) {
      for (const action of ['list', 'show', 'export', 'create', 'clone', 'edit', 'delete']) {
        const operation = operationOf(entry.name, action);
        const exists = !!operation && `${operation.root}.${operation.name}` in published.operations;
        // What the server does not have is never offered, even to a tenant admin (e.g. no updateAuditEntry).
        expect(isAllowed(admin, entry.name, action), `${entry.name} ${action}`).toBe(exists);
      }
      for (const action of entry.actions ?? []) expect(mayRun(admin, { root: 'Mutation', name: action.mutation }), action.mutation).toBe(true);
    }
    expect(operationOf('AuditEntry', 'edit')).toEqual({ root: 'Mutation', name: 'updateAuditEntry' });
    expect(isAllowed(admin, 'AuditEntry', 'edit')).toBe(false);

    // A customer viewer: the list (allCustomers: customer-center:view), no Create (createCustomer: customer-center:create).
    const viewer = me(['customer-center', 'customer-center:view']);
    expect(operationOf('Customer', 'list')).toEqual({ root: 'Query', name: 'allCustomers' });
    expect(isAllowed(viewer, 'Customer', 'list')).toBe(true);
    expect(isAllowed(viewer, 'Customer', 'create')).toBe(false);
    // Edit needs what updateCustomer declares (customer-center:edit-contacts), and the record's access has the last word.
    const editor = me(['customer-center', 'customer-center:view', published.operations['Mutation.updateCustomer']!]);
    expect(isAllowed(editor, 'Customer', 'edit')).toBe(true);
    expect(isAllowed(editor, 'Customer', 'edit', { access: { canEdit: false, canDelete: false } })).toBe(false);
    // Every permission of a declaration joined by " & " is needed (moveActivity).
    const move = published.operations['Mutation.moveActivity']!.split(' & ');
    expect(move.length).toBeGreaterThan(1);
    expect(mayRun(me(move.slice(1)), { root: 'Mutation', name: 'moveActivity' })).toBe(false);
    expect(mayRun(me(move), { root: 'Mutation', name: 'moveActivity' })).toBe(true);

    // A singleton: its query to see it, its mutation to save it (updateMyTenant: tenant admins only).
    for (const s of SINGLETONS) {
      expect(operationOf(s.name, 'show')).toEqual({ root: 'Query', name: s.query });
      expect(operationOf(s.name, 'edit')).toEqual({ root: 'Mutation', name: s.mutation });
    }
    const everything = me([...ALL_PERMISSIONS]);
    expect(isAllowed(everything, 'MyTenant', 'show')).toBe(true);
    expect(isAllowed(everything, 'MyTenant', 'edit')).toBe(published.operations['Mutation.updateMyTenant'] !== 'tenant-admin');
    expect(isAllowed(admin, 'MyTenant', 'edit')).toBe(true);
  });
});
