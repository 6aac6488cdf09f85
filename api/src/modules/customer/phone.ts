import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** E.164 where the number parses (it carries its country), its digits otherwise. */
  normalized: string;
  /**
   * The digits used for matching, without leading zeros: national trunk prefixes ("0412…")
   * and international ones ("0044…") would otherwise keep a national and an international
   * spelling of one number from meeting.
   */
  digits: string;
}

export function normalizePhone(raw: string): NormalizedPhone {
  const allDigits = raw.replace(/\D/g, '');
  const international = raw.trim().startsWith('00') ? `+${allDigits.slice(2)}` : raw;
  const parsed = parsePhoneNumberFromString(international);
  return { normalized: parsed?.isPossible() ? parsed.number : allDigits, digits: matchDigits(allDigits) };
}

/**
 * The matching digits alone (NormalizedPhone's `digits`), for a lookup: parsing the number for
 * its E.164 form is a store-time concern, and a national number without a country makes
 * libphonenumber build and throw an error inside, on every call-time lookup.
 */
export const matchDigits = (raw: string): string => raw.replace(/\D/g, '').replace(/^0+/, '');

/** Shortest stored number a caller's number may end with and still be the same line. */
export const MIN_MATCH_DIGITS = 7;
/** Shortest tail of digits a search may give ("also a suffix of at least 4 digits"). */
export const MIN_SUFFIX_DIGITS = 4;
/** The reversed digits the phone tail index holds (customer_phone_tail_index): a tail's first ones, as an equality. */
export const TAIL_INDEX_DIGITS = 7;

export interface PhoneMatch {
  /** Reversed digit strings: stored numbers ending with one of them match (LIKE 'rev%'). */
  reversedTails: string[];
  /** Stored numbers equal to one of these (tails of the given number) match. */
  wholes: string[];
}

/**
 * The stored numbers a given number can be, "+1 (415) 555-0100", "415-555-0100", "0199" alike:
 * a stored number ending with it (a suffix search, or a national number given for an
 * international one stored), or one it ends with (an international caller id for a national
 * number stored). Both forms use btree indexes on customer_phone.
 */
export function phoneMatch(given: string): PhoneMatch {
  const raw = given.replace(/\D/g, '');
  const stripped = raw.replace(/^0+/, '');
  const reversedTails = [...new Set([raw, stripped])].filter((d) => d.length >= MIN_SUFFIX_DIGITS).map((d) => [...d].reverse().join(''));
  const wholes: string[] = [];
  for (let len = stripped.length; len >= MIN_MATCH_DIGITS; len--) wholes.push(stripped.slice(stripped.length - len));
  return { reversedTails, wholes };
}

/**
 * The first phone of a list that is the same number as an earlier one once normalised
 * ("+44 20 7946 0018", "0044 (20) 7946-0018"; "555 0100" and "555-0100"): its index and the
 * earlier one's. A customer's lookups would hold the number twice.
 */
export function repeatedPhone(phones: readonly string[]): { index: number; of: number } | undefined {
  const seen = new Map<string, number>();
  for (const [index, raw] of phones.entries()) {
    const { normalized, digits } = normalizePhone(raw);
    const of = seen.get(normalized) ?? seen.get(digits);
    if (of !== undefined) return { index, of };
    seen.set(normalized, index);
    seen.set(digits, index);
  }
  return undefined;
}
