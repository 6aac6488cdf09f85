import { enumLabel, fieldLabel as resourceFieldLabel, typeFieldLabel } from '../../i18n/generated';
import { findResource, INPUT_TYPES } from '../../resources/registry';
import { typeReference } from '../../schema/constraints';
import { humanize, relationName } from '../../schema/humanize';
import { getType, typeInfo, type TypeInfo } from '../../schema/introspection';
import type { IntrospectionObjectType } from 'graphql';
import { nameable, refKey, type RecordRef, type Title } from './titles';

/**
 * A record's values as a person reads them, from its type's fields and the references the server
 * declares: field names as labels, referenced records by their titles, enums in words, secrets
 * only as "set" or "changed". Used where values arrive without their record (an audit entry's
 * change set), so a person never reads `ouId`, `passwordHash` or a raw id.
 */

/** Secrets as the audit stores them: password and secret fields holding masked text or digests (not a switch such as mustChangePassword). */
export const isStoredSecret = (field: string, ...values: unknown[]) =>
  /(password|secret)(hash|digest)?$/i.test(field) && values.every((v) => v == null || typeof v === 'string');

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A field of a type as a person reads it, translated: the page's label, else its name in words (a
 * reference without "Id", a secret without "hash"), under the generator's label keys.
 */
export function fieldLabel(typeName: string, field: string, translate: Translate): string {
  // A stored secret reads as what it protects (passwordHash: the password).
  const name = field.replace(/(?<=(?:password|secret))(hash|digest)$/i, '');
  // An object type is labelled like the input type that writes it (OuGrant like OuGrantInput).
  const label = findResource(typeName)?.labels?.[name] ?? (INPUT_TYPES[typeName] ?? INPUT_TYPES[`${typeName}Input`])?.labels?.[name];
  const english = label ?? humanize(typeReference(typeName, name) ? relationName(name) : name);
  return translate(findResource(typeName) ? resourceFieldLabel(typeName, name, english) : typeFieldLabel(typeName, name, english));
}

/** The words values are shown with, in the user's language. */
export interface ValueWords {
  none: string;
  hidden: string;
  loading: string;
  set: string;
  changed: string;
  cleared: string;
  yes: string;
  no: string;
}

export const valueWords = (translate: Translate): ValueWords => ({
  none: '—',
  hidden: translate('app.audit.hidden'),
  loading: translate('app.audit.loading'),
  set: translate('app.audit.set'),
  changed: translate('app.audit.changed'),
  cleared: translate('app.audit.cleared'),
  yes: translate('app.audit.yes'),
  no: translate('app.audit.no'),
});

function fieldType(typeName: string, field: string): TypeInfo | undefined {
  const type = getType(typeName);
  if (type?.kind !== 'OBJECT') return undefined;
  const f = (type as IntrospectionObjectType).fields.find((x) => x.name === field);
  return f ? typeInfo(f.type) : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The records a value names (ids of references, at any depth of its objects), so their titles can be asked for at once. */
export function referencesIn(typeName: string, field: string, value: unknown): RecordRef[] {
  const reference = typeReference(typeName, field);
  const ids = Array.isArray(value) ? value : [value];
  if (reference) return ids.filter((v): v is string => typeof v === 'string').map((id) => ({ type: reference, id }));
  const t = fieldType(typeName, field);
  if (t?.kind !== 'OBJECT') return [];
  return ids.filter(isObject).flatMap((o) => Object.entries(o).flatMap(([k, v]) => referencesIn(t.name, k, v)));
}

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value as text: references by title ("Hidden" when the user may not read them), objects as their labelled values. */
export function readableValue(
  typeName: string,
  field: string,
  value: unknown,
  titles: Map<string, Title | undefined>,
  translate: Translate,
  words: ValueWords = valueWords(translate),
): string {
  if (value === null || value === undefined || value === '') return words.none;
  if (isStoredSecret(field, value)) return words.set;
  const reference = typeReference(typeName, field);
  if (Array.isArray(value)) {
    if (!value.length) return words.none;
    return value.map((v) => readableValue(typeName, field, v, titles, translate, words)).join(', ');
  }
  if (reference && typeof value === 'string') {
    const ref = { type: reference, id: value };
    if (!nameable(ref)) return words.hidden;
    const title = titles.get(refKey(ref));
    return title === undefined ? words.loading : (title ?? words.hidden);
  }
  const t = fieldType(typeName, field);
  if (isObject(value)) {
    const inner = t?.kind === 'OBJECT' ? t.name : '';
    return Object.entries(value)
      .filter(([k]) => k !== '__typename' && k !== 'id')
      .map(([k, v]) => {
        if (v === true) return fieldLabel(inner, k, translate);
        if (v === false) return null;
        return `${fieldLabel(inner, k, translate)}: ${readableValue(inner, k, v, titles, translate, words)}`;
      })
      .filter(Boolean)
      .join(' · ');
  }
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (t?.kind === 'ENUM' && typeof value === 'string') return translate(enumLabel(t.name, value));
  if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toLocaleString();
  return String(value);
}

/** A secret's change as words: set, changed or cleared; never its masked value. */
export function secretChange(before: unknown, after: unknown, words: ValueWords): { before: string; after: string } {
  const had = before !== null && before !== undefined;
  const has = after !== null && after !== undefined;
  return { before: had ? words.set : words.none, after: has ? (had ? words.changed : words.set) : words.cleared };
}
