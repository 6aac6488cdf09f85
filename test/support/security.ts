import type { TestApp } from './app';
import { TEST_PASSWORD } from './app';
import type { GraphQLClient } from './graphql';

let counter = 0;
export const uniqueAccount = (label: string) => `${label}.${process.pid}.${Date.now().toString(36)}.${++counter}`;

export interface Grant {
  ouId: string;
  canRead: boolean;
  canWrite: boolean;
}

export async function createRole(admin: GraphQLClient, permissions: string[], name = `role-${++counter}`): Promise<string> {
  const { createRole } = await admin.ok<{ createRole: { id: string } }>(
    'mutation($n: String!, $p: [String!]!) { createRole(name: $n, permissions: $p) { id } }',
    { n: name, p: permissions },
  );
  return createRole.id;
}

export interface EmployeeSpec {
  roleIds?: string[];
  grants?: Grant[];
  homeOuId?: string | null;
  isTenantAdmin?: boolean;
}

/** An employee created through the API by an admin, past its first-login password change. */
export async function createEmployee(t: TestApp, admin: GraphQLClient, spec: EmployeeSpec = {}, label = 'emp') {
  const account = uniqueAccount(label);
  const { createEmployee } = await admin.ok<{ createEmployee: { id: string } }>(
    `mutation($a: String!, $r: [ID!], $g: [OuGrantInput!], $h: ID, $adm: Boolean) {
       createEmployee(account: $a, name: $a, password: "Initial#Pass1", roleIds: $r, grants: $g, homeOuId: $h, isTenantAdmin: $adm) { id }
     }`,
    { a: account, r: spec.roleIds ?? [], g: spec.grants ?? [], h: spec.homeOuId ?? null, adm: spec.isTenantAdmin ?? false },
  );
  const first = await t.loginAs(account, 'Initial#Pass1');
  await first.ok('mutation { changePassword(oldPassword: "Initial#Pass1", newPassword: "Changed#Pass1") }');
  // Changing the password revokes every token issued before it, the first one included.
  const client = await t.loginAs(account, 'Changed#Pass1');
  return { id: createEmployee.id, account, password: 'Changed#Pass1', client };
}

export async function createOu(admin: GraphQLClient, name: string, parentId?: string | null): Promise<string> {
  const { createOrgUnit } = await admin.ok<{ createOrgUnit: { id: string } }>(
    'mutation($n: String!, $p: ID) { createOrgUnit(name: $n, parentId: $p) { id } }',
    { n: name, p: parentId ?? null },
  );
  return createOrgUnit.id;
}

export async function setIsolation(admin: GraphQLClient, on: boolean) {
  await admin.ok('mutation($v: Boolean) { updateMyTenant(interOrgIsolation: $v) { id } }', { v: on });
}

export const code = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

export { TEST_PASSWORD };
