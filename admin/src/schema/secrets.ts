/**
 * Secrets (passwords, client secrets): text arguments and fields named …password / …secret.
 * Typed hidden, never listed; an empty one on an update means "unchanged".
 */
export const isSecret = (name: string, typeName = 'String'): boolean => typeName === 'String' && /(password|secret)$/i.test(name);

/** The non-empty secret values of a record (e.g. `clientSecret` in the reply of createApiClient), to be shown once. */
export function secretsOf(record: Record<string, unknown> | null | undefined): [string, string][] {
  if (!record) return [];
  return Object.entries(record).filter((e): e is [string, string] => isSecret(e[0]) && typeof e[1] === 'string' && e[1] !== '');
}
