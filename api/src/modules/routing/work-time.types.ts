import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ListSize } from '../../base/list-size';
import { MAX_SEGMENTS } from './work-time.rules';

/**
 * A web channel's work time (SPEC §6, issue 10 item 6) as stored and returned: plain values the
 * channel keeps in one column, and the GraphQL types that show them. Dated exceptions are rows
 * of their own (`WorkTimeException`, work-time-exception.entity.ts), with no fixed cap.
 */

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week, in the time zone of the work time',
  valuesConfig: {
    MONDAY: { description: 'Monday' },
    TUESDAY: { description: 'Tuesday' },
    WEDNESDAY: { description: 'Wednesday' },
    THURSDAY: { description: 'Thursday' },
    FRIDAY: { description: 'Friday' },
    SATURDAY: { description: 'Saturday' },
    SUNDAY: { description: 'Sunday' },
  },
});

/** In ISO order, so `WEEKDAYS[n - 1]` is ISO weekday n (luxon's `weekday`: 1 = Monday). */
export const WEEKDAYS: readonly Weekday[] = Object.values(Weekday);

export interface SegmentValue {
  /** "HH:MM", 00:00–23:59. */
  start: string;
  /** "HH:MM", after start, up to 24:00. */
  end: string;
}

/** A dated exception as the evaluator and the validator read it (a `WorkTimeException` row). */
export interface ExceptionValue {
  /** "YYYY-MM-DD", a local date in the work time's zone. */
  date: string;
  closed: boolean;
  /** Special hours; empty when closed. */
  segments: SegmentValue[];
  /** Empty or null: none. */
  note: string | null;
}

export interface WorkTimeValue {
  timeZone: string;
  workdays: Weekday[];
  workdaySegments: SegmentValue[];
  nonWorkdaySegments: SegmentValue[];
  nonWorkingTimeNotice: string | null;
}

export const DEFAULT_WORKDAYS: readonly Weekday[] = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY];
export const DEFAULT_WORKDAY_SEGMENT: Readonly<SegmentValue> = { start: '09:00', end: '18:00' };

/**
 * SPEC §6's defaults: Monday to Friday, one segment 09:00–18:00, closed on other days. The zone has no good default (UTC shifts every opening hour for most tenants), so
 * the channel names it; UTC only when it has nothing better.
 */
export function defaultWorkTime(timeZone = 'UTC'): WorkTimeValue {
  return {
    timeZone,
    workdays: [...DEFAULT_WORKDAYS],
    workdaySegments: [{ ...DEFAULT_WORKDAY_SEGMENT }],
    nonWorkdaySegments: [],
    nonWorkingTimeNotice: null,
  };
}

@ObjectType({ description: 'Opening hours within one day, local wall-clock time: open from start (included) to end (excluded)' })
export class TimeSegment implements SegmentValue {
  @Field(() => String, { description: 'Opens at, "HH:MM" (00:00–23:59)' })
  start!: string;

  @Field(() => String, { description: 'Closes at, "HH:MM", after start; "24:00" is the end of the day' })
  end!: string;
}

@ObjectType({ description: 'When a channel is staffed: weekday hours and the time zone they are read in (dated exceptions are WorkTimeException records)' })
export class WorkTime implements WorkTimeValue {
  @Field(() => String, { description: 'The tz database name every time and date here is read in, e.g. Europe/Berlin; daylight saving included' })
  timeZone!: string;

  @Field(() => [Weekday], { description: 'The workdays (default Monday to Friday); every other day is a non-workday' })
  workdays!: Weekday[];

  @ListSize(MAX_SEGMENTS)
  @Field(() => [TimeSegment], { description: 'Hours of a workday: at most 4 non-overlapping segments (default 09:00–18:00)' })
  workdaySegments!: TimeSegment[];

  @ListSize(MAX_SEGMENTS)
  @Field(() => [TimeSegment], { description: 'Hours of a non-workday: at most 4 non-overlapping segments (default none: closed)' })
  nonWorkdaySegments!: TimeSegment[];

  @Field(() => String, { nullable: true, description: 'Shown to a visitor who writes while the channel is closed (at most 500 characters)' })
  nonWorkingTimeNotice!: string | null;
}
