import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { AuthCheckerFn } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The subjects are declared on their entities: load the modules, as the server does.
import 'reflect-metadata';
import '../../api/src/modules';
import { ALL_OF, AUTHENTICATED, authChecker, TENANT_ADMIN } from '../../api/src/authz/access';
import {
  type AppAbility,
  allows,
  buildAbility,
  defineSubject,
  matchNothing,
  permissionFor,
  scopeFilter,
  SUBJECTS,
  type SubjectName,
} from '../../api/src/authz/ability';
import { ALL_PERMISSIONS, effectivePermissions, isKnownPermission } from '../../api/src/authz/catalogue';
import { type Holdings, holdingsOf, shortfall } from '../../api/src/authz/holdings';
import { can, type Principal } from '../../api/src/authz/principal';
import { computeScope, FULL_SCOPE, type OuScope, scopeCovers } from '../../api/src/authz/scope';
import type { Context } from '../../api/src/base/context';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * The enforcement point's rules one by one (issue 7, item 16): what the mutation run showed no
 * suite pinned. The HTTP suites prove the rules end to end; these pin each function's contract,
 * so a change to one comparison or one branch fails here, next to the rule it breaks.
 */

// A tree:  A ─ B ─ C   and   D (a second root).
const [A, B, C, D] = [
  '00000000-0000-4000-8000-00000000000a',
  '00000000-0000-4000-8000-00000000000b',
  '00000000-0000-4000-8000-00000000000c',
  '00000000-0000-4000-8000-00000000000d',
];
const TREE = [
  { id: A, parentId: null },
  { id: B, parentId: A },
  { id: C, parentId: B },
  { id: D, parentId: null },
];
const scope = (grants: { ouId: string; canRead: boolean; canWrite: boolean }[]) => computeScope({ unrestricted: false, tree: TREE, grants });
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('the OU scope', () => {
  it('a grant covers its OU and the whole subtree below it, never the parent or a sibling root', () => {
    const s = scope([{ ouId: B, canRead: true, canWrite: false }]);
    expect(sorted(s.read)).toEqual([B, C]);
    expect(sorted(s.write)).toEqual([]);
    expect(s.all).toBe(false);
  });

  it('write implies read; read alone gives no write; grants add up', () => {
    const s = scope([
      { ouId: B, canRead: false, canWrite: true },
      { ouId: D, canRead: true, canWrite: false },
    ]);
    expect(sorted(s.read)).toEqual([B, C, D]);
    expect(sorted(s.write)).toEqual([B, C]);
  });

  it('a grant with neither flag, or on an OU not in the tree, gives nothing', () => {
    const s = scope([
      { ouId: A, canRead: false, canWrite: false },
      { ouId: '00000000-0000-4000-8000-0000000000ff', canRead: true, canWrite: true },
    ]);
    expect(sorted(s.read)).toEqual([]);
    expect(sorted(s.write)).toEqual([]);
  });

  it('Unorganized records are readable by everyone, writable only by the unrestricted', () => {
    const s = scope([]);
    expect(s.readUnorganized).toBe(true);
    expect(s.writeUnorganized).toBe(false);
    expect(computeScope({ unrestricted: true, tree: TREE, grants: [] })).toBe(FULL_SCOPE);
    expect(FULL_SCOPE).toMatchObject({ all: true, readUnorganized: true, writeUnorganized: true });
  });

  it('scopeCovers answers per mode, for OUs and for Unorganized', () => {
    const s = scope([
      { ouId: B, canRead: true, canWrite: true },
      { ouId: D, canRead: true, canWrite: false },
    ]);
    expect(scopeCovers(s, 'read', C)).toBe(true);
    expect(scopeCovers(s, 'write', C)).toBe(true);
    expect(scopeCovers(s, 'read', D)).toBe(true);
    expect(scopeCovers(s, 'write', D)).toBe(false);
    expect(scopeCovers(s, 'read', A)).toBe(false);
    expect(scopeCovers(s, 'read', null)).toBe(true);
    expect(scopeCovers(s, 'write', null)).toBe(false);
    const odd: OuScope = { all: false, read: new Set(), write: new Set(), readUnorganized: false, writeUnorganized: true };
    expect(scopeCovers(odd, 'read', null)).toBe(false);
    expect(scopeCovers(odd, 'write', null)).toBe(true);
    expect(scopeCovers(FULL_SCOPE, 'write', A)).toBe(true);
  });
});

