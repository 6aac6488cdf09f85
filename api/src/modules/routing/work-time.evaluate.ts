import { DateTime } from 'luxon';
import { type OpenAnswer, type RuleValue, WorkTimeDayKind, WorkTimeRuleKind } from './work-time.answer';
import { minutesOf } from './work-time.rules';
import { type ExceptionValue, type SegmentValue, WEEKDAYS, type WorkTimeValue } from './work-time.types';

/** The local date ("YYYY-MM-DD") of an instant in a zone: the date whose exception applies to it. */
export function localDateAt(timeZone: string, at: Date): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/**
 * Whether a work time is open at an instant. Pure: the answer depends on `workTime`, `at` and
 * the channel's dated `exceptions` only (all of them, or just the one of the local date, see
 * `localDateAt`), so a query, the call simulator and a test ask the same question.
 *
 * Wall-clock semantics (docs/decisions.md): `at` is turned into the local date and time of the
 * zone, and only those decide. On a spring-forward day the skipped wall-clock times never occur,
 * so a segment inside the gap is never open and one around it is open for its real, shorter
 * length; on a fall-back day the repeated times occur twice, and each is open if a segment holds
 * it. Segments are half-open, [start, end): 18:00 is outside 09:00–18:00. Precision is the minute,
 * which for minute-aligned bounds is the same as comparing the exact instant.
 *
 * The value is expected valid (`workTimeErrors` returns nothing for it); the zone is trusted.
 */
export function openAt(workTime: WorkTimeValue, at: Date, exceptions: readonly ExceptionValue[] = []): OpenAnswer {
  const local = DateTime.fromJSDate(at, { zone: workTime.timeZone });
  const date = local.toISODate()!;
  const minute = local.hour * 60 + local.minute;
  const weekday = WEEKDAYS[local.weekday - 1]!;
  const exception = exceptions.find((e) => e.date === date);

  let day: WorkTimeDayKind;
  let segments: SegmentValue[];
  if (exception) day = WorkTimeDayKind.EXCEPTION;
  else day = workTime.workdays.includes(weekday) ? WorkTimeDayKind.WORKDAY : WorkTimeDayKind.NON_WORKDAY;
  if (exception) segments = exception.closed ? [] : exception.segments;
  else segments = day === WorkTimeDayKind.WORKDAY ? workTime.workdaySegments : workTime.nonWorkdaySegments;

  const segment = segments.find((s) => minutesOf(s.start) <= minute && minute < minutesOf(s.end)) ?? null;
  const rule: RuleValue = {
    kind: kindOf(day, segment !== null, segments.length > 0),
    day,
    date,
    weekday,
    start: segment?.start ?? null,
    end: segment?.end ?? null,
    note: exception?.note || null,
  };
  const open = segment !== null;
  return {
    open,
    rule,
    timeZone: workTime.timeZone,
    localTime: local.toISO({ suppressMilliseconds: true })!,
    notice: open ? null : workTime.nonWorkingTimeNotice,
  };
}

function kindOf(day: WorkTimeDayKind, inSegment: boolean, hasSegments: boolean): WorkTimeRuleKind {
  if (day === WorkTimeDayKind.EXCEPTION) {
    if (inSegment) return WorkTimeRuleKind.EXCEPTION_SEGMENT;
    return hasSegments ? WorkTimeRuleKind.EXCEPTION_OUTSIDE_SEGMENTS : WorkTimeRuleKind.EXCEPTION_CLOSED;
  }
  if (inSegment) return day === WorkTimeDayKind.WORKDAY ? WorkTimeRuleKind.WORKDAY_SEGMENT : WorkTimeRuleKind.NON_WORKDAY_SEGMENT;
  return hasSegments ? WorkTimeRuleKind.OUTSIDE_SEGMENTS : WorkTimeRuleKind.CLOSED_DAY;
}
