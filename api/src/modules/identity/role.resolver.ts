import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../../authz/access';
import { PERMISSION_CATALOGUE } from '../../authz/catalogue';
import { createCrudResolver } from '../../common/crud';
import { Role } from './role.entity';
import { CreateRoleArgs, RoleFilter, UpdateRoleArgs } from './role.inputs';
import { RoleService } from './role.service';
import { ListSize } from '../../server/list-size';

export const RoleCrudResolver = createCrudResolver({
  name: 'Role',
  type: Role,
  filter: RoleFilter,
  createArgs: CreateRoleArgs,
  updateArgs: UpdateRoleArgs,
  subject: 'Role',
  service: (ctx) => new RoleService(ctx),
});

@ObjectType()
class OperationPermissionType {
  @Field()
  code!: string;

  @Field()
  label!: string;
}

@ObjectType('MenuPermission', { description: 'A page: its menu permission and the operations it contains' })
class MenuPermissionType {
  @Field()
  code!: string;

  @Field()
  label!: string;

  @Field(() => [OperationPermissionType])
  @ListSize(Math.max(...PERMISSION_CATALOGUE.map((m) => m.operations.length)))
  operations!: OperationPermissionType[];
}

@Resolver()
export class PermissionCatalogueResolver {
  @Authenticated()
  @Query(() => [MenuPermissionType], { description: 'Every menu and operation permission, for role editors' })
  @ListSize(PERMISSION_CATALOGUE.length)
  permissionCatalogue(): readonly MenuPermissionType[] {
    return PERMISSION_CATALOGUE;
  }
}
