import { badInput } from '../base/errors';

/** Surrounding white space is never part of a value; an all-blank required value is missing. */
export function requiredText(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput({ [field]: 'Must not be blank' });
  return trimmed;
}

/** Optional free text: trimmed, empty when cleared (null). */
export const optionalText = (value: string | null | undefined): string => value?.trim() ?? '';
