import { ArrayMaxSize, IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { RefersTo, ShownWhen } from '../../common/validation';
import { TimeSegmentInput } from './work-time.inputs';
import { DATE_PATTERN, isCalendarDate, MAX_NOTE_LENGTH, MAX_SEGMENTS } from './work-time.rules';
import { MESSAGES } from './work-time.validation';

/** "YYYY-MM-DD" naming a day that exists (2026-02-30 does not). */
const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: (args) => (typeof args?.value === 'string' && DATE_PATTERN.test(args.value) ? `${args.value} is not a date` : MESSAGES.date),
    },
  });

/** A date bound of the filter: "YYYY-MM-DD". */
const DateBound = (): PropertyDecorator => {
  const rules = [IsOptional(), IsString(), Matches(DATE_PATTERN, { message: MESSAGES.date }), IsCalendarDate()];
  return (target, property) => {
    for (const rule of rules) rule(target, property);
  };
};

@InputType({ description: 'Narrows the dated exceptions; `q` matches the note (contains, any case)' })
export class WorkTimeExceptionFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'The exceptions of this web channel' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be a web channel id' })
  @RefersTo('WebChannel')
  channelId?: string | null;

  @Field(() => String, { nullable: true, description: 'Dates from this one on, "YYYY-MM-DD" (included)' })
  @DateBound()
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Dates up to this one, "YYYY-MM-DD" (included)' })
  @DateBound()
  to?: string | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class WorkTimeExceptionFields {
  @Field(() => ID, { nullable: true, description: 'The web channel whose work time it changes, one you may edit (required)' })
  @IsOptional()
  @RefersTo('WebChannel', { notFound: () => 'Web channel not found' })
  channelId?: string | null;

  @Field(() => String, { nullable: true, description: 'The local date, "YYYY-MM-DD", in the time zone of the channel; one exception per date (required)' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: MESSAGES.date })
  @IsCalendarDate()
  date?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Closed all day (a holiday; no segments); default false: open in the segments only' })
  @IsOptional()
  @IsBoolean()
  closed?: boolean | null;

  @Field(() => [TimeSegmentInput], {
    nullable: true,
    description: `The special hours of the date: 1 to ${MAX_SEGMENTS} non-overlapping segments; none when closed (omitted on a closed date: cleared)`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_SEGMENTS, { message: MESSAGES.tooManySegments })
  @ValidateNested({ each: true })
  @ShownWhen('closed', [false])
  segments?: TimeSegmentInput[] | null;

  @Field(() => String, { nullable: true, description: `Why the date differs, e.g. "New Year" (at most ${MAX_NOTE_LENGTH} characters)` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTE_LENGTH, { message: MESSAGES.note })
  note?: string | null;
}
