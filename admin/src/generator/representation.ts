import { getObjectType } from '../schema/introspection';
import { findResource } from '../resources/registry';

const CANDIDATES = ['path', 'name', 'title', 'code', 'account', 'id'];

/** The field that names a record of a resource (registry choice, else the first usual one). */
export function representationOf(typeName: string): string {
  const chosen = findResource(typeName)?.representation;
  if (chosen) return chosen;
  const fields = new Set(getObjectType(typeName).fields.map((f) => f.name));
  return CANDIDATES.find((c) => fields.has(c)) ?? 'id';
}
