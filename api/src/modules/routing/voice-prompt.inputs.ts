import { IsEnum, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { CallMediaType } from './media-type';
import { ROUTING_NAME_RULE, RoutingName } from './rules';

@InputType({ description: 'Narrows the voice prompts; `q` matches the name (contains, any case)' })
export class VoicePromptFilter extends OuOwnedFilter {
  @Field(() => CallMediaType, { nullable: true, description: 'Voice prompts of this media type' })
  @IsOptional()
  mediaType?: CallMediaType | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class VoicePromptFields extends OuOwnedFields {
  @Field(() => String, { nullable: true, description: `Name, ${ROUTING_NAME_RULE} (required)` })
  @IsOptional()
  @IsString()
  @RoutingName('Name')
  name?: string | null;

  @Field(() => CallMediaType, { nullable: true, description: 'The calls it is played to: voice or video (required)' })
  @IsOptional()
  @IsEnum(CallMediaType)
  mediaType?: CallMediaType | null;

  @Field(() => String, { nullable: true, description: 'Where the recording is: an http or https URL of at most 2048 characters (required)' })
  @IsOptional()
  @IsString()
  @MaxLength(2048, { message: 'File URL must be at most 2048 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'File URL must be an http or https URL' })
  fileUrl?: string | null;
}
