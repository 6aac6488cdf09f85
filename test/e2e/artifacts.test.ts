import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getNamedType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLObjectType, type GraphQLType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../api/src/authz/catalogue';
import { buildAppSchema } from '../../api/src/schema';
import constraints from '../../schema/constraints.json';
import type { ServerConstraints } from '../../schema/constraints';
import { argReference, referenceOf } from '../../admin/src/generator/references';
import { isAllowed, mayRun, operationOf, type Me } from '../../admin/src/providers/permissions';
import { filterTypeOf, getMutation, getQuery } from '../../admin/src/schema/introspection';
import { REGISTRY, RESOURCES, SINGLETONS, findResource } from '../../admin/src/resources/registry';
import { mergeResources, publishedResources } from '../../admin/src/resources/published';
import { resourceFor } from '../../admin/src/generator/resource';
import { representationOf } from '../../admin/src/generator/representation';

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
  it('every root query, mutation and subscription has its declaration in constraints.json, the one the server checks and the snapshot reviews', async () => {
    const schema = await buildAppSchema();
    const declared: Record<string, string> = {};
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()] as GraphQLObjectType[]) {
      for (const field of Object.values(root.getFields())) declared[`${root.name}.${field.name}`] = field.extensions.access as string;
    }
    expect(published.operations).toEqual(declared);
    const snapshot = JSON.parse(await readFile(path.resolve(__dirname, '../snapshots/permissions.json'), 'utf8')) as Record<string, string>;
    expect(published.operations).toEqual(Object.fromEntries(Object.entries(snapshot).filter(([k]) => /^(Query|Mutation|Subscription)\./.test(k))));
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

/**
 * Id fields and arguments that name one of several resources, so deliberately no reference: the
 * audit log's changed record (its `recordType` says which) and principal (an employee or an API
 * client: the registry's `filterReferences`), and a simulated call's step (a called route, a web
 * channel, a skill queue or an IVR: its `kind` says which).
 */
/**
 * Ids of one of several resources (the audit log's), and of contact records, which are no
 * resource of the console: they are shown inside their customer (its latest contacts, an
 * activity's contact record), never opened on a page of their own.
 */
const NOT_REFERENCES = [
  'AuditEntry.principalId',
  'AuditEntry.recordId',
  'AuditEntryFilter.principalId',
  'AuditEntryFilter.recordId',
  'CallStep.recordId',
  'Activity.contactRecordId',
  'Mutation.assignContactRecord(contactRecordId)',
];

const isIdOf = (name: string, type: GraphQLType) => /Ids?$/.test(name) && getNamedType(type).name === 'ID';

/** The argument names of a root operation, as the console's introspection has them. */
const schemaArgs = (root: 'Query' | 'Mutation', name: string) => ((root === 'Query' ? getQuery : getMutation)(name)?.args ?? []).map((a) => a.name);

