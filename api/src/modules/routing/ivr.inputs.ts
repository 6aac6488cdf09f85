import { IsEnum, IsOptional, IsString } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { CallMediaType } from './media-type';
import { Digits, ROUTING_NAME_RULE, RoutingName } from './rules';

@InputType({ description: 'Narrows the IVRs; `q` matches the name or the access code (contains, any case)' })
export class IvrFilter extends OuOwnedFilter {
  @Field(() => CallMediaType, { nullable: true, description: 'IVRs of this media type' })
  @IsOptional()
  mediaType?: CallMediaType | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class IvrFields extends OuOwnedFields {
  @Field(() => String, { nullable: true, description: `Name, ${ROUTING_NAME_RULE} (required)` })
  @IsOptional()
  @IsString()
  @RoutingName('Name')
  name?: string | null;

  @Field(() => String, { nullable: true, description: "The flow's own access code: 1 to 24 digits, unique among the tenant's IVRs (required)" })
  @IsOptional()
  @IsString()
  @Digits('Access code', 24)
  accessCode?: string | null;

  @Field(() => CallMediaType, { nullable: true, description: 'The calls it answers: voice or video (required)' })
  @IsOptional()
  @IsEnum(CallMediaType)
  mediaType?: CallMediaType | null;
}
