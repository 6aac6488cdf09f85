import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { Omittable, RefersTo } from '../../common/validation';
import { NameArg, VersionArg } from '../../common/version-arg';
import { Channel } from '../customer/channel';
import { FieldType } from './field-definition.entity';
import { RequestStatus } from './request.entity';

@InputType()
export class CustomerRequestFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  customerId?: string | null;

  @Field(() => RequestStatus, { nullable: true, description: 'As of now (auto-closing included)' })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus | null;
}

@ArgsType()
export class CreateCustomerRequestArgs {
  @Field(() => ID)
  @RefersTo('Customer')
  customerId!: string;

  @NameArg(200, { label: 'Title' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'Description must be at most 2000 characters' })
  description?: string | null;
}

@ArgsType()
export class UpdateCustomerRequestArgs {
  @Field(() => ID)
  id!: string;

  @NameArg(200, { required: false, label: 'Title' })
  title?: string;

  @Field(() => String, { nullable: true })
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

@InputType()
export class ActivityFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'requestId must be a request id' })
  requestId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  tag?: string | null;
}

const TAGS = { max: 20, length: 40 };

@ArgsType()
export class ActivityFields {
  @Field(() => [String], { nullable: true, description: `At most ${TAGS.max} tags of 1 to ${TAGS.length} characters` })
  @Omittable()
  @ArrayMaxSize(TAGS.max)
  @Length(1, TAGS.length, { each: true, message: `Each tag must be 1 to ${TAGS.length} characters` })
  tags?: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Checked against the tenant's activity field definitions" })
  @Omittable()
  fields?: Record<string, unknown>;

  @Field(() => ID, { nullable: true, description: "One of the customer's requests; null for none" })
  @IsOptional()
  @RefersTo('CustomerRequest')
  requestId?: string | null;
}

@ArgsType()
export class CreateActivityArgs extends ActivityFields {
  @Field(() => ID)
  @RefersTo('Customer')
  customerId!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  mediaType!: Channel;
}

@ArgsType()
export class UpdateActivityArgs extends ActivityFields {
  @Field(() => ID)
  id!: string;

  @VersionArg()
  version?: number | null;
}

@InputType()
export class FieldDefinitionFilter extends BaseFilter {}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

@ArgsType()
export class CreateActivityFieldDefinitionArgs {
  @Field()
  @IsString()
  @Length(1, 64)
  @Matches(KEY, { message: 'Key must start with a letter or "_" and hold only letters, digits and "_"' })
  key!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  label?: string | null;

  @Field(() => FieldType)
  @IsEnum(FieldType)
  type!: FieldType;

  @Field(() => Boolean, { nullable: true })
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
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  label?: string | null;

  @Field(() => Boolean, { nullable: true })
  @Omittable()
  @IsBoolean()
  required?: boolean;

  @Field(() => Int, { nullable: true })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2000)
  maxLength?: number;

  @VersionArg()
  version?: number | null;
}
