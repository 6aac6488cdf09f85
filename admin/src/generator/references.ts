import type { FieldConstraint } from '../../../schema/constraints';
import { argConstraints, queryArgConstraints, typeReference } from '../schema/constraints';
import { getMutation, getQuery, typeInfo, type IntrospectionField } from '../schema/introspection';
import { representationOf } from './representation';

/** What an argument or field points at: a resource, by id or (for text arguments) by its naming value. */
export interface Reference {
  resource: string;
  /** `id`, or the field of the target whose value is stored (e.g. an address option's `value`). */
  by: string;
}

/**
 * The reference of an argument of a mutation (or, with `root` Query, of a query): the
 * `reference` the server publishes for it. A reference on a text argument stores the target's
 * naming value, not its id.
 */
export function argReference(operation: string, argName: string, root: 'Mutation' | 'Query' = 'Mutation'): Reference | undefined {
  const field = root === 'Mutation' ? getMutation(operation) : getQuery(operation);
  const arg = field?.args.find((a) => a.name === argName);
  if (!arg) return undefined;
  return declaredReference((root === 'Mutation' ? argConstraints : queryArgConstraints)(operation, argName), typeInfo(arg.type).name);
}

/** The reference a declaration names for a value of `typeName` (an argument, or a field of an input object). */
export function declaredReference(c: FieldConstraint, typeName: string): Reference | undefined {
  const declared = c.reference;
  if (!declared) return undefined;
  if (typeName === 'ID') return { resource: declared, by: 'id' };
  const r = representationOf(declared);
  return { resource: declared, by: typeof r === 'string' ? r : 'id' };
}

/** The resource an id field of a type (an object type or a list filter) points at, as constraints.json declares it. */
export function referenceOf(typeName: string, field: Pick<IntrospectionField, 'name'>): string | undefined {
  return typeReference(typeName, field.name);
}