describe('references published for the console', () => {
  it('every …Id / …Ids field and argument of the schema has its published reference, unless it names one of several resources', async () => {
    const schema = await buildAppSchema();
    const roots = new Map([
      [schema.getQueryType(), published.queries],
      [schema.getMutationType(), published.mutations],
    ]);
    // What the server publishes for each id field (`Type.field`) and root argument (`Root.operation(arg)`).
    const found: Record<string, string | undefined> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInputObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (isIdOf(field.name, field.type)) found[`${type.name}.${field.name}`] = published.types[type.name]?.references[field.name];
        for (const arg of 'args' in field ? field.args : []) {
          if (isIdOf(arg.name, arg.type))
            found[`${type.name}.${field.name}(${arg.name})`] =
              roots.get(type as GraphQLObjectType)?.[field.name]?.[arg.name]?.reference ?? published.types[type.name]?.arguments?.[field.name]?.[arg.name];
        }
      }
    }
    expect(Object.keys(found).length).toBeGreaterThan(40);
    expect(Object.entries(found).filter(([key, resource]) => !resource && !NOT_REFERENCES.includes(key))).toEqual([]);
    for (const key of NOT_REFERENCES) expect(found, key).toHaveProperty([key], undefined);
    // Each published reference is on an id field of its type and names a resource of the grammar (a `Type(id)` query).
    for (const [type, { references }] of Object.entries(published.types)) {
      for (const [field, resource] of Object.entries(references)) {
        expect(found[`${type}.${field}`], `${type}.${field}`).toBe(resource);
        expect(
          schema
            .getQueryType()
            ?.getFields()
            [resource]?.args.map((a) => a.name),
          resource,
        ).toEqual(['id']);
      }
    }
  });

  it("the console finds each record action's, record query's and related list's link to the record by those declarations", () => {
    for (const entry of RESOURCES) {
      for (const { mutation } of entry.actions ?? []) {
        const args = schemaArgs('Mutation', mutation);
        expect(args.includes('id') || args.some((a) => argReference(mutation, a)?.resource === entry.name), mutation).toBe(true);
      }
      for (const query of entry.queries ?? []) {
        expect(
          schemaArgs('Query', query).some((a) => argReference(query, a, 'Query')?.resource === entry.name),
          query,
        ).toBe(true);
      }
      for (const related of entry.related ?? []) {
        const filter = filterTypeOf(related);
        expect(
          filter?.inputFields.some((f) => referenceOf(filter.name, f) === entry.name),
          `${entry.name} → ${related}`,
        ).toBe(true);
      }
    }
    expect(argReference('contactHistory', 'customerId', 'Query')).toEqual({ resource: 'Customer', by: 'id' });
    expect(argReference('moveActivity', 'toCustomerId')).toEqual({ resource: 'Customer', by: 'id' });
    expect(referenceOf('Employee', { name: 'roleIds' })).toBe('Role');
    expect(referenceOf('AuditEntry', { name: 'recordId' })).toBeUndefined();
  });
});

describe('resources published for the console', () => {
  it('a published resource without a registry entry gets a generated page and menu item', () => {
    // Every resource of constraints.json is served by the CRUD grammar and has a page.
    expect(publishedResources().sort()).toEqual(Object.keys(published.resources).sort());
    expect(RESOURCES.map((r) => r.name).sort()).toEqual(publishedResources().sort());

    // As if nobody had described AddressOption: the entry comes from the artifacts alone.
    const registry = REGISTRY.filter((r) => r.name !== 'AddressOption');
    const merged = mergeResources(registry, publishedResources());
    const generated = merged.find((r) => r.name === 'AddressOption')!;
    expect(generated).toMatchObject({
      name: 'AddressOption',
      label: 'Address options',
      singular: 'Address option',
      representation: 'value',
      sort: { field: 'value', order: 'ASC' },
    });
    expect(generated.icon).toBeDefined();
    expect(generated.inMenu).not.toBe(false);
    // Registry entries first, in their order; the others after them, by label.
    expect(merged.map((r) => r.name)).toEqual([...registry.map((r) => r.name), 'AddressOption']);
    const bare = mergeResources([], publishedResources());
    expect(bare.map((r) => r.label)).toEqual(bare.map((r) => r.label).sort((a, b) => a.localeCompare(b, 'en')));
    expect(bare.find((r) => r.name === 'Activity')).toMatchObject({ label: 'Activities', sort: { field: 'mediaType' } });
    expect(bare.find((r) => r.name === 'AuditEntry')).toMatchObject({ label: 'Audit entries', sort: { field: 'at' } });

    // Its page: list, record, create and edit views, titled by the label.
    const resource = resourceFor(generated);
    expect(resource.props).toMatchObject({ name: 'AddressOption', options: { label: 'Address options' }, recordRepresentation: 'value' });
    for (const view of ['list', 'show', 'create', 'edit']) expect(resource.props, view).toHaveProperty(view, expect.anything());

    // Its menu item follows the published operations: a viewer without allAddressOptions' permission sees none.
    const admin = me([...ALL_PERMISSIONS], true);
    expect(isAllowed(admin, 'AddressOption', 'list')).toBe(true);
    expect(isAllowed(me(['org-units', 'org-units:view']), 'AddressOption', 'list')).toBe(false);
    const view = published.operations['Query.allAddressOptions']!.split(' & ');
    expect(isAllowed(me(view), 'AddressOption', 'list')).toBe(true);

    // A registry entry overrides presentation only: what it leaves out is the default.
    expect(findResource('Activity')).toMatchObject({ inMenu: false, sort: { field: 'createdAt', order: 'DESC' } });
    expect(findResource('Role')?.representation).toBe('name');
    expect(representationOf('Role')).toBe('name');
  });
});
