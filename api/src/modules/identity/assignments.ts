import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ArrayMaxSize, IsBoolean, IsUUID, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import type { Principal } from '../../authz/principal';
import { scopeCovers } from '../../authz/scope';
import { isUuid } from '../../common/ids';
import { Omittable, RefersTo } from '../../common/validation';
import type { Context } from '../../server/context';
import { badInput } from '../../server/errors';
import { OrgUnit } from '../org/org-unit.entity';
import { Tenant } from '../tenant/tenant.entity';
import { assertDelegable } from './delegation';
import { OuGrant } from './ou-grant.entity';
import { Role } from './role.entity';

/** Who holds roles and grants: an employee or an API client (same rules for both). */
export type Holder = { kind: 'employee'; id: string } | { kind: 'client'; id: string };

const OWNER = { employee: 'employee', client: 'apiClient' } as const;
const PIVOT = { employee: ['employee_role', 'employee_id'], client: ['api_client_role', 'api_client_id'] } as const;

@InputType()
export class OuGrantInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'ouId must be an OU id' })
  ouId!: string;

  @Field()
  @IsBoolean()
  canRead!: boolean;

  @Field()
  @IsBoolean()
  canWrite!: boolean;
}

/** What employees and API clients are given alike: enabled, roles and OU grants. */
@ArgsType()
export class AssignmentArgs {
  @Field(() => Boolean, { nullable: true })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @Field(() => [ID], { nullable: true })
  @Omittable()
  @ArrayMaxSize(50)
  @RefersTo('Role')
  roleIds?: string[];

  @Field(() => [OuGrantInput], { nullable: true, description: 'OU grants; each covers the OU and its subtree' })
  @Omittable()
  @ArrayMaxSize(200)
  // type-graphql builds OuGrantInput instances, so nested rules apply as declared.
  @ValidateNested({ each: true })
  grants?: OuGrantInput[];
}

export interface GrantValue {
  ouId: string;
  canRead: boolean;
  canWrite: boolean;
}

/**
 * Roles by id, all of the caller's tenant; a principal who is not a tenant admin may assign
 * only roles whose permissions it holds itself.
 */
export async function rolesFor(em: EntityManager, principal: Principal, ids: string[]): Promise<Role[]> {
  const unique = [...new Set(ids)];
  const roles = unique.every(isUuid) ? await em.find(Role, { id: { $in: unique }, tenant: principal.tenantId }) : [];
  if (roles.length !== unique.length) throw badInput({ roleIds: 'Role not found' });
  assertDelegable(principal, roles.flatMap((r) => r.permissions), 'roleIds');
  return roles;
}

/**
 * Normalises grants (write implies read; one grant per OU) and checks them: every OU must be
 * the caller's to see, and one who is not unrestricted grants only within its own write scope.
 */
export async function checkGrants(em: EntityManager, principal: Principal, grants: OuGrantInput[]): Promise<GrantValue[]> {
  const byOu = new Map<string, GrantValue>();
  for (const g of grants) {
    if (byOu.has(g.ouId)) throw badInput({ grants: 'Each OU may be granted only once' });
    if (!g.canRead && !g.canWrite) continue;
    byOu.set(g.ouId, { ouId: g.ouId, canRead: true, canWrite: g.canWrite });
  }
  const ids = [...byOu.keys()];
  const found = ids.length ? await em.find(OrgUnit, { id: { $in: ids }, tenant: principal.tenantId }) : [];
  const visible = found.filter((ou) => scopeCovers(principal.scope, 'read', ou.id));
  if (visible.length !== ids.length) throw badInput({ grants: 'OU not found' });
  if (!principal.scope.all && ids.some((id) => !scopeCovers(principal.scope, 'write', id))) {
    throw badInput({ grants: 'You can grant access only to OUs you may write' });
  }
  return [...byOu.values()].sort((a, b) => a.ouId.localeCompare(b.ouId));
}

/** Replaces all grants of a holder (the entity itself, so a new one is inserted first). */
export async function replaceGrants(em: EntityManager, tenantId: string, kind: Holder['kind'], owner: { id: string }, grants: GrantValue[]): Promise<void> {
  await em.nativeDelete(OuGrant, { [OWNER[kind]]: owner.id });
  for (const g of grants) {
    em.create(OuGrant, {
      tenant: em.getReference(Tenant, tenantId),
      [OWNER[kind]]: owner,
      ou: em.getReference(OrgUnit, g.ouId),
      canRead: g.canRead,
      canWrite: g.canWrite,
    });
  }
}

export async function currentGrants(em: EntityManager, holder: Holder): Promise<GrantValue[]> {
  const rows = await em.find(OuGrant, { [OWNER[holder.kind]]: holder.id }, { orderBy: { ou: 'ASC' } });
  return rows.map((g) => ({ ouId: g.ou.id, canRead: g.canRead, canWrite: g.canWrite }));
}

/** Batched per request: one query for the role ids of a whole page of holders. */
export function roleIdsLoader(ctx: Context, kind: Holder['kind']): DataLoader<string, string[]> {
  return memoLoader(ctx, `roleIds:${kind}`, async (ids) => {
    const [pivot, column] = PIVOT[kind];
    const rows = await ctx.em
      .getConnection()
      .execute<{ owner: string; role_id: string }[]>(
        `select ${column} as owner, role_id from ${pivot} where ${column} in (${ids.map(() => '?').join(', ')}) order by role_id`,
        [...ids],
      );
    return ids.map((id) => rows.filter((r) => r.owner === id).map((r) => r.role_id));
  });
}

/** Batched per request: one query for the grants of a whole page of holders. */
export function grantsLoader(ctx: Context, kind: Holder['kind']): DataLoader<string, OuGrant[]> {
  return memoLoader(ctx, `grants:${kind}`, async (ids) => {
    const rows = await ctx.em.find(OuGrant, { [OWNER[kind]]: { $in: [...ids] } } as never, { orderBy: { ou: 'ASC' } });
    const ownerOf = (g: OuGrant) => (kind === 'employee' ? g.employee?.id : g.apiClient?.id);
    return ids.map((id) => rows.filter((g) => ownerOf(g) === id));
  });
}

function memoLoader<V>(ctx: Context, key: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  let loader = ctx.memo.get(key) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader(batch);
    ctx.memo.set(key, loader);
  }
  return loader;
}
