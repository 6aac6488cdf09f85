import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
/** Bounded so that hashing cost cannot be driven up by huge inputs. */
export const PASSWORD_MAX_LENGTH = 128;

/** One rule of the policy: what a password must contain, as a pattern (a regular expression's source) it must match. */
export interface PasswordRule {
  /** Stable name of the rule (`upper`, `lower`, `digit`, `special`). */
  code: string;
  pattern: string;
  /** What a form lists ("An upper-case letter"). */
  label: string;
  /** The field error when it is broken. */
  message: string;
}

/**
 * SPEC §2 password rules, the one place they are written: `passwordProblem` checks them and
 * schema/constraints.json publishes them (`passwordPolicy`), so the forms list and check the
 * same rules as the user types.
 */
export const PASSWORD_POLICY = {
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  rules: [
    { code: 'upper', pattern: '[A-Z]', label: 'An upper-case letter', message: 'Password must contain an upper-case letter' },
    { code: 'lower', pattern: '[a-z]', label: 'A lower-case letter', message: 'Password must contain a lower-case letter' },
    { code: 'digit', pattern: '[0-9]', label: 'A digit', message: 'Password must contain a digit' },
    { code: 'special', pattern: '[^A-Za-z0-9]', label: 'A special character', message: 'Password must contain a special character' },
  ] satisfies PasswordRule[],
  /** Neither the account name nor the account name reversed, ignoring case. */
  notAccount: { label: 'Not the account name, nor reversed', message: 'Password must not be the account name or the account name reversed' },
};

/** SPEC §2 password rules; returns the first broken rule as a message, or null. */
export function passwordProblem(password: string, account: string): string | null {
  const p = PASSWORD_POLICY;
  if (password.length < p.minLength) return `Password must be at least ${p.minLength} characters`;
  if (password.length > p.maxLength) return `Password must be at most ${p.maxLength} characters`;
  const broken = p.rules.find((rule) => !new RegExp(rule.pattern).test(password));
  if (broken) return broken.message;
  const lower = password.toLowerCase();
  const acc = account.toLowerCase();
  if (lower === acc || lower === [...acc].reverse().join('')) return p.notAccount.message;
  return null;
}

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

/** Call it through `LoginThrottle.attempt`: that throttles the guess and bounds concurrent checks. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the account does not exist, so a
 * failed login takes the same time whether or not the account exists.
 */
let dummyHash: Promise<string> | undefined;
export const timingDummyHash = () => (dummyHash ??= hashPassword('Dummy#Password1'));
