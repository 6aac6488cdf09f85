import { ArrayMaxSize, ArrayUnique, IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { END_PATTERN, MAX_NOTICE_LENGTH, MAX_SEGMENTS, START_PATTERN, timeZoneProblem } from './work-time.rules';
import { DEFAULT_WORKDAY_SEGMENT, DEFAULT_WORKDAYS, type SegmentValue, Weekday, type WorkTimeValue } from './work-time.types';
import { MESSAGES } from './work-time.validation';

/**
 * What a caller writes for a work time: the whole value at once (it replaces the stored one), an
 * omitted list taking its default. The decorators catch each field's own problems with its path
 * (`workTime.workdaySegments.2.start`) and publish limits to the console; rules across fields and
 * items (end after start, overlaps) are `workTimeErrors`',
 * which the channel's `check` runs on the value `workTimeFromInput` makes.
 */

const IsTimeZone = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && timeZoneProblem(value) === null,
      defaultMessage: (args) => (typeof args?.value === 'string' && timeZoneProblem(args.value)) || 'Time zone must be a tz database name',
    },
  });

@InputType({ description: 'Opening hours within one day, local wall-clock time: open from start (included) to end (excluded)' })
export class TimeSegmentInput {
  @Field(() => String, { description: 'Opens at, "HH:MM" (00:00–23:59)' })
  @IsString()
  @Matches(START_PATTERN, { message: MESSAGES.start })
  start!: string;

  @Field(() => String, { description: 'Closes at, "HH:MM", after start; "24:00" is the end of the day' })
  @IsString()
  @Matches(END_PATTERN, { message: MESSAGES.end })
  end!: string;
}

@InputType({ description: 'When a channel is staffed: weekday hours, read in one time zone (dated exceptions are WorkTimeException records)' })
export class WorkTimeInput {
  @Field(() => String, { description: 'A tz database name, e.g. Europe/Berlin; every time and date is read in it, daylight saving included' })
  @IsString()
  @IsTimeZone()
  timeZone!: string;

  @Field(() => [Weekday], { nullable: true, description: 'The workdays, each once (default Monday to Friday); every other day is a non-workday' })
  @IsOptional()
  @ArrayUnique({ message: MESSAGES.workdaysUnique })
  @IsEnum(Weekday, { each: true })
  workdays?: Weekday[] | null;

  @Field(() => [TimeSegmentInput], { nullable: true, description: 'Hours of a workday: at most 4 non-overlapping segments (default 09:00–18:00)' })
  @IsOptional()
  @ArrayMaxSize(MAX_SEGMENTS, { message: MESSAGES.tooManySegments })
  @ValidateNested({ each: true })
  workdaySegments?: TimeSegmentInput[] | null;

  @Field(() => [TimeSegmentInput], { nullable: true, description: 'Hours of a non-workday: at most 4 non-overlapping segments (default none: closed)' })
  @IsOptional()
  @ArrayMaxSize(MAX_SEGMENTS, { message: MESSAGES.tooManySegments })
  @ValidateNested({ each: true })
  nonWorkdaySegments?: TimeSegmentInput[] | null;

  @Field(() => String, { nullable: true, description: `Shown to a visitor who writes while the channel is closed (at most ${MAX_NOTICE_LENGTH} characters)` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTICE_LENGTH, { message: MESSAGES.notice })
  nonWorkingTimeNotice?: string | null;
}

export const segmentsOf = (segments: readonly TimeSegmentInput[]): SegmentValue[] => segments.map(({ start, end }) => ({ start, end }));
/** Trimmed; blank is no text. */
const textOf = (text: string | null | undefined): string | null => text?.trim() || null;

/** The stored value of an input: omitted lists take SPEC §6's defaults, texts are trimmed. Validate it with `workTimeErrors`. */
export function workTimeFromInput(input: WorkTimeInput): WorkTimeValue {
  return {
    timeZone: input.timeZone,
    workdays: [...(input.workdays ?? DEFAULT_WORKDAYS)],
    workdaySegments: segmentsOf(input.workdaySegments ?? [DEFAULT_WORKDAY_SEGMENT]),
    nonWorkdaySegments: segmentsOf(input.nonWorkdaySegments ?? []),
    nonWorkingTimeNotice: textOf(input.nonWorkingTimeNotice),
  };
}
