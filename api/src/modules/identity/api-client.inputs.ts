import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { Omittable, RefersTo } from '../../common/validation';
import { OuGrantInput } from './assignments';

@InputType()
export class ApiClientFilter extends BaseFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only clients that can sign in (enabled, not revoked)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@ArgsType()
export class ApiClientFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @Field(() => [ID], { nullable: true })
  @Omittable()
  @ArrayMaxSize(50)
  @RefersTo('Role')
  roleIds?: string[];

  @Field(() => [OuGrantInput], { nullable: true, description: 'OU grants; each covers the OU and its subtree' })
  @Omittable()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  grants?: OuGrantInput[];
}

@ArgsType()
export class CreateApiClientArgs extends ApiClientFields {
  @Field()
  @IsString()
  @Length(1, 80, { message: 'Name must be 1 to 80 characters' })
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
  name?: string;

  @Field(() => Int, { nullable: true, description: 'The version that was edited; a stale one is a CONFLICT' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number | null;
}
