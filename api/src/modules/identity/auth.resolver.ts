import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, Public } from '../../authz/access';
import type { Context } from '../../base/context';
import { Tenant } from '../../common/tenant.entity';
import { LoginPayload, Me } from './auth.types';
import { ALL_PERMISSIONS } from '../../authz/catalogue';
import { ApiClient } from './api-client.entity';
import { Employee } from './employee.entity';
import { loginClient, loginEmployee } from './login.service';
import { SELF } from './account';

@Resolver()
export class AuthResolver {
  @Public()
  // Nullable so that every aliased attempt in one request runs and is counted by the throttle.
  @Mutation(() => LoginPayload, { nullable: true, description: 'Exchanges an account and password for a signed, expiring token' })
  login(
    @Arg('account', { description: 'Sign-in name, any case' }) account: string,
    @Arg('password', { description: 'The password; failures are throttled per account and per client address' }) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    return loginEmployee(ctx, account, password);
  }

  @Public()
  @Mutation(() => LoginPayload, { nullable: true, description: 'For API clients (CRMs): exchanges a client id and secret for a token' })
  clientLogin(
    @Arg('clientId', { description: "The API client's public clientId" }) clientId: string,
    @Arg('clientSecret', { description: 'The secret shown once by createApiClient or rotateApiClientSecret' }) clientSecret: string,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    return loginClient(ctx, clientId, clientSecret);
  }

  @Authenticated({ duringPasswordChange: true })
  @Query(() => Me, { description: 'The signed-in principal: who it is, its tenant, its effective permissions and OU scope' })
  me(@Ctx() ctx: Context): Omit<Me, 'name' | 'tenant'> {
    // What the principal already holds; its name and tenant are read, and its lists sorted, only
    // when asked for (`{ me { id } }` is every client's "am I still signed in?").
    const p = ctx.principal!;
    const { scope } = p;
    const sorted = (ids: Iterable<string>) => [...ids].sort();
    return {
      id: p.id,
      kind: p.kind,
      account: p.handle,
      isTenantAdmin: p.isTenantAdmin,
      mustChangePassword: p.mustChangePassword,
      get permissions() {
        return sorted(p.isTenantAdmin ? ALL_PERMISSIONS : p.permissions);
      },
      get readableOuIds() {
        return sorted(scope.all ? p.tenantOuIds : scope.read);
      },
      get writableOuIds() {
        return sorted(scope.all ? p.tenantOuIds : scope.write);
      },
      canReadUnorganized: scope.readUnorganized,
      canWriteUnorganized: scope.writeUnorganized,
    };
  }
}

@Resolver(() => Me)
export class MeFieldsResolver {
  @FieldResolver(() => String, { description: 'Name of the employee or API client' })
  async name(@Root() me: Pick<Me, 'id' | 'kind'>, @Ctx() ctx: Context): Promise<string> {
    const tenant = ctx.principal!.tenantId;
    const holder =
      me.kind === 'employee'
        ? await ctx.em.findOneOrFail(Employee, { id: me.id, tenant }, SELF)
        : await ctx.em.findOneOrFail(ApiClient, { id: me.id, tenant }, SELF);
    return holder.name;
  }

  @FieldResolver(() => Tenant, { description: "The principal's tenant and its parameters" })
  tenant(@Ctx() ctx: Context): Promise<Tenant> {
    return ctx.em.findOneOrFail(Tenant, ctx.principal!.tenantId);
  }
}
