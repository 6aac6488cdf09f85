import { ArrayType, Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';

/** A tenant's named set of menu and operation permissions (SPEC §1). */
@ObjectType({ description: "A tenant's named set of menu and operation permissions, given to employees and API clients" })
@Entity()
@Unique({ name: 'role_name_lower_unique', expression: 'create unique index "role_name_lower_unique" on "role" ("tenant_id", lower("name"))' })
@RowScope({ subject: 'Role', menu: 'roles' })
export class Role extends TenantOwned<'description' | 'permissions'> {
  @Sortable()
  @Field({ description: 'Name, 1 to 64 characters, unique in the tenant (ignoring case)' })
  @Property({ length: 64 })
  name!: string;

  @Field({ description: 'What the role is for, up to 255 characters (empty: none)' })
  @Property({ length: 255 })
  description: string = '';

  @Field(() => [String], { description: 'Menu and operation permission codes (see permissionCatalogue)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  permissions: string[] = [];
}
