import { DateTime, IANAZone } from 'luxon';

/**
 * The limits and formats of a work time (SPEC §6, issue 10 item 6), shared by the input
 * decorators (published to the console), the validator and the evaluator.
 */

/** SPEC §6: at most 4 segments for workdays and for non-workdays; special hours follow the same rule. */
export const MAX_SEGMENTS = 4;
export const MAX_NOTE_LENGTH = 200;
export const MAX_NOTICE_LENGTH = 500;

/** A segment's start: 00:00 to 23:59. */
export const START_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
/** A segment's end: 00:01 to 23:59, or 24:00, the end of the day (only as an end; 00:00 ends nothing). */
export const END_PATTERN = /^(00:(0[1-9]|[1-5][0-9])|(0[1-9]|1[0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
/** The shape of a calendar date; whether the day exists is `isCalendarDate`'s question. */
export const DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export const MINUTES_PER_DAY = 24 * 60;

/** "HH:MM" as minutes since local midnight (the caller has checked the format). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** "YYYY-MM-DD" naming a day that exists: 2026-02-30 and 2026-13-01 do not. */
export function isCalendarDate(value: string): boolean {
  return DATE_PATTERN.test(value) && DateTime.fromFormat(value, 'yyyy-MM-dd', { zone: 'utc' }).isValid;
}

/** Names of the tz database only: offsets such as "+05:00" follow no daylight-saving rule. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * Why a time zone name is refused, or null when it names a zone of the tz database the runtime
 * carries (ICU's, through Intl): canonical names, their links (Asia/Kolkata, US/Eastern) and UTC.
 * Intl accepts any letter case; a canonical name written in another case ("america/new_york") is
 * refused with its spelling, so what is stored and shown is the database's name.
 */
export function timeZoneProblem(name: string): string | null {
  if (!ZONE_NAME.test(name) || !IANAZone.isValidZone(name)) return `Unknown time zone "${name}": use a tz database name such as Europe/Berlin`;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return `Time zone must be written ${resolved}`;
  return null;
}
