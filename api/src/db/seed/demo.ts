import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Employee } from '../../modules/identity/employee.entity';
import { OuGrant } from '../../modules/identity/ou-grant.entity';
import { hashPassword } from '../../modules/identity/password';
import { Role } from '../../modules/identity/role.entity';
import { Tenant } from '../../modules/tenant/tenant.entity';
import { createTenantWithAdmin } from '../../modules/tenant/tenant.service';
import { OrgUnit } from '../../modules/org/org-unit.entity';
import { PATH_SEPARATOR } from '../../modules/org/org-unit.service';
import { withMigrationLock } from '../migrate';
import { seedDemoCustomers } from './demo-customers';

/** Menus whose `:view` the demo viewer holds (with the menus themselves). */
const VIEWER_MENUS = ['customer-center', 'customer-context', 'org-units', 'employees', 'roles', 'audit', 'tenant-params'] as const;

export const DEMO = {
  tenantCode: 'demo',
  tenantName: 'Demo Contact Center',
  adminAccount: 'demo.admin',
  password: 'Switchboard#1',
  /** Top-level OUs besides DefaultOU, with their children. */
  tree: { North: ['North-East', 'North-West'], South: [] as string[] },
  /** Scoped demo accounts (same password as the admin), listed in the start-up banner. */
  accounts: [
    {
      account: 'demo.north',
      name: 'Nora North',
      homeOu: 'North',
      description: 'North supervisor: reads and writes North and its subtree, reads Unorganized',
      role: {
        name: 'North supervisor',
        description: 'Customer care for the North region',
        permissions: [
          'customer-center', 'customer-center:view', 'customer-center:create', 'customer-center:edit-contacts', 'customer-center:delete',
          'customer-context', 'customer-context:view', 'customer-context:edit', 'customer-context:move-activity',
          'org-units', 'org-units:view',
          'employees', 'employees:view',
        ],
      },
      /** OU paths and the access granted on their subtrees. */
      grants: [{ ou: 'North', canRead: true, canWrite: true }],
    },
    {
      account: 'demo.viewer',
      name: 'Victor Viewer',
      homeOu: 'DefaultOU',
      description: 'Viewer: reads everything, changes nothing',
      role: {
        name: 'Viewer',
        description: 'Read-only access to every page',
        permissions: VIEWER_MENUS.flatMap((menu) => [menu, `${menu}:view`]),
      },
      grants: [
        { ou: 'DefaultOU', canRead: true, canWrite: false },
        { ou: 'North', canRead: true, canWrite: false },
        { ou: 'South', canRead: true, canWrite: false },
      ],
    },
  ],
} as const;

/** Seeds the demo tenant on first start only; later starts (and other replicas) find it and stop. */
export async function seedDemo(orm: MikroORM): Promise<boolean> {
  return withMigrationLock(orm, async () => {
    const em = orm.em.fork();
    if (await em.count(Tenant, { code: DEMO.tenantCode })) return false;
    const { tenant, defaultOu } = await createTenantWithAdmin(em, {
      code: DEMO.tenantCode,
      name: DEMO.tenantName,
      adminAccount: DEMO.adminAccount,
      adminPassword: DEMO.password,
      adminName: 'Demo Administrator',
    });
    const ous: Record<string, OrgUnit> = { [defaultOu.path]: defaultOu };
    for (const [name, children] of Object.entries(DEMO.tree)) {
      const parent = em.create(OrgUnit, { tenant, name, path: name, parent: null });
      ous[parent.path] = parent;
      await em.flush(); // parent first: inserting both at once would insert, then update the child
      for (const child of children) {
        const ou = em.create(OrgUnit, { tenant, name: child, parent, path: name + PATH_SEPARATOR + child });
        ous[ou.path] = ou;
      }
    }
    await em.flush();
    await seedDemoEmployees(em, tenant, ous);
    await seedDemoCustomers(em, tenant.id, Object.fromEntries(Object.entries(ous).map(([path, ou]) => [path, ou.id])));
    return true;
  });
}

/** The scoped demo accounts: a role each and OU grants (no password change required). */
async function seedDemoEmployees(em: EntityManager, tenant: Tenant, ous: Record<string, OrgUnit>): Promise<void> {
  const hashes = await Promise.all(DEMO.accounts.map(() => hashPassword(DEMO.password)));
  DEMO.accounts.forEach((spec, i) => {
    const role = em.create(Role, { tenant, name: spec.role.name, description: spec.role.description, permissions: [...spec.role.permissions] });
    const employee = em.create(Employee, {
      tenant,
      account: spec.account,
      name: spec.name,
      passwordHash: hashes[i]!,
      homeOu: ous[spec.homeOu]!,
      mustChangePassword: false,
    });
    employee.roles.add(role);
    for (const grant of spec.grants) em.create(OuGrant, { tenant, employee, ou: ous[grant.ou]!, canRead: grant.canRead, canWrite: grant.canWrite });
  });
  await em.flush();
}
