import type { FieldErrors } from '../../base/errors';
import {
  DATE_PATTERN,
  END_PATTERN,
  isCalendarDate,
  MAX_EXCEPTIONS,
  MAX_NOTE_LENGTH,
  MAX_NOTICE_LENGTH,
  MAX_SEGMENTS,
  minutesOf,
  START_PATTERN,
  timeZoneProblem,
} from './work-time.rules';
import { type ExceptionValue, type SegmentValue, WEEKDAYS, type Weekday, type WorkTimeValue } from './work-time.types';

/** The wording of each rule, shared with the input decorators so both report a problem alike. */
export const MESSAGES = {
  start: 'Start must be a time HH:MM from 00:00 to 23:59',
  startAtEndOfDay: '24:00 is the end of the day: a segment may end there, not start',
  end: 'End must be a time HH:MM from 00:01 to 24:00',
  tooManySegments: `At most ${MAX_SEGMENTS} segments`,
  tooManyExceptions: `At most ${MAX_EXCEPTIONS} exceptions`,
  date: 'Date must be YYYY-MM-DD',
  note: `Note must be at most ${MAX_NOTE_LENGTH} characters`,
  notice: `Non-working-time notice must be at most ${MAX_NOTICE_LENGTH} characters`,
  workdaysUnique: 'Each weekday may be listed once',
} as const;

/**
 * Every broken rule of a work time as a field error under `path` (`workTime.workdaySegments.2.start`,
 * `workTime.exceptions.0.date`), the first problem of each field; none: an empty object. For the
 * channel resource's `check` hook, and for any value that did not come through the GraphQL
 * input's decorators (seeds, imports). Indexes are those of the lists as given.
 */
export function workTimeErrors(value: WorkTimeValue, path = 'workTime'): FieldErrors {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };
  const zone = timeZoneProblem(value.timeZone);
  if (zone) add(`${path}.timeZone`, zone);
  const unknownDay = value.workdays.find((d) => !WEEKDAYS.includes(d));
  if (unknownDay !== undefined) add(`${path}.workdays`, `Unknown weekday "${unknownDay}"`);
  if (new Set<Weekday>(value.workdays).size !== value.workdays.length) add(`${path}.workdays`, MESSAGES.workdaysUnique);
  segmentErrors(value.workdaySegments, `${path}.workdaySegments`, add);
  segmentErrors(value.nonWorkdaySegments, `${path}.nonWorkdaySegments`, add);
  exceptionErrors(value.exceptions, `${path}.exceptions`, add);
  if ((value.nonWorkingTimeNotice ?? '').length > MAX_NOTICE_LENGTH) add(`${path}.nonWorkingTimeNotice`, MESSAGES.notice);
  return errors;
}

type Add = (key: string, message: string) => void;

/** At most 4 segments, each well-formed with its end after its start, none overlapping another. */
function segmentErrors(segments: readonly SegmentValue[], path: string, add: Add): void {
  if (segments.length > MAX_SEGMENTS) add(path, MESSAGES.tooManySegments);
  const wellFormed: { index: number; start: number; end: number; segment: SegmentValue }[] = [];
  segments.forEach((segment, index) => {
    const at = `${path}.${index}`;
    const startOk = START_PATTERN.test(segment.start);
    const endOk = END_PATTERN.test(segment.end);
    if (!startOk) add(`${at}.start`, segment.start === '24:00' ? MESSAGES.startAtEndOfDay : MESSAGES.start);
    if (!endOk) add(`${at}.end`, MESSAGES.end);
    if (!startOk || !endOk) return;
    const [start, end] = [minutesOf(segment.start), minutesOf(segment.end)];
    if (end <= start) add(`${at}.end`, `End must be after the start (${segment.start})`);
    else wellFormed.push({ index, start, end, segment });
  });
  // Half-open [start, end): a segment may start where another ends (09:00–12:00, 12:00–13:00).
  // In order of start, one overlaps when it starts before the latest end so far; it carries the
  // error, the one it overlaps is named.
  wellFormed.sort((a, b) => a.start - b.start || a.index - b.index);
  let latest: (typeof wellFormed)[number] | undefined;
  for (const s of wellFormed) {
    if (latest && s.start < latest.end) add(`${path}.${s.index}.start`, `Overlaps the segment ${latest.segment.start}–${latest.segment.end}`);
    if (!latest || s.end > latest.end) latest = s;
  }
}

/** A bounded list, one exception per real date, closed with no segments or open with 1 to 4. */
function exceptionErrors(exceptions: readonly ExceptionValue[], path: string, add: Add): void {
  // Past the bound nothing more is read: the bound is there to keep such a list from costing more.
  if (exceptions.length > MAX_EXCEPTIONS) {
    add(path, MESSAGES.tooManyExceptions);
    return;
  }
  const seen = new Set<string>();
  exceptions.forEach((exception, index) => {
    const at = `${path}.${index}`;
    if (!isCalendarDate(exception.date)) add(`${at}.date`, DATE_PATTERN.test(exception.date) ? `${exception.date} is not a date` : MESSAGES.date);
    else if (seen.has(exception.date)) add(`${at}.date`, `${exception.date} already has an exception: one per date`);
    seen.add(exception.date);
    if (exception.closed && exception.segments.length) add(`${at}.segments`, 'A date closed all day has no segments');
    if (!exception.closed && !exception.segments.length) add(`${at}.segments`, 'Special hours need at least one segment; mark the date closed for a holiday');
    segmentErrors(exception.segments, `${at}.segments`, add);
    if ((exception.note ?? '').length > MAX_NOTE_LENGTH) add(`${at}.note`, MESSAGES.note);
  });
}
