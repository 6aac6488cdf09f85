import { findResource, INPUT_TYPES } from '../../resources/registry';
import { AUDIT_TEXT } from '../../resources/wording';
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

/** A field of a type as a person reads it: the page's label, else its name in words (a reference without "Id", a secret without "hash"). */
export function fieldLabel(typeName: string, field: string): string {
  // An object type is labelled like the input type that writes it (OuGrant like OuGrantInput).
  const label = findResource(typeName)?.labels?.[field] ?? (INPUT_TYPES[typeName] ?? INPUT_TYPES[`${typeName}Input`])?.labels?.[field];
  if (label) return label;
  if (/(password|secret)(hash|digest)$/i.test(field)) return humanize(field.replace(/(hash|digest)$/i, ''));
  return humanize(typeReference(typeName, field) ? relationName(field) : field);
}

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
export function readableValue(typeName: string, field: string, value: unknown, titles: Map<string, Title | undefined>): string {
  if (value === null || value === undefined || value === '') return AUDIT_TEXT.none;
  if (isStoredSecret(field, value)) return AUDIT_TEXT.set;
  const reference = typeReference(typeName, field);
  if (Array.isArray(value)) {
    if (!value.length) return AUDIT_TEXT.none;
    return value.map((v) => readableValue(typeName, field, v, titles)).join(', ');
  }
  if (reference && typeof value === 'string') {
    const ref = { type: reference, id: value };
    if (!nameable(ref)) return AUDIT_TEXT.hidden;
    const title = titles.get(refKey(ref));
    return title === undefined ? '…' : (title ?? AUDIT_TEXT.hidden);
  }
  const t = fieldType(typeName, field);
  if (isObject(value)) {
    const inner = t?.kind === 'OBJECT' ? t.name : '';
    return Object.entries(value)
      .filter(([k]) => k !== '__typename' && k !== 'id')
      .map(([k, v]) => {
        if (v === true) return fieldLabel(inner, k);
        if (v === false) return null;
        return `${fieldLabel(inner, k)}: ${readableValue(inner, k, v, titles)}`;
      })
      .filter(Boolean)
      .join(' · ');
  }
  if (typeof value === 'boolean') return value ? AUDIT_TEXT.yes : AUDIT_TEXT.no;
  if (t?.kind === 'ENUM' && typeof value === 'string') return humanize(value);
  if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toLocaleString();
  return String(value);
}

/** A secret's change as words: set, changed or cleared; never its masked value. */
export function secretChange(before: unknown, after: unknown): { before: string; after: string } {
  const had = before !== null && before !== undefined;
  const has = after !== null && after !== undefined;
  return { before: had ? AUDIT_TEXT.set : AUDIT_TEXT.none, after: has ? (had ? AUDIT_TEXT.changed : AUDIT_TEXT.set) : AUDIT_TEXT.cleared };
}
