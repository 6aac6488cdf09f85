import { IsEnum, IsOptional, IsString, IsUUID } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { RefersTo } from '../../common/validation';
import { RoutingMediaType } from './media-type';
import { Digits } from './rules';

@InputType({ description: 'Narrows the access codes; `q` matches the code (contains)' })
export class AccessCodeFilter extends BaseFilter {
  @Field(() => RoutingMediaType, { nullable: true, description: 'Access codes of this media type' })
  @IsOptional()
  mediaType?: RoutingMediaType | null;

  @Field(() => ID, { nullable: true, description: 'Access codes of this OU' })
  @IsOptional()
  @IsUUID('all', { message: 'ouId must be an OU id' })
  @RefersTo('OrgUnit')
  ouId?: string | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class AccessCodeFields {
  @Field(() => String, { nullable: true, description: 'The number dialled: 1 to 24 digits, unique in the tenant (required)' })
  @IsOptional()
  @IsString()
  @Digits('Access code', 24)
  code?: string | null;

  @Field(() => RoutingMediaType, { nullable: true, description: 'Which calls it takes (required)' })
  @IsOptional()
  @IsEnum(RoutingMediaType)
  mediaType?: RoutingMediaType | null;

  @Field(() => ID, { nullable: true, description: 'The owning OU; null = Unorganized' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'Unorganized' })
  ouId?: string | null;
}
