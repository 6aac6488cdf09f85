import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { VersionArg } from '../../common/version-arg';
import { Omittable, RefersTo, NotBlank } from '../../common/validation';

export const OU_NAME_MAX = 100;

@InputType()
export class OrgUnitFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'Only the direct children of this OU' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be an OU id' })
  parentId?: string | null;
}

@ArgsType()
export class CreateOrgUnitArgs {
  @Field()
  @IsString()
  @Length(1, OU_NAME_MAX, { message: `Name must be 1 to ${OU_NAME_MAX} characters` })
  @NotBlank()
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent OU; omitted or null for a top-level OU' })
  @IsOptional()
  @RefersTo('OrgUnit')
  parentId?: string | null;
}

@ArgsType()
export class UpdateOrgUnitArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Omittable()
  @IsString()
  @Length(1, OU_NAME_MAX, { message: `Name must be 1 to ${OU_NAME_MAX} characters` })
  @NotBlank()
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New parent; null moves the OU to the top level, omitted keeps it' })
  @IsOptional()
  @RefersTo('OrgUnit')
  parentId?: string | null;

  @VersionArg()
  version?: number | null;
}
