import { Matches } from 'class-validator';
import type { FieldErrors } from '../../base/errors';
import { segmentListErrors } from '../routing/work-time.validation';

/**
 * The rules of an agent's personalized settings (SPEC §5, seed personal-center.txt), shared by
 * the input decorators (published to the console) and `greetingErrors` (rules across greetings).
 */

export const AVATAR_MIN = 1;
export const AVATAR_MAX = 8;
export const DEFAULT_AVATAR = 1;
export const NICKNAME_MAX = 20;
export const MAX_CONCURRENT_SESSIONS = 60;
export const MAX_GREETINGS = 4;
export const GREETING_TEXT_MAX = 20;

/** The seed's own sets (not the routing names' `` `~!#$%^&*()+=|{}':;,<>/? ``: a nickname also refuses `@ " .`, and allows `` ` ^ | ``). */
export const NICKNAME_FORBIDDEN = `+~!@#$%&*()/=+{};:'",<.>?`;
export const GREETING_FORBIDDEN = `<>'"/\\`;

/** A text with none of `chars` and no control characters, as a class-validator pattern the console reads. */
export function WithoutCharacters(label: string, chars: string): PropertyDecorator {
  // Only the characters a class needs escaped, so the pattern reads alike with and without the u or v flag.
  const escaped = [...new Set(chars)].map((c) => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c)).join('');
  const pattern = new RegExp(`^[^${escaped}\\u0000-\\u001f\\u007f-\\u009f]*$`);
  return Matches(pattern, { message: `${label} must not contain control characters or any of ${[...new Set(chars)].join('')}` });
}

/** A greeting as stored (the agent's json column) and read: "HH:00" hours, where an end of "00:00" is midnight. */
export interface GreetingValue {
  start: string;
  end: string;
  text: string;
}

/** A start on the hour, 00:00 to 23:00. */
export const GREETING_START = /^([01][0-9]|2[0-3]):00$/;
/** An end on the hour, 01:00 to 23:00, or 00:00: midnight, the end of the day. */
export const GREETING_END = /^(0[0-9]|1[0-9]|2[0-3]):00$/;

export const GREETING_MESSAGES = {
  start: 'Start must be on the hour, 00:00 to 23:00',
  end: 'End must be on the hour, 01:00 to 23:00, or 00:00 (midnight)',
  tooMany: `At most ${MAX_GREETINGS} greetings`,
} as const;

/**
 * Rules across the greetings, by field (`greetings.2.start`): start before end and no overlaps
 * (half-open hours: one may start where another ends). The day's segments of work times are
 * the same rules, so they are checked there, with "00:00" as an end read as "24:00".
 */
export function greetingErrors(greetings: readonly GreetingValue[], path = 'greetings'): FieldErrors {
  const errors: FieldErrors = {};
  if (greetings.length > MAX_GREETINGS) errors[path] = GREETING_MESSAGES.tooMany;
  greetings.forEach((g, i) => {
    if (!GREETING_START.test(g.start)) errors[`${path}.${i}.start`] ??= GREETING_MESSAGES.start;
    if (!GREETING_END.test(g.end)) errors[`${path}.${i}.end`] ??= GREETING_MESSAGES.end;
  });
  if (Object.keys(errors).length) return errors;
  const segments = greetings.map((g) => ({ start: g.start, end: g.end === '00:00' ? '24:00' : g.end }));
  for (const [key, message] of Object.entries(segmentListErrors(segments, path)))
    errors[key] ??= message.replace('segment', 'greeting').replace('24:00', '00:00');
  return errors;
}
