import type { MikroORM } from '@mikro-orm/postgresql';
import { Tenant } from '../../modules/tenant/tenant.entity';
import { createTenantWithAdmin } from '../../modules/tenant/tenant.service';
import { OrgUnit } from '../../modules/org/org-unit.entity';
import { PATH_SEPARATOR } from '../../modules/org/org-unit.service';
import { withMigrationLock } from '../migrate';

export const DEMO = {
  tenantCode: 'demo',
  tenantName: 'Demo Contact Center',
  adminAccount: 'demo.admin',
  password: 'Switchboard#1',
  /** Top-level OUs besides DefaultOU, with their children. */
  tree: { North: ['North-East', 'North-West'], South: [] as string[] },
} as const;

/** Seeds the demo tenant on first start only; later starts (and other replicas) find it and stop. */
export async function seedDemo(orm: MikroORM): Promise<boolean> {
  return withMigrationLock(orm, async () => {
    const em = orm.em.fork();
    if (await em.count(Tenant, { code: DEMO.tenantCode })) return false;
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
    return true;
  });
}
