import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../server/context';
import { OrgUnit } from './org-unit.entity';
import { CreateOrgUnitArgs, OrgUnitFilter, UpdateOrgUnitArgs } from './org-unit.inputs';
import { OrgUnitService } from './org-unit.service';

export const OrgUnitCrudResolver = createCrudResolver({
  name: 'OrgUnit',
  type: OrgUnit,
  filter: OrgUnitFilter,
  createArgs: CreateOrgUnitArgs,
  updateArgs: UpdateOrgUnitArgs,
  subject: 'OrgUnit',
  service: (ctx) => new OrgUnitService(ctx),
});

@Resolver(() => OrgUnit)
export class OrgUnitFieldsResolver {
  /** Scoped and batched like every nested relation: a parent outside the caller's scope is null. */
  @FieldResolver(() => OrgUnit, { nullable: true })
  parent(@Root() ou: OrgUnit, @Ctx() ctx: Context): Promise<OrgUnit | null> | null {
    const id = ou.parentId;
    return id ? new OrgUnitService(ctx).loader().load(id) : null;
  }
}
