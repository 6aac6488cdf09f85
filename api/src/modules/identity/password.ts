import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
/** Bounded so that hashing cost cannot be driven up by huge inputs. */
export const PASSWORD_MAX_LENGTH = 128;

/** SPEC §2 password rules; returns the first broken rule as a message, or null. */
export function passwordProblem(password: string, account: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (!/[A-Z]/.test(password)) return 'Password must contain an upper-case letter';
  if (!/[a-z]/.test(password)) return 'Password must contain a lower-case letter';
  if (!/[0-9]/.test(password)) return 'Password must contain a digit';
  if (!/[^A-Za-z0-9]/.test(password)) return 'Password must contain a special character';
  const lower = password.toLowerCase();
  const acc = account.toLowerCase();
  if (lower === acc || lower === [...acc].reverse().join('')) return 'Password must not be the account name or the account name reversed';
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
