import { usualRepresentation } from '../resources/published';
import { findResource, type AnyRecord } from '../resources/registry';

export type Representation = string | ((record: AnyRecord) => string);

/** The field (or function) that names a record of a resource (registry choice, else the first usual field). */
export function representationOf(typeName: string): Representation {
  return findResource(typeName)?.representation ?? usualRepresentation(typeName);
}

/** The name of a record as text. */
export function representRecord(typeName: string, record: AnyRecord | undefined | null): string {
  if (!record) return '';
  const r = representationOf(typeName);
  return typeof r === 'function' ? r(record) : String(record[r] ?? '');
}