describe('permissions', () => {
  it('an operation counts only with its menu; unknown codes count for nothing', () => {
    const p = effectivePermissions(['org-units', 'org-units:view', 'employees:view', 'roles', 'no-such-page', 'org-units:fly']);
    expect([...p].sort()).toEqual(['org-units', 'org-units:view', 'roles']);
    expect(isKnownPermission('employees:edit')).toBe(true);
    expect(isKnownPermission('employees:fly')).toBe(false);
    expect(isKnownPermission('tenant-params:edit')).toBe(false);
  });

  it('each action names its page operation, with the exceptions the subjects declare', () => {
    expect(permissionFor('OrgUnit', 'read')).toBe('org-units:view');
    expect(permissionFor('Employee', 'update')).toBe('employees:edit');
    expect(permissionFor('Customer', 'update')).toBe('customer-center:edit-contacts');
    expect(permissionFor('Customer', 'delete')).toBe('customer-center:delete');
    expect(permissionFor('ContactRecord', 'create')).toBe('customer-center:record-contact');
    expect(permissionFor('CustomerContext', 'delete')).toBe('customer-context:edit');
  });

  it('can(): tenant admins hold every permission; others exactly theirs', () => {
    const who = (isTenantAdmin: boolean, permissions: string[]) => ({ isTenantAdmin, permissions: new Set(permissions) }) as unknown as Principal;
    expect(can(who(true, []), 'roles:delete')).toBe(true);
    expect(can(who(false, ['roles', 'roles:delete']), 'roles:delete')).toBe(true);
    expect(can(who(false, ['roles']), 'roles:delete')).toBe(false);
  });
});

describe('the ability', () => {
  const ORG = ['org-units', 'org-units:view', 'org-units:edit'];
  const ability = (permissions: string[], s: OuScope, admin = false) => buildAbility(effectivePermissions(permissions), admin, s);

  it('reads and locates within the read scope, writes within the write scope', () => {
    const a = ability(
      ORG,
      scope([
        { ouId: B, canRead: true, canWrite: true },
        { ouId: D, canRead: true, canWrite: false },
      ]),
    );
    expect(allows(a, 'read', 'OrgUnit', D)).toBe(true);
    expect(allows(a, 'update', 'OrgUnit', D)).toBe(false);
    expect(allows(a, 'update', 'OrgUnit', C)).toBe(true);
    expect(allows(a, 'read', 'OrgUnit', A)).toBe(false);
    expect(allows(a, 'locate', 'OrgUnit', D)).toBe(true);
    expect(allows(a, 'locate', 'OrgUnit', A)).toBe(false);
    // Unorganized: read, never written without the unrestricted scope.
    expect(allows(a, 'read', 'OrgUnit', null)).toBe(true);
    expect(allows(a, 'update', 'OrgUnit', null)).toBe(false);
  });

  it('an action needs its operation; locating needs only the scope', () => {
    const a = ability(['org-units', 'org-units:edit'], scope([{ ouId: A, canRead: true, canWrite: true }]));
    expect(allows(a, 'read', 'OrgUnit', A)).toBe(false);
    expect(allows(a, 'delete', 'OrgUnit', A)).toBe(false);
    expect(allows(a, 'update', 'OrgUnit', A)).toBe(true);
    expect(allows(a, 'locate', 'OrgUnit', A)).toBe(true);
    expect(allows(a, 'locate', 'Employee', B)).toBe(true);
    expect(allows(a, 'read', 'Employee', B)).toBe(false);
  });

  it('a tenant admin may do everything, whatever its stored permission set says', () => {
    const a = buildAbility(new Set(), true, FULL_SCOPE);
    for (const name of Object.keys(SUBJECTS) as SubjectName[]) {
      for (const action of ['read', 'create', 'update', 'delete', 'locate'] as const) expect(allows(a, action, name, A), `${action} ${name}`).toBe(true);
    }
  });

  it('an unrestricted scope (isolation off) covers every OU, but only with the operation', () => {
    const a = ability(ORG, FULL_SCOPE);
    expect(allows(a, 'update', 'OrgUnit', A)).toBe(true);
    expect(allows(a, 'update', 'OrgUnit', null)).toBe(true);
    expect(allows(a, 'delete', 'OrgUnit', A)).toBe(false);
  });

  it('subjects without OUs ignore the scope', () => {
    const a = ability(['roles', 'roles:view'], scope([]));
    expect(allows(a, 'read', 'Role', A)).toBe(true);
    expect(allows(a, 'read', 'Role', null)).toBe(true);
    expect(allows(a, 'update', 'Role')).toBe(false);
  });
});

