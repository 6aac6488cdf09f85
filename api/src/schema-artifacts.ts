import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { FieldConstraint, ServerConstraints } from '../../schema/constraints';
import { constraintsOf } from './common/validation';
import { LIST_RESOURCES } from './common/crud';
import { MAX_PER_PAGE } from './common/list';
import { sortableOf } from './common/sortable';
import { RESOLVERS } from './schema';
import { QUERY_LIMITS } from './server/limits';

export const SCHEMA_HEADER = '# Emitted from the code by `npm run schema:emit`. Do not edit: a test fails when it is stale.\n\n';

export function printAppSchema(schema: GraphQLSchema): string {
  return `${SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema))}\n`;
}

type Storage = ReturnType<typeof getMetadataStorage>;

/** A class and the classes it extends, the class itself first. */
function lineage(cls: Function): Function[] {
  const chain: Function[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c);
  return chain;
}

/**
 * The access declaration of every root query and mutation, read where the auth checker reads
 * it (the field's `access` extension), for the resolvers the schema is built from (their
 * inherited CRUD handlers included): what the console decides its buttons and menus by.
 */
function operationAccess(storage: Storage): Record<string, string> {
  const served = new Set(RESOLVERS.flatMap((r) => lineage(r as Function)));
  const operations: Record<string, string> = {};
  for (const [root, handlers] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
  ] as const) {
    for (const h of handlers) {
      if (!served.has(h.target)) continue;
      const own = storage.fieldExtensions.filter((e) => e.fieldName === h.methodName && lineage(h.target).includes(e.target));
      const access = Object.assign({}, ...own.map((e) => e.extensions)).access;
      if (typeof access === 'string') operations[`${root}.${h.schemaName}`] = access;
    }
  }
  return Object.fromEntries(Object.entries(operations).sort(([a], [b]) => a.localeCompare(b)));
}

/** The constraints of an @Args class, with those of the input objects its list arguments take (e.g. OU grants). */
function argsConstraints(storage: Storage, cls: Function): Record<string, FieldConstraint> {
  const constraints = constraintsOf(cls);
  const chain = lineage(cls);
  for (const f of storage.fields.filter((x) => chain.includes(x.target))) {
    const item = f.getType() as Function;
    if (!storage.inputTypes.some((t) => t.target === item)) continue;
    const fields = constraintsOf(item);
    if (Object.keys(fields).length) constraints[f.schemaName] = { ...constraints[f.schemaName], fields };
  }
  return constraints;
}

/** Reads the validation declared on each mutation's @Args class (the single source of truth), and each operation's access. */
export function serverConstraints(): ServerConstraints {
  const mutations: ServerConstraints['mutations'] = {};
  const storage = getMetadataStorage();
  for (const m of [...storage.mutations].sort((a, b) => a.schemaName.localeCompare(b.schemaName))) {
    const argsParam = m.params?.find((p) => p.kind === 'args');
    if (argsParam?.kind !== 'args') continue;
    const constraints = argsConstraints(storage, argsParam.getType() as Function);
    if (Object.keys(constraints).length) mutations[m.schemaName] = constraints;
  }
  const resources = Object.fromEntries(
    [...LIST_RESOURCES].sort(([a], [b]) => a.localeCompare(b)).map(([name, type]) => [name, { sortable: ['id', ...sortableOf(type)] }]),
  );
  return { operations: operationAccess(storage), mutations, resources, queryLimits: { ...QUERY_LIMITS, maxPerPage: MAX_PER_PAGE } };
}

export function printConstraints(): string {
  return `${JSON.stringify(serverConstraints(), null, 2)}\n`;
}
