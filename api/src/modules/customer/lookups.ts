import { normalizePhone, type NormalizedPhone } from './phone';

/** A phone as its lookup row stores it (see CustomerPhone). */
export interface PhoneLookup extends NormalizedPhone {
  raw: string;
  /** Digits reversed: a suffix search becomes an indexable prefix search. */
  digitsRev: string;
}

/** A customer's phones and e-mails in lookup form: the one normalisation the API and the import write. */
export interface ContactLookups {
  phones: PhoneLookup[];
  /** Lower case. */
  emails: string[];
}

/** Reversed text (phone digits are ASCII, so no surrogate pairs to care for). */
export const reversed = (s: string): string => {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
};

export function contactLookups(phones: readonly string[], emails: readonly string[]): ContactLookups {
  return {
    phones: phones.map((raw) => {
      const phone = normalizePhone(raw);
      return { raw, ...phone, digitsRev: reversed(phone.digits) };
    }),
    emails: emails.map((e) => e.toLowerCase()),
  };
}
