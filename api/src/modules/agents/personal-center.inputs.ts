import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../identity/password';
import { Omittable } from '../../common/validation';
import {
  AVATAR_MAX,
  AVATAR_MIN,
  GREETING_END,
  GREETING_FORBIDDEN,
  GREETING_MESSAGES,
  GREETING_START,
  GREETING_TEXT_MAX,
  MAX_CONCURRENT_SESSIONS,
  MAX_GREETINGS,
  NICKNAME_FORBIDDEN,
  NICKNAME_MAX,
  WithoutCharacters,
} from './personal-center.rules';

@InputType({ description: 'One personalized greeting: its text and the hours it is used in (on the hour; an end of 00:00 is midnight)' })
export class GreetingInput {
  @Field(() => String, { description: 'From, "HH:00" (00:00 to 23:00), before the end' })
  @IsString()
  @Matches(GREETING_START, { message: GREETING_MESSAGES.start })
  start!: string;

  @Field(() => String, { description: 'Until, "HH:00" (01:00 to 23:00, or 00:00: midnight), after the start' })
  @IsString()
  @Matches(GREETING_END, { message: GREETING_MESSAGES.end })
  end!: string;

  @Field(() => String, { description: `The greeting, 1 to ${GREETING_TEXT_MAX} characters, none of ${GREETING_FORBIDDEN}` })
  @IsString()
  @Length(1, GREETING_TEXT_MAX, { message: `Greeting must be 1 to ${GREETING_TEXT_MAX} characters` })
  @WithoutCharacters('Greeting', GREETING_FORBIDDEN)
  text!: string;
}

/** The agent's own personalized settings; each omitted keeps its value. */
@ArgsType()
export class UpdateMySettingsArgs {
  @Field(() => Int, { nullable: true, description: `Session avatar, ${AVATAR_MIN} to ${AVATAR_MAX}; omitted keeps it` })
  @Omittable()
  @IsInt()
  @Min(AVATAR_MIN, { message: `Avatar must be ${AVATAR_MIN} to ${AVATAR_MAX}` })
  @Max(AVATAR_MAX, { message: `Avatar must be ${AVATAR_MIN} to ${AVATAR_MAX}` })
  avatar?: number;

  @Field(() => String, { nullable: true, description: `Session nickname, 0 to ${NICKNAME_MAX} characters, none of ${NICKNAME_FORBIDDEN}; omitted keeps it` })
  @Omittable()
  @IsString()
  @MaxLength(NICKNAME_MAX, { message: `Nickname must be at most ${NICKNAME_MAX} characters` })
  @WithoutCharacters('Nickname', NICKNAME_FORBIDDEN)
  nickname?: string;

  @Field(() => Int, {
    nullable: true,
    description: `Most concurrent sessions, 0 to ${MAX_CONCURRENT_SESSIONS} (0 = the OU's, else the tenant's); omitted keeps it`,
  })
  @Omittable()
  @IsInt()
  @Min(0, { message: `Maximum concurrent sessions must be 0 to ${MAX_CONCURRENT_SESSIONS}` })
  @Max(MAX_CONCURRENT_SESSIONS, { message: `Maximum concurrent sessions must be 0 to ${MAX_CONCURRENT_SESSIONS}` })
  maxConcurrentSessions?: number;

  @Field(() => [GreetingInput], {
    nullable: true,
    description: `Replaces the greetings: at most ${MAX_GREETINGS}, hours not overlapping; an empty list clears them, omitted keeps them`,
  })
  @Omittable()
  @IsArray({ message: 'Greetings must be a list (an empty one clears them)' })
  @ArrayMaxSize(MAX_GREETINGS, { message: GREETING_MESSAGES.tooMany })
  @ValidateNested({ each: true })
  greetings?: GreetingInput[];
}

@ArgsType()
export class ChangeMySoftphonePasswordArgs {
  @Field({ description: 'Your sign-in password, re-entered' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'The current password is not correct' })
  signInPassword!: string;

  @Field({
    description: `The new softphone password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters with the password rules (not the softphone number); write-only`,
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `Softphone password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` })
  newPassword!: string;
}
