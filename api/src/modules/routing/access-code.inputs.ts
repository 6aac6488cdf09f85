import { IsEnum, IsOptional, IsString } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { RoutingMediaType } from './media-type';
import { Digits } from './rules';

@InputType({ description: 'Narrows the access codes; `q` matches the code (contains)' })
export class AccessCodeFilter extends OuOwnedFilter {
  @Field(() => RoutingMediaType, { nullable: true, description: 'Access codes of this media type' })
  @IsOptional()
  mediaType?: RoutingMediaType | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class AccessCodeFields extends OuOwnedFields {
  @Field(() => String, { nullable: true, description: 'The number dialled: 1 to 24 digits, unique in the tenant (required)' })
  @IsOptional()
  @IsString()
  @Digits('Access code', 24)
  code?: string | null;

  @Field(() => RoutingMediaType, { nullable: true, description: 'Which calls it takes (required)' })
  @IsOptional()
  @IsEnum(RoutingMediaType)
  mediaType?: RoutingMediaType | null;
}
