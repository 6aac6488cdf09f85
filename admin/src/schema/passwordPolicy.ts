import type { PasswordPolicy } from '../../../schema/constraints';
import constraintsJson from '../../../schema/constraints.json';

/** The password rules the server checks (api/src/modules/identity/password.ts), as it publishes them. */
export const PASSWORD_POLICY = (constraintsJson as unknown as { passwordPolicy: PasswordPolicy }).passwordPolicy;

export interface PasswordCheck {
  code: string;
  label: string;
  met: boolean;
}

const isAccount = (password: string, account: string) => {
  const lower = password.toLowerCase();
  const acc = account.toLowerCase();
  return !!acc && (lower === acc || lower === [...acc].reverse().join(''));
};

/** Each rule of the policy and whether `password` meets it (the length first, the account last), for a form to list. */
export function passwordChecks(password: string, account: string): PasswordCheck[] {
  const p = PASSWORD_POLICY;
  return [
    { code: 'length', label: `At least ${p.minLength} characters`, met: password.length >= p.minLength },
    ...p.rules.map((r) => ({ code: r.code, label: r.label, met: new RegExp(r.pattern).test(password) })),
    { code: 'account', label: p.notAccount.label, met: !!password && !isAccount(password, account) },
  ];
}

/** The first rule `password` breaks, in the server's words, or none: the server's `passwordProblem`. */
export function passwordProblem(password: string, account: string): string | undefined {
  const p = PASSWORD_POLICY;
  if (password.length < p.minLength) return `Password must be at least ${p.minLength} characters`;
  if (password.length > p.maxLength) return `Password must be at most ${p.maxLength} characters`;
  const broken = p.rules.find((r) => !new RegExp(r.pattern).test(password));
  if (broken) return broken.message;
  return isAccount(password, account) ? p.notAccount.message : undefined;
}
