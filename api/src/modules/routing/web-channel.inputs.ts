import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Omittable, RefersTo, ShownWhen } from '../../common/validation';
import { Gender } from '../identity/employee.entity';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { ClickToDialTarget } from './web-channel.entity';
import { IntRange } from './queue-handler.inputs';
import { Digits } from './rules';
import { WorkTimeInput } from './work-time.inputs';

/** Empty is none: only a given value must follow the rules after it (the console sends "" for a cleared field). */
const unlessEmpty = () => ValidateIf((_o: object, value: unknown) => value !== '');

export const CHANNEL_CODE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_KEYWORDS = 20;
const TEXT = 500;

@InputType({ description: 'Narrows the channels; `q` matches the channel code (contains, any case)' })
export class WebChannelFilter extends OuOwnedFilter {
  @Field(() => ID, { nullable: true, description: 'Channels queuing on this called route' })
  @IsOptional()
  @RefersTo('CalledRoute')
  calledRouteId?: string | null;
}

/** A text up to `max` characters (null clears it). */
const Text = (label: string, max = TEXT): PropertyDecorator => {
  const rules = [IsOptional(), IsString(), MaxLength(max, { message: `${label} must be at most ${max} characters` })];
  return (target, property) => {
    for (const rule of rules) rule(target, property);
  };
};

