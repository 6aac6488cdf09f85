import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Authenticated } from '../../authz/access';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../base/context';
import { OrgUnit } from '../org/org-unit.entity';
import { OrgUnitService } from '../org/org-unit.service';
import { grantsLoader, roleIdsLoader } from './assignments';
import { Employee } from './employee.entity';
import { CreateEmployeeArgs, EmployeeFilter, UpdateEmployeeArgs } from './employee.inputs';
import { EmployeeService } from './employee.service';
import { OuGrant } from './ou-grant.entity';
import { Role } from './role.entity';
import { RoleService } from './role.service';
import { changePassword } from './password.service';
import { DATA_SIZED_LIST, ListSize } from '../../base/list-size';
import { FollowsPasswordPolicy, RefersTo } from '../../common/validation';

export const EmployeeCrudResolver = createCrudResolver({
  name: 'Employee',
  type: Employee,
  filter: EmployeeFilter,
  createArgs: CreateEmployeeArgs,
  updateArgs: UpdateEmployeeArgs,
  service: (ctx) => new EmployeeService(ctx),
});

/** Nested fields: batched per request and scoped like the top-level reads. */
@Resolver(() => Employee)
export class EmployeeFieldsResolver {
  @FieldResolver(() => [ID], { description: 'Ids of the roles the employee holds (empty for a caller without roles:view)' })
  @RefersTo('Role')
  roleIds(@Root() e: Employee, @Ctx() ctx: Context): Promise<string[]> {
    return roleIdsLoader(ctx, 'employee').load(e.id);
  }

  @FieldResolver(() => [Role], { description: 'The roles the caller may read (roles:view)' })
  @ListSize(DATA_SIZED_LIST)
  async roles(@Root() e: Employee, @Ctx() ctx: Context): Promise<Role[]> {
    const ids = await roleIdsLoader(ctx, 'employee').load(e.id);
    const roles = await new RoleService(ctx).loader().loadMany(ids);
    return roles.filter((r): r is Role => r instanceof Role);
  }

  @FieldResolver(() => [OuGrant], { description: 'The OU grants on OUs the caller may read; each covers an OU and its subtree' })
  @ListSize(DATA_SIZED_LIST)
  grants(@Root() e: Employee, @Ctx() ctx: Context): Promise<OuGrant[]> {
    return grantsLoader(ctx, 'employee').load(e.id);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The manager, when the caller may read it' })
  manager(@Root() e: Employee, @Ctx() ctx: Context) {
    return e.managerId ? new EmployeeService(ctx).loader().load(e.managerId) : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: "The manager's id, when the caller may read the manager (null otherwise)" })
  async managerId(@Root() e: Employee, @Ctx() ctx: Context): Promise<string | null> {
    return (await this.manager(e, ctx))?.id ?? null;
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The home OU, when the caller may read it; null = Unorganized' })
  homeOu(@Root() e: Employee, @Ctx() ctx: Context) {
    return e.homeOuId ? new OrgUnitService(ctx).loader().load(e.homeOuId) : null;
  }
}

@Resolver(() => OuGrant)
export class OuGrantFieldsResolver {
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The OU, when the caller may read it' })
  ou(@Root() g: OuGrant, @Ctx() ctx: Context) {
    return new OrgUnitService(ctx).loader().load(g.ouId);
  }
}

@Resolver()
export class PasswordResolver {
  @Authenticated({ duringPasswordChange: true })
  @Mutation(() => Boolean, { description: "Changes the caller's own password; required after an admin set it" })
  changePassword(
    @Arg('oldPassword', { description: 'The current password' }) oldPassword: string,
    @Arg('newPassword', { description: '8 to 128 characters: upper- and lower-case letters, a digit, a special character; not the account name, nor reversed' })
    @FollowsPasswordPolicy()
    newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return changePassword(ctx, oldPassword, newPassword);
  }
}
