import { type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type FieldMetadata = NonNullable<ReturnType<typeof getMetadataStorage>['objectTypes'][number]['fields']>[number];

const PLAIN = new Set<string>();

/**
 * Marks an object type whose fields are plain properties of a value already built and checked
 * (a batch report, an event payload): all its fields are read as properties, without the
 * per-call machinery type-graphql puts on every field (its middleware chain).
 */
export const PlainFields = (): ClassDecorator => (target) => {
  PLAIN.add(target.name);
};

/**
 * type-graphql gives every `@Field` of an object type a resolver, even one with no middleware, no
 * authorization and no field resolver: it builds its middleware context and runs an empty chain
 * around reading the property. On a list page that is every scalar of every row (thousands per
 * reply), and graphql-jit, which reads a field without a resolver inline, must call each one.
 * Those fields (the property of the same name, nothing around it) are read as plain properties;
 * so are all fields of the types marked `@PlainFields()`. buildSchema is given no global
 * middleware, so a field's own middleware and roles are all there is. In place.
 */
export function readPlainFields(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const resolvedBy = new Map<Function, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    if (target) resolvedBy.set(target, (resolvedBy.get(target) ?? new Set()).add(r.methodName));
  }
  const defOf = new Map(storage.objectTypes.map((d) => [d.target, d]));
  for (const def of storage.objectTypes) {
    const type = schema.getType(def.name);
    if (!isObjectType(type)) continue;
    // As type-graphql builds the type: its ancestors' fields, then its interfaces' and its own.
    const chain: (typeof def)[] = [];
    for (let c: unknown = def.target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const d = defOf.get(c as Function);
      if (d) chain.unshift(d);
    }
    const declared = new Map<string, FieldMetadata>();
    for (const d of chain) {
      for (const i of storage.interfaceTypes.filter((it) => d.interfaceClasses?.includes(it.target)))
        for (const f of i.fields ?? []) declared.set(f.schemaName, f);
      for (const f of d.fields ?? []) declared.set(f.schemaName, f);
    }
    const everyField = PLAIN.has(def.target.name);
    for (const [name, field] of Object.entries(type.getFields())) {
      const meta = declared.get(name);
      const bare =
        meta && meta.name === meta.schemaName && !meta.middlewares?.length && meta.roles === undefined && !resolvedBy.get(meta.target)?.has(meta.name);
      if (everyField || bare) delete (field as { resolve?: unknown }).resolve;
    }
  }
  return schema;
}
