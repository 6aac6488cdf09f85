import type { Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { requestLoader } from '../../common/request-loader';
import { ArrayMaxSize, IsBoolean, IsUUID, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { permissionFor } from '../../authz/ability';
import { holdingsOf, shortfall } from '../../authz/holdings';
import { can, type Principal } from '../../authz/principal';
import { scopeCovers } from '../../authz/scope';
import { isUuid } from '../../common/ids';
import { Omittable, RefersTo } from '../../common/validation';
import type { Context } from '../../base/context';
import { badInput } from '../../base/errors';
import { OrgUnit } from '../org/org-unit.entity';
import { Tenant } from '../../common/tenant.entity';
import { assertDelegable } from './delegation';
import { OuGrant } from './ou-grant.entity';
import { Role } from './role.entity';

/** Who holds roles and grants: an employee or an API client (same rules for both). */
export type Holder = { kind: 'employee'; id: string } | { kind: 'client'; id: string };

const OWNER = { employee: 'employee', client: 'apiClient' } as const;
const PIVOT = { employee: ['employee_role', 'employee_id'], client: ['api_client_role', 'api_client_id'] } as const;

@InputType({ description: 'One OU grant to give: access to the OU and its whole subtree' })
export class OuGrantInput {
  @Field(() => ID, { description: 'The OU granted (its subtree included)' })
  @IsUUID('all', { message: 'ouId must be an OU id' })
  @RefersTo('OrgUnit', { scope: 'write' })
  ouId!: string;

  @Field({ description: 'Read the OU and its subtree' })
  @IsBoolean()
  canRead!: boolean;

  @Field({ description: 'Write the OU and its subtree (implies read)' })
  @IsBoolean()
  canWrite!: boolean;
}

/** The arguments `applyAssignments` applies (the kernel's `applyArgs` leaves them to it). */
export const ASSIGNMENT_ARGS = ['roleIds', 'grants'] as const;

/** What employees and API clients are given alike: enabled, roles and OU grants. */
@ArgsType()
export class AssignmentArgs {
  @Field(() => Boolean, { nullable: true, description: 'May sign in (default true); false invalidates its tokens at once; omitted keeps it' })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @Field(() => [ID], { nullable: true, description: 'Replaces the roles held (at most 50), only roles whose permissions the caller holds; omitted keeps them' })
  @Omittable()
  @ArrayMaxSize(50)
  @RefersTo('Role')
  roleIds?: string[];

  @Field(() => [OuGrantInput], {
    nullable: true,
    description: 'Replaces the OU grants (at most 200, one per OU; those on OUs the caller cannot read are kept); omitted keeps them',
  })
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
 * only roles whose permissions it holds itself. One who may not read roles sees none of the
 * holder's roles, so its list adds to them and never silently drops them.
 */
export async function rolesFor(em: EntityManager, principal: Principal, ids: string[], current: readonly Role[]): Promise<Role[]> {
  const unique = [...new Set(ids)];
  const roles = unique.every(isUuid) ? await em.find(Role, { id: { $in: unique }, tenant: principal.tenantId }) : [];
  if (roles.length !== unique.length) throw badInput({ roleIds: 'Role not found' });
  assertDelegable(
    principal,
    roles.flatMap((r) => r.permissions),
    'roleIds',
  );
  if (can(principal, permissionFor('Role', 'read'))) return roles;
  return [...roles, ...current.filter((r) => !unique.includes(r.id))];
}

/**
 * Normalises grants (write implies read; one grant per OU) and checks them: every OU must be
 * the caller's to see, and one who is not unrestricted gives access only within its own write
 * scope (a grant the holder already has, unchanged or lowered, is not given anew). Grants on
 * OUs the caller cannot read are invisible to it, so they are kept as they are.
 */
export async function checkGrants(em: EntityManager, principal: Principal, grants: OuGrantInput[], current: readonly GrantValue[]): Promise<GrantValue[]> {
  const byOu = new Map<string, GrantValue>();
  for (const g of grants) {
    if (byOu.has(g.ouId)) throw badInput({ grants: 'Each OU may be granted only once' });
    if (!g.canRead && !g.canWrite) continue;
    byOu.set(g.ouId, { ouId: g.ouId, canRead: true, canWrite: g.canWrite });
  }
  const ids = [...byOu.keys()];
  // The row scope finds only OUs the caller may read: the others are "not found", like missing ones.
  const found = ids.length ? await em.find(OrgUnit, { id: { $in: ids } }) : [];
  if (found.length !== ids.length) throw badInput({ grants: 'OU not found' });
  const held = new Map(current.map((g) => [g.ouId, g]));
  const givesAnew = (g: GrantValue) => !held.has(g.ouId) || (g.canWrite && !held.get(g.ouId)!.canWrite);
  if (!principal.scope.all && [...byOu.values()].some((g) => givesAnew(g) && !scopeCovers(principal.scope, 'write', g.ouId))) {
    throw badInput({ grants: 'You can grant access only to OUs you may write' });
  }
  // Grants the caller cannot see stay as they are. The takeover rule leaves only one such case:
  // a principal changing itself, holding a stored grant with neither flag on an OU it cannot read.
  const unseen = current.filter((g) => !scopeCovers(principal.scope, 'read', g.ouId));
  return [...byOu.values(), ...unseen].sort((a, b) => a.ouId.localeCompare(b.ouId));
}

/** The grants a caller may see: those on OUs it can read (the others, flags included, are not its business). */
export function visibleGrants<T extends { ouId: string }>(principal: Principal, grants: readonly T[]): T[] {
  return grants.filter((g) => scopeCovers(principal.scope, 'read', g.ouId));
}

/**
 * Applies `roleIds` and `grants` to a holder (omitted ones stay as they are) and checks the
 * result, not only what was named: the roles it keeps can combine with the ones given (an
 * operation kept without its menu, the menu given), and nobody may end up holding what the
 * caller does not.
 */
export async function applyAssignments(
  em: EntityManager,
  principal: Principal,
  kind: Holder['kind'],
  holder: { id: string; roles: Collection<Role>; isTenantAdmin?: boolean },
  input: { roleIds?: string[]; grants?: OuGrantInput[] },
): Promise<void> {
  if (input.roleIds === undefined && input.grants === undefined) return;
  if (input.roleIds !== undefined) holder.roles.set(await rolesFor(em, principal, input.roleIds, await rolesOf(holder)));
  let grants = await currentGrants(em, { kind, id: holder.id });
  if (input.grants !== undefined) {
    grants = await checkGrants(em, principal, input.grants, grants);
    await replaceGrants(em, principal.tenantId, kind, holder, grants);
  }
  const permissions = (await rolesOf(holder)).flatMap((r) => r.permissions);
  const lacking = shortfall(principal, holdingsOf({ isTenantAdmin: holder.isTenantAdmin ?? false, permissions, grants }, principal));
  // Only roles combine into more than the caller holds: grants are given within its write scope
  // to a holder it already covers (the takeover rule), so the refusal is always on roleIds.
  if (lacking.length) throw badInput({ roleIds: `With what it keeps, this would give ${lacking.join(', ')}, which you do not hold` });
}

/** The roles a holder has now (none for one being created). */
export async function rolesOf(holder: { roles: Collection<Role> }): Promise<Role[]> {
  if (!holder.roles.isInitialized()) await holder.roles.init();
  return holder.roles.getItems();
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

/** Batched per request: one query for the role ids of a whole page of holders; none for a caller who may not read roles. */
export function roleIdsLoader(ctx: Context, kind: Holder['kind']): DataLoader<string, string[]> {
  return requestLoader(ctx, `roleIds:${kind}`, async (ids: readonly string[]) => {
    if (!ctx.principal || !can(ctx.principal, permissionFor('Role', 'read'))) return ids.map(() => []);
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

/** Batched per request: one query for the grants of a whole page of holders, only those on OUs the caller reads. */
export function grantsLoader(ctx: Context, kind: Holder['kind']): DataLoader<string, OuGrant[]> {
  return requestLoader(ctx, `grants:${kind}`, async (ids: readonly string[]) => {
    const rows = await ctx.em.find(OuGrant, { [OWNER[kind]]: { $in: [...ids] } } as never, { orderBy: { ou: 'ASC' } });
    const ownerOf = (g: OuGrant) => (kind === 'employee' ? g.employee?.id : g.apiClient?.id);
    const shown = ctx.principal ? visibleGrants(ctx.principal, rows) : [];
    return ids.map((id) => shown.filter((g) => ownerOf(g) === id));
  });
}
