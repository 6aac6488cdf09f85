import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Employee } from '../../modules/identity/employee.entity';
import { OuGrant } from '../../modules/identity/ou-grant.entity';
import { hashPassword } from '../../modules/identity/password';
import { Role } from '../../modules/identity/role.entity';
import { Tenant } from '../../common/tenant.entity';
import { createTenantWithAdmin } from '../../modules/tenant/tenant.service';
import { OrgUnit } from '../../modules/org/org-unit.entity';
import { PATH_SEPARATOR } from '../../modules/org/ou-path';
import { withMigrationLock } from '../migrate';
import { seedDemoCustomers } from './demo-customers';
import { seedDemoAgents } from './demo-agents';
import { seedDemoRouting } from './demo-routing';
import { unscoped } from '../../common/row-scope';

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
          'customer-center',
          'customer-center:view',
          'customer-center:create',
          'customer-center:edit-contacts',
          'customer-center:delete',
          'customer-context',
          'customer-context:view',
          'customer-context:edit',
          'customer-context:move-activity',
          'org-units',
          'org-units:view',
          'employees',
          'employees:view',
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

/**
 * What the demo seed consists of, in order. A database records the steps it has (setting
 * `demo_seed_version`), so a first start seeds everything, a restart seeds nothing, and a
 * database seeded by an older version gets only the steps added since: 1 the tenant and its
 * OUs, 2 the scoped accounts and the customers, 3 the routing configuration, 4 the agents.
 */
const DEMO_SEED_VERSION = 4;

/** Seeds the demo tenant once; later starts (and other replicas) find it done and stop. */
export async function seedDemo(orm: MikroORM): Promise<boolean> {
  return withMigrationLock(orm, async () => {
    const em = unscoped(orm.em.fork(), 'the demo seed writes a whole tenant, as a platform operator');
    const conn = em.getConnection();
    const [setting] = await conn.execute<{ value: string }[]>(`select value from platform_setting where key = 'demo_seed_version'`);
    const existing = await em.findOne(Tenant, { code: DEMO.tenantCode });
    // Version 1 (the tenant and its OU tree) is what a demo tenant without a recorded version has.
    const done = setting ? Number(setting.value) : existing ? 1 : 0;
    if (done >= DEMO_SEED_VERSION) return false;
    const tenant = existing ?? (await seedDemoTenant(em));
    const ous = await em.find(OrgUnit, { tenant });
    const byPath = Object.fromEntries(ous.map((ou) => [ou.path, ou]));
    if (done < 2) {
      await seedDemoEmployees(em, tenant, byPath);
      await seedDemoCustomers(em, tenant.id, Object.fromEntries(ous.map((ou) => [ou.path, ou.id])));
    }
    if (done < 3) await seedDemoRouting(em, tenant, byPath);
    if (done < 4) await seedDemoAgents(em, tenant, byPath, DEMO.password);
    await conn.execute(`insert into platform_setting (key, value) values ('demo_seed_version', ?) on conflict (key) do update set value = excluded.value`, [
      String(DEMO_SEED_VERSION),
    ]);
    return true;
  });
}

async function seedDemoTenant(em: EntityManager): Promise<Tenant> {
  const { tenant } = await createTenantWithAdmin(em, {
    code: DEMO.tenantCode,
    name: DEMO.tenantName,
    adminAccount: DEMO.adminAccount,
    adminPassword: DEMO.password,
    adminName: 'Demo Administrator',
  });
  for (const [name, children] of Object.entries(DEMO.tree)) {
    const parent = em.create(OrgUnit, { tenant, name, path: name, parent: null });
    await em.flush(); // parent first: inserting both at once would insert, then update the child
    for (const child of children) em.create(OrgUnit, { tenant, name: child, parent, path: name + PATH_SEPARATOR + child });
  }
  await em.flush();
  return tenant;
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
