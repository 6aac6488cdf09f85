import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CrudService } from '../../common/crud';
import { isUuid } from '../../common/ids';
import { recordsOfTable } from '../../common/fields';
import { escapeLike } from '../../common/sql';
import { requiredText } from '../../common/text';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { badInput } from '../../base/errors';
import type { Snapshot } from '../../common/audit.writer';
import { Tenant } from '../../common/tenant.entity';
import { OrgUnit } from './org-unit.entity';
import { PATH_SEPARATOR, readsOu } from './ou-path';
import type { CreateOrgUnitArgs, OrgUnitFilter, UpdateOrgUnitArgs } from './org-unit.inputs';
import { unscoped } from '../../common/row-scope';

/** A rename or move rebuilds the path from the parent's, which the caller may not read (grants cover subtrees, not what is above them). */
const PARENT_PATH = unscoped("the parent's path, which the caller may not read");

/** Human names of the tables whose rows keep an OU from being deleted (FK restrict). */
/**
 * The OU tree. An OU is scoped by itself (reading OU X needs read on X); it is placed under its
 * parent (creating or moving it under P needs write on P; top level = Unorganized).
 */
export class OrgUnitService
  extends TenantCrudService<OrgUnit, OrgUnitFilter>
  implements CrudService<OrgUnit, OrgUnitFilter, CreateOrgUnitArgs, UpdateOrgUnitArgs>
{
  protected readonly entity = OrgUnit;
  protected readonly label = 'OU';
  protected readonly defaultSort = { path: 'ASC' } as const;
  protected override readonly affectsAuthz = true;

  /** Its path: "North-East" alone does not say where it sits. */
  override titleOf(ou: OrgUnit): string {
    return ou.path;
  }

  protected override placementOf(ou: OrgUnit): string | null {
    return ou.parentId;
  }

  protected override snapshot(ou: OrgUnit): Snapshot {
    return { name: ou.name, parentId: ou.parentId, path: ou.path, maxConcurrentSessions: ou.maxConcurrentSessions };
  }

  protected override filterWhere(filter: OrgUnitFilter): FilterQuery<OrgUnit>[] {
    return filter.parentId !== undefined && filter.parentId !== null ? [{ parent: filter.parentId }] : [];
  }

  /** By name, not path: a path spells the names of ancestors the caller may not read. */
  protected override searchWhere(q: string): FilterQuery<OrgUnit> {
    return { name: { $ilike: `%${escapeLike(q)}%` } };
  }

  create(input: CreateOrgUnitArgs): Promise<OrgUnit> {
    return this.write('create', null, async (em) => {
      const name = requiredText(input.name, 'name');
      const parent = input.parentId ? await this.parentFor(em, input.parentId) : null;
      await this.assertUniqueAmongSiblings(em, name, parent, null);
      return em.create(OrgUnit, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        name,
        parent,
        path: parent ? parent.path + PATH_SEPARATOR + name : name,
        maxConcurrentSessions: input.maxConcurrentSessions ?? 0,
      });
    });
  }

  update(input: UpdateOrgUnitArgs): Promise<OrgUnit> {
    return this.write('update', input, async (em, current) => {
      const ou = current!;
      const name = input.name !== undefined ? requiredText(input.name, 'name') : ou.name;
      // The current parent is only a reference: loaded (past the scope, kept out of the identity
      // map), since the new path is built from its path.
      const currentParent = ou.parent ? await em.findOneOrFail(OrgUnit, { id: ou.parent.id, tenant: this.principal.tenantId }, PARENT_PATH) : null;
      let parent = currentParent;
      if (input.parentId !== undefined) {
        parent = input.parentId === null ? null : await this.parentFor(em, input.parentId);
        if (parent && (await this.isSelfOrDescendant(em, parent.id, ou.id))) {
          throw badInput({ parentId: 'An OU cannot be moved under itself or one of its own sub-OUs' });
        }
      }
      const moved = (parent?.id ?? null) !== ou.parentId;
      // A setting of the OU itself: no path or sibling to check.
      if (input.maxConcurrentSessions !== undefined) ou.maxConcurrentSessions = input.maxConcurrentSessions;
      if (name === ou.name && !moved) return ou;
      await this.assertUniqueAmongSiblings(em, name, parent, ou.id);
      ou.name = name;
      // Unmoved, it keeps its reference (the loaded parent is not managed by this EntityManager).
      if (parent !== currentParent) ou.parent = parent;
      ou.path = parent ? parent.path + PATH_SEPARATOR + name : name;
      await this.repathDescendants(em, ou);
      return ou;
    });
  }

  override delete(id: string): Promise<OrgUnit> {
    return this.write('delete', { id }, async (em, ou) => {
      const children = await em.count(OrgUnit, { parent: ou!.id });
      if (children > 0) {
        throw badInput({ id: `OU "${ou!.name}" still has ${children} sub-OU${children > 1 ? 's' : ''}; move or delete them first` }, undefined, {
          reason: 'HAS_CHILDREN',
        });
      }
      return ou!;
    });
  }

  protected override async flush(em: EntityManager, ou: OrgUnit): Promise<void> {
    try {
      await em.flush();
    } catch (e) {
      if (e instanceof ForeignKeyConstraintViolationException) {
        const what = recordsOfTable(em, (e as unknown as { table?: string }).table);
        throw badInput({ id: `OU "${ou.name}" still has ${what}; move them to another OU first` }, undefined, { reason: 'HAS_RECORDS' });
      }
      throw e;
    }
  }

  /**
   * Tree changes of one tenant are serialised by a transaction-scoped advisory lock, so two
   * concurrent moves cannot create a cycle and sibling checks see each other's writes.
   */
  protected override async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.em.transactional(async (em) => {
        await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`ou-tree:${this.principal.tenantId}`]);
        return work(em);
      });
    } catch (e) {
      // The unique index is the backstop for what the sibling check already reports.
      if (e instanceof UniqueConstraintViolationException) throw badInput({ name: 'An OU with this name already exists at this level' });
      throw e;
    }
  }

  /** A parent outside the caller's OU scope is "not found", like a missing one. */
  private async parentFor(em: EntityManager, parentId: string): Promise<OrgUnit> {
    const parent = isUuid(parentId) ? await em.findOne(OrgUnit, { id: parentId }) : null;
    if (!parent) throw badInput({ parentId: 'Parent OU not found' });
    return parent;
  }

  private async assertUniqueAmongSiblings(em: EntityManager, name: string, parent: OrgUnit | null, exceptId: string | null) {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `select id from org_unit
        where tenant_id = ? and parent_id is not distinct from ? and lower(name) = lower(?) and id is distinct from ?
        limit 1`,
      [this.principal.tenantId, parent?.id ?? null, name, exceptId],
      'all',
      em.getTransactionContext(),
    );
    if (!rows.length) return;
    // Names the parent only to a caller who may read it; a writer below an unreadable parent learns only that the name is taken.
    const where = !parent
      ? 'at the top level'
      : readsOu(this.principal, parent.id)
        ? `under "${(await em.findOneOrFail(OrgUnit, parent.id)).name}"`
        : 'at this level';
    throw badInput({ name: `An OU named "${name}" already exists ${where}` });
  }

  private async isSelfOrDescendant(em: EntityManager, candidateId: string, ouId: string): Promise<boolean> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `with recursive up as (
         select id, parent_id from org_unit where id = ? and tenant_id = ?
         union all
         select o.id, o.parent_id from org_unit o join up on o.id = up.parent_id
       ) select id from up where id = ? limit 1`,
      [candidateId, this.principal.tenantId, ouId],
      'all',
      em.getTransactionContext(),
    );
    return rows.length > 0;
  }

  /** Paths are derived data: they follow renames and moves, without bumping the children's version. */
  private async repathDescendants(em: EntityManager, ou: OrgUnit) {
    await em.getConnection().execute(
      `with recursive sub as (
         select id, ?::text as path from org_unit where id = ?
         union all
         select c.id, sub.path || ? || c.name from org_unit c join sub on c.parent_id = sub.id
       )
       update org_unit o set path = sub.path from sub where o.id = sub.id and o.id <> ?`,
      [ou.path, ou.id, PATH_SEPARATOR, ou.id],
      'run',
      em.getTransactionContext(),
    );
  }
}
