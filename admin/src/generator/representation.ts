import { getObjectType } from '../schema/introspection';
import { findResource, type AnyRecord } from '../resources/registry';

const CANDIDATES = ['path', 'name', 'title', 'code', 'account', 'key', 'value', 'id'];

export type Representation = string | ((record: AnyRecord) => string);

/** The field (or function) that names a record of a resource (registry choice, else the first usual field). */
export function representationOf(typeName: string): Representation {
  const chosen = findResource(typeName)?.representation;
  if (chosen) return chosen;
  const fields = new Set(getObjectType(typeName).fields.map((f) => f.name));
  return CANDIDATES.find((c) => fields.has(c)) ?? 'id';
}

/** The name of a record as text. */
export function representRecord(typeName: string, record: AnyRecord | undefined | null): string {
  if (!record) return '';
  const r = representationOf(typeName);
  return typeof r === 'function' ? r(record) : String(record[r] ?? '');
}
