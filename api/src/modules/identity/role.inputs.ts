import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ALL_PERMISSIONS } from '../../authz/catalogue';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
import { EditedWith, Omittable } from '../../common/validation';

const PERMISSION_MESSAGE = 'Unknown permission code (see permissionCatalogue)';

@InputType({ description: 'Narrows the role list; `q` matches name or description (contains, any case)' })
export class RoleFilter extends BaseFilter {
  @Field(() => String, { nullable: true, description: 'Roles holding this permission' })
  @IsOptional()
  @IsIn(ALL_PERMISSIONS, { message: PERMISSION_MESSAGE })
  permission?: string | null;
}

@ArgsType()
export class CreateRoleArgs {
  @NameArg(64, { description: 'Role name, unique in the tenant (ignoring case)' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the role is for, up to 255 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => [String], { description: 'Menu and operation permission codes' })
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, { each: true, message: PERMISSION_MESSAGE })
  @EditedWith('permission-tree', { options: 'permissionCatalogue' })
  permissions!: string[];
}

@ArgsType()
export class UpdateRoleArgs {
  @Field(() => ID, { description: 'The role to update' })
  id!: string;

  @NameArg(64, { required: false, description: 'Role name, unique in the tenant (ignoring case)' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'What the role is for, up to 255 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the menu and operation permission codes; omitted keeps them' })
  @Omittable()
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, { each: true, message: PERMISSION_MESSAGE })
  @EditedWith('permission-tree', { options: 'permissionCatalogue' })
  permissions?: string[];

  @VersionArg()
  version?: number | null;
}
