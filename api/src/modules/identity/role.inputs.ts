import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ALL_PERMISSIONS } from '../../authz/catalogue';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
import { Omittable } from '../../common/validation';

const PERMISSION_MESSAGE = 'Unknown permission code (see permissionCatalogue)';

@InputType()
export class RoleFilter extends BaseFilter {
  @Field(() => String, { nullable: true, description: 'Roles holding this permission' })
  @IsOptional()
  @IsIn(ALL_PERMISSIONS, { message: PERMISSION_MESSAGE })
  permission?: string | null;
}

@ArgsType()
export class CreateRoleArgs {
  @NameArg(64)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => [String], { description: 'Menu and operation permission codes' })
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, { each: true, message: PERMISSION_MESSAGE })
  permissions!: string[];
}

@ArgsType()
export class UpdateRoleArgs {
  @Field(() => ID)
  id!: string;

  @NameArg(64, { required: false })
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @Omittable()
  @ArrayMaxSize(ALL_PERMISSIONS.length)
  @IsIn(ALL_PERMISSIONS, { each: true, message: PERMISSION_MESSAGE })
  permissions?: string[];

  @VersionArg()
  version?: number | null;
}
