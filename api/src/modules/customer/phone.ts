import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** E.164 where the number parses (it carries its country), its digits otherwise. */
  normalized: string;
  digits: string;
}

/** Phones are matched on digits, so "+1 (415) 555-0100", "1-415-555-0100" and "4155550100" meet. */
export function normalizePhone(raw: string): NormalizedPhone {
  const digits = raw.replace(/\D/g, '');
  const international = raw.trim().startsWith('00') ? '+' + digits.slice(2) : raw;
  const parsed = parsePhoneNumberFromString(international);
  return { normalized: parsed?.isPossible() ? parsed.number : digits, digits };
}

/** Shortest stored number a caller's number may end with and still be the same line. */
export const MIN_MATCH_DIGITS = 7;
/** Shortest tail of digits a search may give ("also a suffix of at least 4 digits"). */
export const MIN_SUFFIX_DIGITS = 4;

/**
 * The stored numbers that a given number can be: a number ending with it (a suffix search, or
 * a national number stored for an international caller) or one it ends with (a national caller
 * id for an international number stored). Both use btree indexes on customer_phone.
 */
export function phoneMatch(digits: string): { reversedPrefix: string; suffixes: string[] } {
  const suffixes: string[] = [];
  for (let len = digits.length; len >= MIN_MATCH_DIGITS; len--) suffixes.push(digits.slice(digits.length - len));
  return { reversedPrefix: [...digits].reverse().join(''), suffixes };
}
