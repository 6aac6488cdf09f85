import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { Omittable, RefersTo } from '../../common/validation';
import { NameArg, VersionArg } from '../../common/version-arg';
import { Channel } from '../customer/channel';
import { FieldType } from './field-definition.entity';
import { RequestStatus } from './request.entity';

@InputType({ description: 'Narrows the request list; `q` matches title or description (contains, any case)' })
export class CustomerRequestFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'Requests of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  @RefersTo('Customer')
  customerId?: string | null;

  @Field(() => RequestStatus, { nullable: true, description: 'As of now (auto-closing included)' })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus | null;
}

@ArgsType()
export class CreateCustomerRequestArgs {
  @Field(() => ID, { description: 'The customer whose intent it is' })
  @RefersTo('Customer')
  customerId!: string;

  @NameArg(200, { label: 'Title', description: 'Short statement of the intent' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Details, up to 2000 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Description must be at most 2000 characters' })
  description?: string | null;
}

@ArgsType()
export class UpdateCustomerRequestArgs {
  @Field(() => ID, { description: 'The request to update' })
  id!: string;

  @NameArg(200, { required: false, label: 'Title', description: 'Short statement of the intent' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Details, up to 2000 characters; null or empty clears them' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Description must be at most 2000 characters' })
  description?: string | null;

  @Field(() => RequestStatus, { nullable: true, description: 'CLOSED closes it; OPEN reopens it (for another 5 days)' })
  @Omittable()
  @IsEnum(RequestStatus)
  status?: RequestStatus;

  @VersionArg()
  version?: number | null;
}

@InputType({ description: 'Narrows the activity list; `q` matches a tag exactly' })
export class ActivityFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'Activities of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  @RefersTo('Customer')
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Activities of this request' })
  @IsOptional()
  @IsUUID('all', { message: 'requestId must be a request id' })
  @RefersTo('CustomerRequest')
  requestId?: string | null;

  @Field(() => String, { nullable: true, description: 'Activities carrying this tag (exact match)' })
  @IsOptional()
  @MaxLength(40)
  tag?: string | null;
}

const TAGS = { max: 20, length: 40 };

@ArgsType()
export class ActivityFields {
  @Field(() => [String], { nullable: true, description: `Replaces the tags: at most ${TAGS.max} of 1 to ${TAGS.length} characters; omitted keeps them` })
  @Omittable()
  @ArrayMaxSize(TAGS.max)
  @Length(1, TAGS.length, { each: true, message: `Each tag must be 1 to ${TAGS.length} characters` })
  tags?: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the data, checked against the activity field definitions; omitted keeps it' })
  @Omittable()
  fields?: Record<string, unknown>;

  @Field(() => ID, { nullable: true, description: "One of the customer's requests (its auto-close period restarts); null for none" })
  @IsOptional()
  @RefersTo('CustomerRequest')
  requestId?: string | null;
}

@ArgsType()
export class CreateActivityArgs extends ActivityFields {
  @Field(() => ID, { description: 'The customer the interaction was with' })
  @RefersTo('Customer')
  customerId!: string;

  @Field(() => Channel, { description: 'The channel of the interaction' })
  @IsEnum(Channel)
  mediaType!: Channel;
}

@ArgsType()
export class UpdateActivityArgs extends ActivityFields {
  @Field(() => ID, { description: 'The activity to update' })
  id!: string;

  @VersionArg()
  version?: number | null;
}

@InputType({ description: 'Narrows the activity field definitions; `q` matches key or label (contains, any case)' })
export class FieldDefinitionFilter extends BaseFilter {}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

@ArgsType()
export class CreateActivityFieldDefinitionArgs {
  @Field({ description: 'The key in activity `fields`: 1 to 64 letters, digits or "_", not starting with a digit; unique in the tenant' })
  @IsString()
  @Length(1, 64)
  @Matches(KEY, { message: 'Key must start with a letter or "_" and hold only letters, digits and "_"' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Human label, up to 80 characters (default: the key)' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  label?: string | null;

  @Field(() => FieldType, { description: 'The type its values must have' })
  @IsEnum(FieldType)
  type!: FieldType;

  @Field(() => Boolean, { nullable: true, description: 'Every activity must carry a value for it (default false)' })
  @IsOptional()
  @IsBoolean()
  required?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'For STRING fields, 1 to 2000 (default 255)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2000)
  maxLength?: number | null;
}

@ArgsType()
export class UpdateActivityFieldDefinitionArgs {
  @Field(() => ID, { description: 'The field definition to update' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Human label, up to 80 characters; null or empty resets it to the key' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  label?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Every activity must carry a value for it; omitted keeps it' })
  @Omittable()
  @IsBoolean()
  required?: boolean;

  @Field(() => Int, { nullable: true, description: 'Longest STRING value, 1 to 2000 characters; omitted keeps it' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2000)
  maxLength?: number;

  @VersionArg()
  version?: number | null;
}
