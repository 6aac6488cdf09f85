import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../../authz/access';
import { PERMISSION_CATALOGUE } from '../../authz/catalogue';
import { createCrudResolver } from '../../common/crud';
import { Role } from './role.entity';
import { CreateRoleArgs, RoleFilter, UpdateRoleArgs } from './role.inputs';
import { RoleService } from './role.service';
import { ListSize } from '../../base/list-size';

export const RoleCrudResolver = createCrudResolver({
  name: 'Role',
  type: Role,
  filter: RoleFilter,
  createArgs: CreateRoleArgs,
  updateArgs: UpdateRoleArgs,
  service: (ctx) => new RoleService(ctx),
});

@ObjectType({ description: 'An operation permission: one thing a page lets a role do' })
class OperationPermissionType {
  @Field({ description: 'Permission code, `<menu>:<operation>` (e.g. customer-center:edit-contacts)' })
  code!: string;

  @Field({ description: 'Human label (e.g. Edit Contacts)' })
  label!: string;
}

@ObjectType('MenuPermission', { description: 'A page: its menu permission and the operations it contains' })
class MenuPermissionType {
  @Field({ description: 'Menu permission code (e.g. customer-center); an operation is effective only with its menu' })
  code!: string;

  @Field({ description: 'Human label (e.g. Customer Center Management)' })
  label!: string;

  @Field(() => [OperationPermissionType], { description: 'The operation permissions of this page' })
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
