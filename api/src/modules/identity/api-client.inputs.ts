import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
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
  @NameArg(80)
  name!: string;
}

@ArgsType()
export class UpdateApiClientArgs extends ApiClientFields {
  @Field(() => ID)
  id!: string;

  @NameArg(80, { required: false })
  name?: string;

  @VersionArg()
  version?: number | null;
}
