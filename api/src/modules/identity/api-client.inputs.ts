import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { VersionArg } from '../../common/version-arg';
import { Omittable, NotBlank } from '../../common/validation';
import { AssignmentArgs } from './assignments';

@InputType()
export class ApiClientFilter extends BaseFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only clients that can sign in (enabled, not revoked)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@ArgsType()
export class ApiClientFields extends AssignmentArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;
}

@ArgsType()
export class CreateApiClientArgs extends ApiClientFields {
  @Field()
  @IsString()
  @Length(1, 80, { message: 'Name must be 1 to 80 characters' })
  @NotBlank()
  name!: string;
}

@ArgsType()
export class UpdateApiClientArgs extends ApiClientFields {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Omittable()
  @IsString()
  @Length(1, 80, { message: 'Name must be 1 to 80 characters' })
  @NotBlank()
  name?: string;

  @VersionArg()
  version?: number | null;
}
