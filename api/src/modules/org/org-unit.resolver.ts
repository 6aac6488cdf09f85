import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../base/context';
import { OrgUnit } from './org-unit.entity';
import { CreateOrgUnitArgs, OrgUnitFilter, UpdateOrgUnitArgs } from './org-unit.inputs';
import { OrgUnitService } from './org-unit.service';
import { readablePath, readsOu } from './ou-path';

export const OrgUnitCrudResolver = createCrudResolver({
  name: 'OrgUnit',
  type: OrgUnit,
  filter: OrgUnitFilter,
  createArgs: CreateOrgUnitArgs,
  updateArgs: UpdateOrgUnitArgs,
  service: (ctx) => new OrgUnitService(ctx),
});

@Resolver(() => OrgUnit)
export class OrgUnitFieldsResolver {
  /** Scoped and batched like every nested relation: a parent outside the caller's scope is null. */
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The parent OU; null at the top level and when the caller may not read it' })
  parent(@Root() ou: OrgUnit, @Ctx() ctx: Context): Promise<OrgUnit | null> | null {
    const id = ou.parentId;
    return id ? new OrgUnitService(ctx).loader().load(id) : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: "The parent OU's id; null at the top level and when the caller may not read the parent" })
  parentId(@Root() ou: OrgUnit, @Ctx() ctx: Context): string | null {
    return ou.parentId && readsOu(ctx.principal, ou.parentId) ? ou.parentId : null;
  }

  @FieldResolver(() => String, { description: 'Names from the root down, e.g. "North / North-East"; starting at the highest OU the caller may read' })
  path(@Root() ou: OrgUnit, @Ctx() ctx: Context): string {
    return readablePath(ctx.principal, ou);
  }
}
