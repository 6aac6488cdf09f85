import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CrudService } from '../../common/crud';
import { applyArgs } from '../../common/fields';
import { escapeLike } from '../../common/sql';
import { requiredText } from '../../common/text';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { badInput } from '../../base/errors';
import type { Snapshot } from '../../common/audit.writer';
import { Tenant } from '../../common/tenant.entity';
import { assertDelegable } from './delegation';
import { Role } from './role.entity';
import { CreateRoleArgs, type RoleFilter, UpdateRoleArgs } from './role.inputs';

export class RoleService extends TenantCrudService<Role, RoleFilter> implements CrudService<Role, RoleFilter, CreateRoleArgs, UpdateRoleArgs> {
  protected readonly entity = Role;
  protected readonly label = 'Role';
  protected readonly defaultSort = { name: 'ASC' } as const;
  protected override readonly affectsAuthz = true;

  protected override snapshot(role: Role): Snapshot {
    return { name: role.name, description: role.description, permissions: [...role.permissions].sort() };
  }

  protected override filterWhere(filter: RoleFilter): FilterQuery<Role>[] {
    return filter.permission ? [{ permissions: { $contains: [filter.permission] } }] : [];
  }

  protected override searchWhere(q: string): FilterQuery<Role> {
    return { $or: [{ name: { $ilike: `%${escapeLike(q)}%` } }, { description: { $ilike: `%${escapeLike(q)}%` } }] };
  }

  create(input: CreateRoleArgs): Promise<Role> {
    return this.write('create', null, async (em) => {
      assertDelegable(this.principal, input.permissions, 'permissions');
      const name = requiredText(input.name, 'name');
      // Checked before the new role exists: a query would flush it first.
      await this.assertUniqueName(em, name, null);
      const role = em.create(Role, { tenant: em.getReference(Tenant, this.principal.tenantId), name, permissions: [] });
      await this.apply(em, role, input, CreateRoleArgs);
      return role;
    });
  }

  update(input: UpdateRoleArgs): Promise<Role> {
    return this.write('update', input, async (em, role) => {
      if (input.name !== undefined) await this.assertUniqueName(em, requiredText(input.name, 'name'), role!.id);
      // Changing a role changes everyone holding it: only with the permissions one holds.
      if (input.permissions !== undefined) assertDelegable(this.principal, [...role!.permissions, ...input.permissions], 'permissions');
      await this.apply(em, role!, input, UpdateRoleArgs);
      return role!;
    });
  }

  /** The arguments as the kernel applies them; the permissions a sorted set. */
  private async apply(em: EntityManager, role: Role, input: CreateRoleArgs | UpdateRoleArgs, args: Function): Promise<void> {
    await applyArgs(em, role, input, args);
    role.permissions = [...new Set(role.permissions)].sort();
  }

  protected override async flush(em: EntityManager, role: Role): Promise<void> {
    try {
      await em.flush();
    } catch (e) {
      if (e instanceof ForeignKeyConstraintViolationException) {
        throw badInput({ id: `Role "${role.name}" is still assigned; remove it from its employees and API clients first` }, undefined, {
          reason: 'HAS_RECORDS',
        });
      }
      if (e instanceof UniqueConstraintViolationException) throw badInput({ name: `A role named "${role.name}" already exists` });
      throw e;
    }
  }

  private async assertUniqueName(em: EntityManager, name: string, exceptId: string | null) {
    const clash = await em.findOne(Role, {
      tenant: this.principal.tenantId,
      name: { $ilike: escapeLike(name) },
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
    });
    if (clash) throw badInput({ name: `A role named "${name}" already exists` });
  }
}
