import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../api/src/modules/identity/role.entity';
import { Tenant } from '../../api/src/common/tenant.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createRole } from '../support/security';

/** Issue 7 item 2: tenant parameters are edited by tenant admins only (SPEC §1); others may at most read them. */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'params');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

const isolationOf = async () => (await t.db().findOneOrFail(Tenant, tenant.tenantId)).interOrgIsolation;

describe('tenant parameters: admins edit, others at most read', () => {
  it('no role can hold the edit operation', async () => {
    const res = await admin.request('mutation { createRole(name: "Params", permissions: ["tenant-params", "tenant-params:edit"]) { id } }');
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.fields).toHaveProperty('permissions');
  });

  it('a non-admin whose stored role still names tenant-params:edit cannot switch isolation off', async () => {
    const roleId = await createRole(admin, ['tenant-params', 'tenant-params:view']);
    // A role saved before the rule (or written by hand) that lists the old operation.
    const em = t.db();
    const role = await em.findOneOrFail(Role, roleId);
    role.permissions = [...role.permissions, 'tenant-params:edit'];
    await em.flush();
    const e = await createEmployee(t, admin, { roleIds: [roleId] }, 'params');
    const read = await e.client.request<{ myTenant: { interOrgIsolation: boolean } }>('{ myTenant { interOrgIsolation } }');
    expect(read.data?.myTenant.interOrgIsolation).toBe(true);
    const res = await e.client.request('mutation { updateMyTenant(interOrgIsolation: false) { id } }');
    expect(code(res)).toBe('FORBIDDEN');
    expect(res.errors![0]!.extensions!.reason).toBe('TENANT_ADMIN_ONLY');
    expect(await isolationOf()).toBe(true);
    const { me } = await e.client.ok<{ me: { permissions: string[] } }>('{ me { permissions } }');
    expect(me.permissions).not.toContain('tenant-params:edit');
  });

  it('the tenant admin edits them', async () => {
    await admin.ok('mutation { updateMyTenant(contactRecordSpanDays: 45) { contactRecordSpanDays } }');
    expect((await t.db().findOneOrFail(Tenant, tenant.tenantId)).contactRecordSpanDays).toBe(45);
  });
});