describe('the ability as an SQL filter', () => {
  const ORG = effectivePermissions(['org-units', 'org-units:view']);

  it('nothing allowed is a filter matching nothing, never no filter', () => {
    const a = buildAbility(new Set(), false, scope([{ ouId: A, canRead: true, canWrite: true }]));
    expect(scopeFilter(a, 'read', 'OrgUnit', 'id')).toEqual(matchNothing());
    expect(matchNothing()).toEqual({ id: { $in: [] } });
    expect(matchNothing()).not.toBe(matchNothing());
  });

  it('an unrestricted rule is no condition at all', () => {
    expect(scopeFilter(buildAbility(ORG, false, FULL_SCOPE), 'read', 'OrgUnit', 'id')).toEqual({});
    expect(scopeFilter(buildAbility(effectivePermissions(['roles', 'roles:view']), false, scope([])), 'read', 'Role', 'id')).toEqual({});
  });

  it('a scoped rule is a condition on the OU column: the readable OUs or Unorganized', () => {
    const f = scopeFilter(buildAbility(ORG, false, scope([{ ouId: B, canRead: true, canWrite: false }])), 'read', 'OrgUnit', 'ou') as {
      $and: { $or: object[] }[];
    };
    expect(f.$and).toHaveLength(1);
    expect(f.$and[0]!.$or).toEqual(expect.arrayContaining([{ ou: null }, { ou: { $in: expect.arrayContaining([B, C]) } }]));
    expect(f.$and[0]!.$or).toHaveLength(2);
  });

  it('the condition nests through relations', () => {
    const f = scopeFilter(buildAbility(ORG, false, scope([{ ouId: D, canRead: true, canWrite: false }])), 'read', 'OrgUnit', 'customer.ou');
    expect(JSON.stringify(f)).toContain(JSON.stringify({ customer: { ou: { $in: [D] } } }));
    expect(JSON.stringify(f)).toContain(JSON.stringify({ customer: { ou: null } }));
  });

  it('"no OU" through a nullable relation sees the related row, or none at all', () => {
    // A nullable relation (an agent's employee) is left-joined under its own row scope, which
    // may join the row away and leave its OU null: that must not read as Unorganized.
    const ability = buildAbility(ORG, false, scope([{ ouId: D, canRead: true, canWrite: false }]));
    const f = scopeFilter(ability, 'read', 'OrgUnit', 'employee.homeOu', { nullableVia: true });
    expect(JSON.stringify(f)).toContain(JSON.stringify({ $or: [{ employee: null }, { employee: { tenant: { $ne: null }, homeOu: null } }] }));
    expect(JSON.stringify(f)).toContain(JSON.stringify({ employee: { homeOu: { $in: [D] } } }));
  });

  it('a write filter names only the writable OUs', () => {
    const f = scopeFilter(
      buildAbility(
        effectivePermissions(['org-units', 'org-units:edit']),
        false,
        scope([
          { ouId: B, canRead: true, canWrite: true },
          { ouId: D, canRead: true, canWrite: false },
        ]),
      ),
      'update',
      'OrgUnit',
      'ou',
    );
    expect(f).toEqual({ $and: [{ $or: [{ ou: { $in: expect.arrayContaining([B, C]) } }] }] });
    expect(JSON.stringify(f)).not.toContain(D);
  });

  it('a condition that is not on the OU column does not restrict by OU, alone or beside one that does', () => {
    const other = new AbilityBuilder<AppAbility>(createMongoAbility);
    other.can('read', 'OrgUnit', { name: 'x' } as never);
    expect(scopeFilter(other.build(), 'read', 'OrgUnit', 'ou')).toEqual({});
    const mixed = new AbilityBuilder<AppAbility>(createMongoAbility);
    mixed.can('read', 'OrgUnit', { ouId: { $in: [A] } } as never);
    mixed.can('read', 'OrgUnit', { name: 'x' } as never);
    expect(scopeFilter(mixed.build(), 'read', 'OrgUnit', 'ou')).toEqual({});
  });

  it('a rule that forbids (CASL `cannot`) becomes a negated condition, not a permission', () => {
    const { can: allow, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    allow('read', 'OrgUnit');
    cannot('read', 'OrgUnit', { ouId: { $in: [A] } } as never);
    const f = scopeFilter(build(), 'read', 'OrgUnit', 'ou');
    expect(JSON.stringify(f)).toContain(JSON.stringify({ $not: { ou: { $in: [A] } } }));
  });
});

describe('holdings and the takeover rule', () => {
  const shape = { tree: TREE, interOrgIsolation: true };
  const held = (permissions: string[], grants: { ouId: string; canRead: boolean; canWrite: boolean }[], isTenantAdmin = false) =>
    holdingsOf({ isTenantAdmin, permissions, grants }, shape);

  it('holdings: effective permissions and the scope; tenant admins and isolation off are unrestricted', () => {
    const h = held(['roles', 'roles:view', 'employees:view'], [{ ouId: B, canRead: true, canWrite: false }]);
    expect([...h.permissions].sort()).toEqual(['roles', 'roles:view']);
    expect(sorted(h.scope.read)).toEqual([B, C]);
    expect(h.isTenantAdmin).toBe(false);
    const admin = held([], [], true);
    expect(admin.isTenantAdmin).toBe(true);
    expect([...admin.permissions].sort()).toEqual([...ALL_PERMISSIONS].sort());
    expect(admin.scope).toBe(FULL_SCOPE);
    expect(holdingsOf({ isTenantAdmin: false, permissions: [], grants: [] }, { tree: TREE, interOrgIsolation: false }).scope).toBe(FULL_SCOPE);
  });

  it('shortfall names what the target holds beyond the actor: admin rights, permissions, read, write, Unorganized', () => {
    const actor = held(['roles', 'roles:view'], [{ ouId: B, canRead: true, canWrite: true }]);
    expect(shortfall(actor, held(['roles', 'roles:view'], [{ ouId: C, canRead: true, canWrite: true }]))).toEqual([]);
    expect(shortfall(actor, held([], [], true))).toEqual(['tenant admin rights']);
    expect(shortfall(held([], [], true), held([], [], true))).toEqual([]);
    expect(shortfall(actor, held(['roles', 'roles:view', 'roles:edit', 'audit', 'audit:view'], []))).toEqual(['permissions audit, audit:view, roles:edit']);
    expect(shortfall(actor, held([], [{ ouId: D, canRead: true, canWrite: false }]))).toEqual(['read access to OUs you cannot read']);
    expect(shortfall(held([], [{ ouId: D, canRead: true, canWrite: false }]), held([], [{ ouId: D, canRead: true, canWrite: true }]))).toEqual([
      'write access to OUs you cannot write',
    ]);
  });

  it('an unrestricted target is out of reach of a scoped actor, in reads, writes and Unorganized', () => {
    const actor = held([], [{ ouId: A, canRead: true, canWrite: true }]);
    const open: Holdings = { isTenantAdmin: false, permissions: new Set(), scope: FULL_SCOPE };
    expect(shortfall(actor, open)).toEqual([
      'read access to OUs you cannot read',
      'write access to OUs you cannot write',
      'write access to Unorganized records',
    ]);
    expect(shortfall(open, open)).toEqual([]);
    expect(shortfall(open, actor)).toEqual([]);
  });
});

describe('the auth checker', () => {
  const principal = (over: Partial<Principal> = {}) =>
    ({ isTenantAdmin: false, mustChangePassword: false, permissions: new Set(['roles', 'roles:view']), ...over }) as Principal;
  const check = (p: Principal | undefined, roles: string[]) => {
    try {
      return (authChecker as AuthCheckerFn<Context>)({ context: { principal: p } } as never, roles);
    } catch (e) {
      const err = e as { extensions?: { code?: string; reason?: string }; message: string };
      return `${err.extensions?.code}${err.extensions?.reason ? `/${err.extensions.reason}` : ''}: ${err.message}`;
    }
  };

  it('no principal: UNAUTHENTICATED, whatever the field asks', () => {
    expect(check(undefined, [AUTHENTICATED])).toMatch(/^UNAUTHENTICATED/);
    expect(check(undefined, [])).toMatch(/^UNAUTHENTICATED/);
  });

  it('a permission is checked; tenant admins hold them all', () => {
    expect(check(principal(), ['roles:view'])).toBe(true);
    expect(check(principal(), ['roles:edit'])).toBe('FORBIDDEN: Missing permission roles:edit');
    expect(check(principal({ isTenantAdmin: true }), ['roles:edit'])).toBe(true);
    expect(check(principal(), [AUTHENTICATED])).toBe(true);
    expect(check(principal(), [])).toBe(true);
  });

  it('an operation needing several permissions names every one that is missing', () => {
    const both = ['roles:edit', 'roles:delete'].join(ALL_OF);
    expect(check(principal(), [both])).toBe('FORBIDDEN: Missing permission roles:edit, roles:delete');
    expect(check(principal({ permissions: new Set(['roles', 'roles:edit']) }), [both])).toBe('FORBIDDEN: Missing permission roles:delete');
    expect(check(principal({ permissions: new Set(['roles', 'roles:edit', 'roles:delete']) }), [both])).toBe(true);
  });

  it('tenant-admin fields: tenant admins only, never through a permission', () => {
    expect(check(principal({ permissions: new Set([TENANT_ADMIN]) }), [TENANT_ADMIN])).toBe('FORBIDDEN/TENANT_ADMIN_ONLY: Only tenant admins may do this');
    expect(check(principal({ isTenantAdmin: true }), [TENANT_ADMIN])).toBe(true);
  });

  it('before the first password change, only the fields marked for it', () => {
    const fresh = principal({ mustChangePassword: true, isTenantAdmin: true });
    expect(check(fresh, [AUTHENTICATED])).toBe('FORBIDDEN/PASSWORD_CHANGE_REQUIRED: Change your initial password first');
    expect(check(fresh, [AUTHENTICATED, 'during-password-change'])).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The same rules over the HTTP pipeline, where the kernel applies them.

describe('over the API', () => {
  let t: TestApp;
  let admin: GraphQLClient;
  let ouA: string;
  let ouB: string;
  const write = (ouId: string) => ({ ouId, canRead: true, canWrite: true });
  const read = (ouId: string) => ({ ouId, canRead: true, canWrite: false });
  const EMPLOYEE_PAGE = ['employees', 'employees:view'];

  beforeAll(async () => {
    t = await startTestApp();
    const tenant = await createTestTenant(t.orm, 'authzrules');
    admin = await t.loginAs(tenant.adminAccount, tenant.password);
    ouA = await createOu(admin, 'A');
    ouB = await createOu(admin, 'B');
  });
  afterAll(() => t?.close());

  const fieldOf = (res: GraphQLResponse<unknown>, field: string) => (res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined)?.[field];
  const ACCESS = 'query($id: ID!) { Employee(id: $id) { access { canEdit canDelete } } }';
  const accessOf = async (as: GraphQLClient, id: string) => (await as.ok<{ Employee: { access: unknown } }>(ACCESS, { id })).Employee.access;

  it('access checks the takeover rule for either operation alone: edit without delete, delete without edit', async () => {
    const strong = await createRole(admin, [...EMPLOYEE_PAGE, 'employees:edit', 'employees:delete', 'audit', 'audit:view']);
    const target = await createEmployee(t, admin, { roleIds: [strong], grants: [write(ouA)], homeOuId: ouA }, 'strong');
    const peer = await createEmployee(t, admin, { homeOuId: ouA }, 'peer');
    const editOnly = await createEmployee(t, admin, { roleIds: [await createRole(admin, [...EMPLOYEE_PAGE, 'employees:edit'])], grants: [write(ouA)] }, 'edit');
    const deleteOnly = await createEmployee(
      t,
      admin,
      { roleIds: [await createRole(admin, [...EMPLOYEE_PAGE, 'employees:delete'])], grants: [write(ouA)] },
      'del',
    );
    expect(await accessOf(editOnly.client, target.id)).toEqual({ canEdit: false, canDelete: false });
    expect(await accessOf(deleteOnly.client, target.id)).toEqual({ canEdit: false, canDelete: false });
    expect(await accessOf(editOnly.client, peer.id)).toEqual({ canEdit: true, canDelete: false });
    expect(await accessOf(deleteOnly.client, peer.id)).toEqual({ canEdit: false, canDelete: true });
  });

  it('a refused write says which operation is missing where', async () => {
    const viewer = await createEmployee(
      t,
      admin,
      { roleIds: [await createRole(admin, ['org-units', 'org-units:view', 'org-units:create', 'org-units:edit', 'org-units:delete'])], grants: [read(ouA)] },
      'ouread',
    );
    const child = await createOu(admin, 'A child', ouA);
    const refusal = async (query: string, vars: Record<string, unknown>) => {
      const res = await viewer.client.request(query, vars);
      expect(code(res)).toBe('FORBIDDEN');
      return res.errors![0]!.message;
    };
    expect(await refusal('mutation($id: ID!) { updateOrgUnit(id: $id, name: "Renamed") { id } }', { id: child })).toBe('Not allowed to edit this OU here');
    expect(await refusal('mutation($id: ID!) { deleteOrgUnit(id: $id) { id } }', { id: child })).toBe('Not allowed to delete this OU here');
    expect(await refusal('mutation($p: ID!) { createOrgUnit(name: "New", parentId: $p) { id } }', { p: ouA })).toBe('Not allowed to create this OU here');
  });

  it('the takeover refusal names the kind of principal and what it holds beyond the caller', async () => {
    const editorRole = await createRole(admin, [...EMPLOYEE_PAGE, 'employees:edit', 'api-clients', 'api-clients:view', 'api-clients:edit']);
    const editor = await createEmployee(t, admin, { roleIds: [editorRole], grants: [write(ouA)] }, 'editor');
    const target = await createEmployee(
      t,
      admin,
      { roleIds: [await createRole(admin, ['audit', 'audit:view'])], grants: [write(ouA)], homeOuId: ouA },
      'holder',
    );
    const res = await editor.client.request('mutation($id: ID!) { updateEmployee(id: $id, position: "x") { id } }', { id: target.id });
    expect(res.errors?.[0]?.extensions?.reason).toBe('TARGET_HOLDS_MORE');
    expect(res.errors?.[0]?.message).toBe(
      'This employee holds permissions audit, audit:view that you do not hold: only someone holding everything it holds may change it',
    );
    const wider = await createEmployee(t, admin, { roleIds: [await createRole(admin, ['audit'])], grants: [write(ouA), read(ouB)], homeOuId: ouA }, 'wider');
    const two = await editor.client.request('mutation($id: ID!) { updateEmployee(id: $id, position: "x") { id } }', { id: wider.id });
    expect(two.errors?.[0]?.message).toBe(
      'This employee holds permissions audit, read access to OUs you cannot read that you do not hold: only someone holding everything it holds may change it',
    );
    const { createApiClient } = await admin.ok<{ createApiClient: { id: string } }>(
      'mutation($r: [ID!]) { createApiClient(name: "Reader", roleIds: $r) { id } }',
      {
        r: [await createRole(admin, ['roles', 'roles:view'])],
      },
    );
    const client = await editor.client.request('mutation($id: ID!) { updateApiClient(id: $id, name: "Renamed") { id } }', { id: createApiClient.id });
    expect(client.errors?.[0]?.message).toBe(
      'This API client holds permissions roles, roles:view that you do not hold: only someone holding everything it holds may change it',
    );
  });

  it('a search text is trimmed: blanks alone search nothing, surrounding blanks are ignored', async () => {
    const all = await admin.ok<{ allOrgUnits: { id: string }[] }>('{ allOrgUnits(perPage: 500) { id } }');
    const blank = await admin.ok<{ allOrgUnits: { id: string }[] }>('{ allOrgUnits(perPage: 500, filter: { q: "   " }) { id } }');
    expect(blank.allOrgUnits).toEqual(all.allOrgUnits);
    const padded = await admin.ok<{ allOrgUnits: { id: string }[] }>('{ allOrgUnits(perPage: 500, filter: { q: "  B  " }) { id } }');
    expect(padded.allOrgUnits.map((o) => o.id)).toContain(ouB);
  });

  it('access flags of a page of employees and API clients together, each judged against what it holds', async () => {
    const role = await createRole(admin, [...EMPLOYEE_PAGE, 'employees:edit', 'api-clients', 'api-clients:view', 'api-clients:edit']);
    const editor = await createEmployee(t, admin, { roleIds: [role], grants: [write(ouA)] }, 'pager');
    const weakRole = await createRole(admin, ['api-clients', 'api-clients:view']);
    const strongRole = await createRole(admin, ['audit', 'audit:view']);
    const client = async (name: string, r: string) =>
      (
        await admin.ok<{ createApiClient: { id: string } }>('mutation($n: String!, $r: [ID!]) { createApiClient(name: $n, roleIds: $r) { id } }', {
          n: name,
          r: [r],
        })
      ).createApiClient.id;
    const weakClient = await client('Weak', weakRole);
    const strongClient = await client('Strong', strongRole);
    const weakEmployee = await createEmployee(t, admin, { roleIds: [weakRole], homeOuId: ouA }, 'weak');
    const strongEmployee = await createEmployee(t, admin, { roleIds: [strongRole], homeOuId: ouA }, 'strong');
    type Row = { id: string; access: { canEdit: boolean } };
    const page = await editor.client.ok<{ allApiClients: Row[]; allEmployees: Row[] }>(
      `query($c: [ID!], $e: [ID!]) {
         allApiClients(filter: { ids: $c }) { id access { canEdit } }
         allEmployees(filter: { ids: $e }) { id access { canEdit } }
       }`,
      { c: [weakClient, strongClient], e: [weakEmployee.id, strongEmployee.id] },
    );
    const flags = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.id, r.access.canEdit]));
    expect(flags(page.allApiClients)).toEqual({ [weakClient]: true, [strongClient]: false });
    expect(flags(page.allEmployees)).toEqual({ [weakEmployee.id]: true, [strongEmployee.id]: false });
  });

  it('a field shown with a permission is empty for a principal without it, and filled with it', async () => {
    const { createCustomer } = await admin.ok<{ createCustomer: { id: string } }>(
      'mutation($o: ID) { createCustomer(name: "Shown", phones: ["+49 30 5550 1234"], ouId: $o) { id } }',
      { o: ouA },
    );
    await admin.ok('mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "Open") { id } }', { c: createCustomer.id });
    const CONTEXT = 'query { customerContext(phone: "+49 30 5550 1234") { customer { id } openRequests { id } } }';
    const page = ['customer-center', 'customer-center:view'];
    const withoutIt = await createEmployee(t, admin, { roleIds: [await createRole(admin, page)], grants: [read(ouA)] }, 'shown-no');
    const withIt = await createEmployee(
      t,
      admin,
      { roleIds: [await createRole(admin, [...page, 'customer-context', 'customer-context:view'])], grants: [read(ouA)] },
      'shown-yes',
    );
    type Context = { customerContext: { customer: { id: string }; openRequests: unknown[] } };
    const hidden = await withoutIt.client.ok<Context>(CONTEXT);
    expect(hidden.customerContext.customer.id).toBe(createCustomer.id);
    expect(hidden.customerContext.openRequests).toEqual([]);
    expect((await withIt.client.ok<Context>(CONTEXT)).customerContext.openRequests).toHaveLength(1);
  });

  describe('roles and grants given by someone who is not a tenant admin', () => {
    const GRANTS = 'mutation($id: ID!, $g: [OuGrantInput!]) { updateEmployee(id: $id, grants: $g) { id grants { ouId canRead canWrite } } }';
    let editor: Awaited<ReturnType<typeof createEmployee>>;

    beforeAll(async () => {
      const role = await createRole(admin, [...EMPLOYEE_PAGE, 'employees:edit', 'roles', 'roles:view', 'audit']);
      editor = await createEmployee(t, admin, { roleIds: [role], grants: [write(ouA), read(ouB)] }, 'giver');
    });

    it('a role list naming a malformed or unknown id is refused as a whole', async () => {
      const target = await createEmployee(t, admin, { homeOuId: ouA }, 'roles');
      const mine = await createRole(admin, ['audit']);
      for (const ids of [['not-a-uuid'], [mine, 'not-a-uuid'], [mine, '00000000-0000-4000-8000-000000000000']]) {
        const res = await editor.client.request('mutation($id: ID!, $r: [ID!]) { updateEmployee(id: $id, roleIds: $r) { id } }', { id: target.id, r: ids });
        expect(code(res)).toBe('BAD_USER_INPUT');
        expect(fieldOf(res, 'roleIds')).toBe('Role not found');
      }
      const { Employee } = await admin.ok<{ Employee: { roleIds: string[] } }>('query($id: ID!) { Employee(id: $id) { roleIds } }', { id: target.id });
      expect(Employee.roleIds).toEqual([]);
      // The same id twice is the one role.
      await editor.client.ok('mutation($id: ID!, $r: [ID!]) { updateEmployee(id: $id, roleIds: $r) { id } }', { id: target.id, r: [mine, mine] });
    });

    it('what a role list would give together with the roles the holder keeps is refused on roleIds', async () => {
      // The holder keeps an operation without its menu (which gives nothing); the editor may give the menu, not the operation.
      const target = await createEmployee(t, admin, { roleIds: [await createRole(admin, ['audit:view'])], homeOuId: ouA }, 'orphan');
      const menu = await createRole(admin, ['audit']);
      const res = await editor.client.request('mutation($id: ID!, $r: [ID!]) { updateEmployee(id: $id, roleIds: $r) { id } }', {
        id: target.id,
        r: [menu],
      });
      // A role editor sees the holder's whole list: naming only the menu role replaces it, so nothing is combined.
      expect(code(res)).toBeUndefined();
      const blindRole = await createRole(admin, [...EMPLOYEE_PAGE, 'employees:edit', 'audit']);
      const blind = await createEmployee(t, admin, { roleIds: [blindRole], grants: [write(ouA)] }, 'blind');
      const kept = await createEmployee(t, admin, { roleIds: [await createRole(admin, ['audit:view'])], homeOuId: ouA }, 'kept');
      const added = await blind.client.request('mutation($id: ID!, $r: [ID!]) { updateEmployee(id: $id, roleIds: $r) { id } }', { id: kept.id, r: [menu] });
      expect(code(added)).toBe('BAD_USER_INPUT');
      expect(fieldOf(added, 'roleIds')).toBe('With what it keeps, this would give permissions audit:view, which you do not hold');
    });

    it('grants: one per OU, neither flag means none, read stays read, write implies read', async () => {
      const target = await createEmployee(t, admin, { homeOuId: ouA }, 'grants');
      const twice = await editor.client.request(GRANTS, { id: target.id, g: [read(ouA), write(ouA)] });
      expect(fieldOf(twice, 'grants')).toBe('Each OU may be granted only once');
      const child = await createOu(admin, 'A2', ouA);
      const { updateEmployee } = await editor.client.ok<{ updateEmployee: { grants: unknown[] } }>(GRANTS, {
        id: target.id,
        g: [read(ouA), { ouId: child, canRead: false, canWrite: true }],
      });
      expect(updateEmployee.grants).toEqual(expect.arrayContaining([read(ouA), write(child)]));
      expect(updateEmployee.grants).toHaveLength(2);
      const none = await editor.client.ok<{ updateEmployee: { grants: unknown[] } }>(GRANTS, {
        id: target.id,
        g: [read(ouA), { ouId: child, canRead: false, canWrite: false }],
      });
      expect(none.updateEmployee.grants).toEqual([read(ouA)]);
    });

    it('grants: OUs outside the write scope only as the holder already has them, never raised; unreadable ones are not found', async () => {
      const target = await createEmployee(t, admin, { grants: [read(ouB)], homeOuId: ouA }, 'kept');
      // Kept as it is (and with a new one inside the write scope): allowed.
      const kept = await editor.client.ok<{ updateEmployee: { grants: unknown[] } }>(GRANTS, { id: target.id, g: [read(ouB), write(ouA)] });
      expect(kept.updateEmployee.grants).toEqual(expect.arrayContaining([read(ouB), write(ouA)]));
      // Raised from read to write, or given to someone who had none: refused.
      const raised = await editor.client.request(GRANTS, { id: target.id, g: [write(ouB), write(ouA)] });
      expect(fieldOf(raised, 'grants')).toBe('You can grant access only to OUs you may write');
      const fresh = await createEmployee(t, admin, { homeOuId: ouA }, 'fresh');
      expect(fieldOf(await editor.client.request(GRANTS, { id: fresh.id, g: [read(ouB)] }), 'grants')).toBe('You can grant access only to OUs you may write');
      // An OU the editor cannot read is answered like a missing one.
      const hidden = await createOu(admin, 'Hidden');
      expect(fieldOf(await editor.client.request(GRANTS, { id: fresh.id, g: [read(hidden)] }), 'grants')).toBe('OU not found');
      const { Employee } = await admin.ok<{ Employee: { grants: unknown[] } }>('query($id: ID!) { Employee(id: $id) { grants { ouId } } }', { id: fresh.id });
      expect(Employee.grants).toEqual([]);
    });
  });
});

describe('subjects are declared where their records are', () => {
  it('every subject of the product is declared by its entity, with its page', () => {
    expect(Object.keys(SUBJECTS).sort()).toEqual(
      [
        'AccessCode',
        'ActivityFieldDefinition',
        'Agent',
        'AgentState',
        'AddressOption',
        'ApiClient',
        'AuditEntry',
        'CalledRoute',
        'ContactRecord',
        'Customer',
        'CustomerContext',
        'Employee',
        'Ivr',
        'OrgUnit',
        'QueueLoad',
        'Role',
        'SkillQueue',
        'SkillQueueGroup',
        'Tenant',
        'VoicePrompt',
        'WebChannel',
        'WorkTimeException',
      ].sort(),
    );
    expect(permissionFor('Customer', 'update')).toBe('customer-center:edit-contacts');
    expect(permissionFor('Tenant', 'read')).toBe('tenant-params:view');
  });

  it('an undeclared subject stops the start with a clear error, and a subject cannot be declared twice differently', () => {
    expect(() => permissionFor('Nowhere', 'read')).toThrow('Subject Nowhere is not declared');
    expect(() => defineSubject('Customer', { menu: 'org-units', ouScoped: false })).toThrow('Subject Customer is declared twice');
    expect(() => defineSubject('Customer', SUBJECTS.Customer!)).not.toThrow();
  });
});
