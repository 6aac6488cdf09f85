import { IsEnum, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { RefersTo } from '../../common/validation';
import { CallMediaType } from './media-type';
import { ROUTING_NAME_RULE, RoutingName } from './rules';

@InputType({ description: 'Narrows the voice prompts; `q` matches the name (contains, any case)' })
export class VoicePromptFilter extends BaseFilter {
  @Field(() => CallMediaType, { nullable: true, description: 'Voice prompts of this media type' })
  @IsOptional()
  mediaType?: CallMediaType | null;

  @Field(() => ID, { nullable: true, description: 'Voice prompts of this OU' })
  @IsOptional()
  @IsUUID('all', { message: 'ouId must be an OU id' })
  @RefersTo('OrgUnit')
  ouId?: string | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class VoicePromptFields {
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

  @Field(() => ID, { nullable: true, description: 'The owning OU; null = Unorganized' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'Unorganized' })
  ouId?: string | null;
}
