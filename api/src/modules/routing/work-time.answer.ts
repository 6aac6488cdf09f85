import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Weekday } from './work-time.types';

/** What `openAt` answers and `channelOpen(channelId, at)` returns: open or not, and which rule decided. */

export enum WorkTimeRuleKind {
  EXCEPTION_CLOSED = 'EXCEPTION_CLOSED',
  EXCEPTION_SEGMENT = 'EXCEPTION_SEGMENT',
  EXCEPTION_OUTSIDE_SEGMENTS = 'EXCEPTION_OUTSIDE_SEGMENTS',
  WORKDAY_SEGMENT = 'WORKDAY_SEGMENT',
  NON_WORKDAY_SEGMENT = 'NON_WORKDAY_SEGMENT',
  CLOSED_DAY = 'CLOSED_DAY',
  OUTSIDE_SEGMENTS = 'OUTSIDE_SEGMENTS',
}
registerEnumType(WorkTimeRuleKind, {
  name: 'WorkTimeRuleKind',
  description: 'Which rule of a work time decided whether the channel is open',
  valuesConfig: {
    EXCEPTION_CLOSED: { description: 'Closed: an exception closes the local date all day (a holiday)' },
    EXCEPTION_SEGMENT: { description: "Open: inside a segment of the local date's special hours" },
    EXCEPTION_OUTSIDE_SEGMENTS: { description: 'Closed: the local date has special hours, and this time is outside them' },
    WORKDAY_SEGMENT: { description: 'Open: inside a workday segment' },
    NON_WORKDAY_SEGMENT: { description: 'Open: inside a non-workday segment' },
    CLOSED_DAY: { description: 'Closed: the day (a workday or a non-workday) has no segments' },
    OUTSIDE_SEGMENTS: { description: "Closed: outside every segment of the day's hours" },
  },
});

export enum WorkTimeDayKind {
  WORKDAY = 'WORKDAY',
  NON_WORKDAY = 'NON_WORKDAY',
  EXCEPTION = 'EXCEPTION',
}
registerEnumType(WorkTimeDayKind, {
  name: 'WorkTimeDayKind',
  description: 'Whose hours applied to the local date',
  valuesConfig: {
    WORKDAY: { description: 'The workday hours: the weekday is a workday' },
    NON_WORKDAY: { description: 'The non-workday hours: the weekday is not a workday' },
    EXCEPTION: { description: "The date's exception, which wins over its weekday" },
  },
});

export interface RuleValue {
  kind: WorkTimeRuleKind;
  day: WorkTimeDayKind;
  date: string;
  weekday: Weekday;
  start: string | null;
  end: string | null;
  note: string | null;
}

export interface OpenAnswer {
  open: boolean;
  rule: RuleValue;
  timeZone: string;
  localTime: string;
  notice: string | null;
}

@ObjectType({ description: 'The rule of a work time that decided, read in its time zone' })
export class WorkTimeRule implements RuleValue {
  @Field(() => WorkTimeRuleKind, { description: 'What decided: a segment, a closed day, the time outside the segments, or an exception' })
  kind!: WorkTimeRuleKind;

  @Field(() => WorkTimeDayKind, { description: 'Whose hours applied: workday, non-workday or the exception of the date' })
  day!: WorkTimeDayKind;

  @Field(() => String, { description: 'The local date the instant falls on, "YYYY-MM-DD"' })
  date!: string;

  @Field(() => Weekday, { description: 'The local weekday of that date' })
  weekday!: Weekday;

  @Field(() => String, { nullable: true, description: 'Start of the segment the instant is in, "HH:MM"; null when closed' })
  start!: string | null;

  @Field(() => String, { nullable: true, description: 'End of the segment the instant is in, "HH:MM" (excluded); null when closed' })
  end!: string | null;

  @Field(() => String, { nullable: true, description: "The exception's note, when an exception decided" })
  note!: string | null;
}

@ObjectType({ description: 'Whether a channel is open at an instant, and which rule of its work time decided' })
export class ChannelOpenAnswer implements OpenAnswer {
  @Field(() => Boolean, { description: 'Open at the instant' })
  open!: boolean;

  @Field(() => WorkTimeRule, { description: 'The rule that decided' })
  rule!: WorkTimeRule;

  @Field(() => String, { description: 'The time zone of the work time, a tz database name' })
  timeZone!: string;

  @Field(() => String, { description: 'The instant as local time in that zone, ISO 8601 with its UTC offset, e.g. 2026-03-08T03:30:00-04:00' })
  localTime!: string;

  @Field(() => String, { nullable: true, description: "The channel's non-working-time notice when closed; null when open or when it has none" })
  notice!: string | null;
}
