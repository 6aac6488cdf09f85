import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
import { AssignmentArgs } from './assignments';

@InputType({ description: 'Narrows the API client list; `q` matches name, client id or description (contains, any case)' })
export class ApiClientFilter extends BaseFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only clients that can sign in (enabled, not revoked)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@ArgsType()
export class ApiClientFields extends AssignmentArgs {
  @Field(() => String, { nullable: true, description: 'What the client is for, up to 255 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;
}

@ArgsType()
export class CreateApiClientArgs extends ApiClientFields {
  @NameArg(80, { description: 'Name of the integration' })
  name!: string;
}

@ArgsType()
export class UpdateApiClientArgs extends ApiClientFields {
  @Field(() => ID, { description: 'The API client to update' })
  id!: string;

  @NameArg(80, { required: false, description: 'Name of the integration' })
  name?: string;

  @VersionArg()
  version?: number | null;
}