/** What a caller writes: every field optional (omitted keeps it); an option's fields are required only while it is on. */
@ArgsType()
export class WebChannelFields extends OuOwnedFields {
  @Field(() => String, {
    nullable: true,
    description: 'WebChannel code: 1 to 64 letters, digits or "_", not starting with a digit; unique in the tenant (required)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'WebChannel code must be 1 to 64 characters' })
  @Matches(CHANNEL_CODE, { message: 'WebChannel code must start with a letter or "_" and hold only letters, digits and "_"' })
  channelCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The MULTIMEDIA called route its dialogs queue on, to a skill queue serving WEB (required)' })
  @IsOptional()
  @RefersTo('CalledRoute', { notFound: () => 'Called route not found' })
  calledRouteId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Words with which a visitor asks the chatbot for an agent: at most ${MAX_KEYWORDS}, each 1 to 32 characters`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_KEYWORDS, { message: `At most ${MAX_KEYWORDS} transfer keywords` })
  @ArrayUnique({ message: 'Each transfer keyword at most once' })
  @Length(1, 32, { each: true, message: 'Each transfer keyword must be 1 to 32 characters' })
  @ShownWhen('chatbotEnabled', [true])
  transferKeywords?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Offer click to dial on the web page (default off)' })
  @Omittable()
  @IsBoolean()
  clickToDialEnabled?: boolean;

  @Field(() => ClickToDialTarget, { nullable: true, description: 'Where click-to-dial calls go (required while click to dial is on)' })
  @IsOptional()
  @IsEnum(ClickToDialTarget)
  @ShownWhen('clickToDialEnabled', [true])
  clickToDialTarget?: ClickToDialTarget | null;

  @Field(() => ID, { nullable: true, description: 'A click-to-dial called route, for click to dial to an agent' })
  @IsOptional()
  @RefersTo('CalledRoute', { notFound: () => 'Called route not found' })
  @ShownWhen('clickToDialEnabled', [true])
  @ShownWhen('clickToDialTarget', [ClickToDialTarget.AGENT])
  clickToDialRouteId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The IVR, for click to dial to an IVR' })
  @IsOptional()
  @RefersTo('Ivr', { notFound: () => 'IVR not found' })
  @ShownWhen('clickToDialEnabled', [true])
  @ShownWhen('clickToDialTarget', [ClickToDialTarget.IVR])
  clickToDialIvrId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'End dialogs after the visitor stops replying (default off: they time out after 20 minutes)' })
  @Omittable()
  @IsBoolean()
  dialogEndEnabled?: boolean;

  @Field(() => Int, { nullable: true, description: 'Minutes without a reply after which a dialog ends, 1 to 1440 (required while dialog end is on)' })
  @IsOptional()
  @IsInt()
  @IntRange('No-reply minutes', 1, 1440)
  @ShownWhen('dialogEndEnabled', [true])
  dialogEndNoReplyMinutes?: number | null;

  @Field(() => String, { nullable: true, description: `The closing message, up to ${TEXT} characters (required while dialog end is on)` })
  @Text('Conclusion')
  @ShownWhen('dialogEndEnabled', [true])
  dialogEndConclusion?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Authenticate visitors with a secret shared with the integrator (default off)' })
  @Omittable()
  @IsBoolean()
  thirdPartyAuthEnabled?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Sets the shared secret, 16 to 256 characters; write-only (required while third-party authentication is on)',
  })
  @IsOptional()
  @IsString()
  @Length(16, 256, { message: 'The secret must be 16 to 256 characters' })
  @ShownWhen('thirdPartyAuthEnabled', [true])
  thirdPartySecret?: string | null;

  @Field(() => WorkTimeInput, { nullable: true, description: 'When the channel is staffed; a given work time replaces the stored one' })
  @IsOptional()
  @ValidateNested()
  workTime?: WorkTimeInput | null;

  @Field(() => Int, { nullable: true, description: 'Seconds between reminders to a queued visitor, 1 to 3600 (default 10)' })
  @Omittable()
  @IsInt()
  @IntRange('Reminder interval', 1, 3600)
  queueReminderIntervalSeconds?: number;

  @Field(() => String, { nullable: true, description: `The reminder a queued visitor sees, up to ${TEXT} characters` })
  @Text('Reminder text')
  queueReminderText?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'A chatbot answers first (default off)' })
  @Omittable()
  @IsBoolean()
  chatbotEnabled?: boolean;

  @Field(() => String, { nullable: true, description: "The chatbot's avatar: an http or https URL (required while the chatbot is on)" })
  @IsOptional()
  @unlessEmpty()
  @IsString()
  @MaxLength(2048, { message: 'Avatar URL must be at most 2048 characters' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'Avatar URL must be an http or https URL' })
  @ShownWhen('chatbotEnabled', [true])
  chatbotAvatarUrl?: string | null;

  @Field(() => String, { nullable: true, description: "The chatbot's name, up to 64 characters (required while the chatbot is on)" })
  @Text('Chatbot name', 64)
  @ShownWhen('chatbotEnabled', [true])
  chatbotName?: string | null;

  @Field(() => Gender, { nullable: true, description: "The chatbot's gender (default UNKNOWN)" })
  @IsOptional()
  @IsEnum(Gender)
  @ShownWhen('chatbotEnabled', [true])
  chatbotGender?: Gender | null;

  @Field(() => String, { nullable: true, description: 'The access code of the chatbot flow: 1 to 24 digits (required while the chatbot is on)' })
  @IsOptional()
  @unlessEmpty()
  @IsString()
  @Digits('Chatbot access code', 24)
  @ShownWhen('chatbotEnabled', [true])
  chatbotAccessCode?: string | null;

  @Field(() => String, { nullable: true, description: `What the chatbot says without an answer, up to ${TEXT} characters (required while the chatbot is on)` })
  @Text('Default reply')
  @ShownWhen('chatbotEnabled', [true])
  chatbotDefaultReply?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `What the chatbot says when the visitor stops replying, up to ${TEXT} characters (required while the chatbot is on)`,
  })
  @Text('Timeout reply')
  @ShownWhen('chatbotEnabled', [true])
  chatbotTimeoutReply?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `What the chatbot says when it hands over to an agent, up to ${TEXT} characters (required while the chatbot is on)`,
  })
  @Text('Transfer prompt')
  @ShownWhen('chatbotEnabled', [true])
  chatbotTransferPrompt?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'A robot assistant suggests answers to agents (default off)' })
  @Omittable()
  @IsBoolean()
  robotAssistantEnabled?: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The access code of the robot assistant flow: 1 to 24 digits (required while the robot assistant is on)',
  })
  @IsOptional()
  @unlessEmpty()
  @IsString()
  @Digits('Assistant access code', 24)
  @ShownWhen('robotAssistantEnabled', [true])
  robotAssistantAccessCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A MULTIMEDIA called route for the robot assistant's silent agent (required while the robot assistant is on)",
  })
  @IsOptional()
  @RefersTo('CalledRoute', { notFound: () => 'Called route not found' })
  @ShownWhen('robotAssistantEnabled', [true])
  robotAssistantSilentRouteId?: string | null;
}
