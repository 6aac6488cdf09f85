import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Requires, TenantAdmin } from '../../authz/access';
import type { Context } from '../../base/context';
import { Tenant } from '../../common/tenant.entity';
import { UpdateMyTenantArgs } from './tenant.inputs';
import { updateTenantParameters } from './tenant.service';

@Resolver(() => Tenant)
export class TenantResolver {
  @Requires('tenant-params:view')
  @Query(() => Tenant, { description: "The caller's tenant and its parameters" })
  myTenant(@Ctx() ctx: Context): Promise<Tenant> {
    return ctx.em.findOneOrFail(Tenant, ctx.principal!.tenantId);
  }

  @TenantAdmin()
  @Mutation(() => Tenant, { description: "Edits the caller's tenant parameters (tenant admins only); the tenant comes from the token" })
  updateMyTenant(@Args(() => UpdateMyTenantArgs) input: UpdateMyTenantArgs, @Ctx() ctx: Context): Promise<Tenant> {
    return updateTenantParameters(ctx.em, ctx.principal!, ctx.operation ?? 'updateMyTenant', input);
  }
}
