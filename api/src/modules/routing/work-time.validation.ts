import type { FieldErrors } from '../../base/errors';
import {
  DATE_PATTERN,
  END_PATTERN,
  isCalendarDate,
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
  date: 'Date must be YYYY-MM-DD',
  note: `Note must be at most ${MAX_NOTE_LENGTH} characters`,
  notice: `Non-working-time notice must be at most ${MAX_NOTICE_LENGTH} characters`,
  workdaysUnique: 'Each weekday may be listed once',
} as const;

/**
 * Every broken rule of a work time as a field error under `path` (`workTime.workdaySegments.2.start`),
 * the first problem of each field; none: an empty object. For the
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
  if ((value.nonWorkingTimeNotice ?? '').length > MAX_NOTICE_LENGTH) add(`${path}.nonWorkingTimeNotice`, MESSAGES.notice);
  return errors;
}

type Add = (key: string, message: string) => void;

/**
 * The segments of one day's hours (a workday's, a non-workday's, a dated exception's) under
 * `path` (`segments.1.start`): at most 4, each well-formed with its end after its start, none
 * overlapping another. None broken: an empty object.
 */
export function segmentListErrors(segments: readonly SegmentValue[], path: string): FieldErrors {
  const errors: FieldErrors = {};
  segmentErrors(segments, path, (key, message) => {
    errors[key] ??= message;
  });
  return errors;
}

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

/**
 * Every broken rule of one dated exception, by field (`date`, `segments`, `segments.1.start`,
 * `note`; under `path.` when given): a real calendar date, closed all day with no segments or
 * special hours of 1 to 4 segments following the segment rules, a note of at most 200
 * characters. One exception per channel and date is the table's unique constraint.
 */
export function exceptionErrors(exception: ExceptionValue, path = ''): FieldErrors {
  const errors: FieldErrors = {};
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const add: Add = (key, message) => {
    errors[key] ??= message;
  };
  if (!isCalendarDate(exception.date)) add(at('date'), DATE_PATTERN.test(exception.date) ? `${exception.date} is not a date` : MESSAGES.date);
  if (exception.closed && exception.segments.length) add(at('segments'), 'A date closed all day has no segments');
  if (!exception.closed && !exception.segments.length) add(at('segments'), 'Special hours need at least one segment; mark the date closed for a holiday');
  segmentErrors(exception.segments, at('segments'), add);
  if ((exception.note ?? '').length > MAX_NOTE_LENGTH) add(at('note'), MESSAGES.note);
  return errors;
}
