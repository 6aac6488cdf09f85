import { argConstraints, fieldConstraints } from '../schema/constraints';
import { relationName } from '../schema/humanize';
import { getMutation, getObjectType, isResourceType, resourceTypeNames, typeInfo, type IntrospectionField } from '../schema/introspection';
import { findResource } from '../resources/registry';
import { representationOf } from './representation';

/** What an argument or field points at: a resource, by id or (for text arguments) by its naming value. */
export interface Reference {
  resource: string;
  /** `id`, or the field of the target whose value is stored (e.g. an address option's `value`). */
  by: string;
}

/** The object type a mutation returns (createCustomer → Customer). */
function resultTypeOf(mutationName: string): string | undefined {
  const m = getMutation(mutationName);
  if (!m) return undefined;
  const t = typeInfo(m.type);
  return t.kind === 'OBJECT' ? t.name : undefined;
}

/**
 * The resource an `xxxId` / `xxxIds` name points at when constraints.json declares nothing:
 * the type's `xxx` (or plural `xxxs`) relation, else a resource type the name ends with
 * (`toCustomerId` → Customer, `activityId` → Activity).
 */
export function inferredReference(typeName: string | undefined, name: string): string | undefined {
  if (!/Ids?$/.test(name)) return undefined;
  if (typeName) {
    const fields = getObjectType(typeName).fields;
    const base = relationName(name);
    const relation = fields.find((f) => f.name === base || (name.endsWith('Ids') && f.name === `${base}s`));
    if (relation) {
      const target = typeInfo(relation.type);
      if (target.kind === 'OBJECT' && isResourceType(target.name)) return target.name;
    }
  }
  const stem = name.replace(/Ids?$/, '').toLowerCase();
  return resourceTypeNames().find((t) => stem.endsWith(t.toLowerCase()));
}

/**
 * The reference of a mutation argument: the `reference` constraint the server publishes; for
 * id arguments without one, what the schema's relations and names say. A reference on a text
 * argument stores the target's naming value, not its id.
 */
export function argReference(mutationName: string, argName: string): Reference | undefined {
  const m = getMutation(mutationName);
  const arg = m?.args.find((a) => a.name === argName);
  if (!arg) return undefined;
  const t = typeInfo(arg.type);
  const declared = argConstraints(mutationName, argName).reference;
  if (declared) {
    if (t.name === 'ID') return { resource: declared, by: 'id' };
    const r = representationOf(declared);
    return { resource: declared, by: typeof r === 'string' ? r : 'id' };
  }
  if (t.name !== 'ID') return undefined;
  const inferred = inferredReference(resultTypeOf(mutationName), argName);
  return inferred ? { resource: inferred, by: 'id' } : undefined;
}

/** The resource an `xxxId(s)` field of a type points at: the constraint on its mutations, else its relation or name. */
export function referenceOf(typeName: string, field: Pick<IntrospectionField, 'name'>): string | undefined {
  const configured = findResource(typeName)?.references?.[field.name];
  if (configured) return configured;
  if (!/Ids?$/.test(field.name)) return undefined;
  const declared = fieldConstraints(typeName, field.name).reference;
  return declared ?? inferredReference(typeName, field.name);
}
