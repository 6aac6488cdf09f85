import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated, Public } from '../../authz/access';
import type { Context } from '../../server/context';
import { unauthenticated } from '../../server/errors';
import { Tenant } from '../tenant/tenant.entity';
import { ACCOUNT_MAX, accountIs } from './account';
import { LoginPayload, Me } from './auth.types';
import { Employee } from './employee.entity';
import { timingDummyHash, verifyPassword } from './password';

const INVALID_LOGIN = 'Invalid account or password';

@Resolver()
export class AuthResolver {
  @Public()
  @Mutation(() => LoginPayload, { description: 'Exchanges an account and password for a signed, expiring token' })
  async login(@Arg('account') account: string, @Arg('password') password: string, @Ctx() ctx: Context): Promise<LoginPayload> {
    const employee = account.length <= ACCOUNT_MAX ? await ctx.em.findOne(Employee, accountIs(account)) : null;
    // Verify against a dummy hash for unknown accounts: equal timing reveals no account names.
    const ok = await verifyPassword(employee?.passwordHash ?? (await timingDummyHash()), password);
    if (!employee || !ok || !employee.enabled) throw unauthenticated(INVALID_LOGIN);
    const { token, expiresAt } = await ctx.services.tokens.issue({ sub: employee.id, tid: employee.tenant.id });
    return { token, expiresAt, mustChangePassword: employee.mustChangePassword };
  }

  @Authenticated()
  @Query(() => Me)
  async me(@Ctx() ctx: Context): Promise<Me> {
    const p = ctx.principal!;
    const employee = await ctx.em.findOneOrFail(Employee, { id: p.id, tenant: p.tenantId });
    const tenant = await ctx.em.findOneOrFail(Tenant, p.tenantId);
    return {
      id: employee.id,
      account: employee.account,
      name: employee.name,
      isTenantAdmin: employee.isTenantAdmin,
      mustChangePassword: employee.mustChangePassword,
      tenant,
      permissions: [...p.permissions].sort(),
    };
  }
}
