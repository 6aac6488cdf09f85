import { ArrayMaxSize, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ALL_PERMISSIONS } from '../../authz/catalogue';
import { BaseFilter } from '../../common/list';
import { VersionArg } from '../../common/version-arg';
import { Omittable, NotBlank } from '../../common/validation';

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
  @Field()
  @IsString()
  @Length(1, 64, { message: 'Name must be 1 to 64 characters' })
  @NotBlank()
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

  @Field(() => String, { nullable: true })
  @Omittable()
  @IsString()
  @Length(1, 64, { message: 'Name must be 1 to 64 characters' })
  @NotBlank()
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
