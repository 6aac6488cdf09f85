import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { FieldConstraint, ServerConstraints } from '../../schema/constraints';
import { constraintsOf, hintsOf } from './common/validation';
import { LIST_RESOURCES } from './common/crud';
import { EXACT_COUNT_LIMIT, MAX_PER_PAGE } from './common/list';
import { sortableOf } from './common/sortable';
import { RESOLVERS } from './schema';
import { QUERY_LIMITS } from './server/limits';
import { PASSWORD_POLICY } from './modules/identity/password';

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
 * The access declaration of every root query, mutation and subscription, read where the auth
 * checker reads it (the field's `access` extension), for the resolvers the schema is built from
 * (their inherited CRUD handlers included): what the console decides its buttons, menus and live
 * sections by.
 */
function operationAccess(storage: Storage, resolvers: readonly Function[]): Record<string, string> {
  const served = new Set(resolvers.flatMap((r) => lineage(r)));
  const operations: Record<string, string> = {};
  for (const [root, handlers] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
    ['Subscription', storage.subscriptions],
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

/**
 * The constraints of an @Args class (or an input class), with those of the input objects its
 * fields take, single or in lists, at every depth (OU grants, a queue's handlers, a work time's segments).
 */
function argsConstraints(storage: Storage, cls: Function): Record<string, FieldConstraint> {
  const constraints = constraintsOf(cls);
  const chain = lineage(cls);
  for (const f of storage.fields.filter((x) => chain.includes(x.target))) {
    const item = f.getType() as Function;
    if (!storage.inputTypes.some((t) => t.target === item)) continue;
    const fields = argsConstraints(storage, item);
    if (Object.keys(fields).length) constraints[f.schemaName] = { ...constraints[f.schemaName], fields };
  }
  return constraints;
}

type Handler = Storage['queries'][number];

/** The hints declared on a root operation's @Arg parameters, by argument name (`contactHistory(customerId)`). */
function argHints(h: Handler): Record<string, FieldConstraint> {
  const declared = hintsOf(h.target);
  const hints: Record<string, FieldConstraint> = {};
  for (const p of h.params ?? []) {
    const hint = p.kind === 'arg' ? declared[`${h.methodName}(${p.index})`] : undefined;
    if (p.kind === 'arg' && hint) hints[p.name] = hint;
  }
  return hints;
}

/**
 * Per root operation with declarations, by argument: with `argsClasses`, the limits and hints of
 * its @Args class (mutations: what forms check); and the hints on its @Arg parameters.
 */
function handlerConstraints(storage: Storage, handlers: Handler[], argsClasses: boolean): Record<string, Record<string, FieldConstraint>> {
  const result: Record<string, Record<string, FieldConstraint>> = {};
  for (const h of [...handlers].sort((a, b) => a.schemaName.localeCompare(b.schemaName))) {
    const argsParam = argsClasses ? h.params?.find((p) => p.kind === 'args') : undefined;
    const constraints = argsParam?.kind === 'args' ? argsConstraints(storage, argsParam.getType() as Function) : {};
    // An input object given as one @Arg (configureAgents' changes): its fields' limits and hints, as for an @Args field.
    for (const p of argsClasses ? (h.params ?? []) : []) {
      const type = p.kind === 'arg' ? (p.getType() as Function) : undefined;
      if (p.kind !== 'arg' || !storage.inputTypes.some((t) => t.target === type)) continue;
      const fields = argsConstraints(storage, type!);
      if (Object.keys(fields).length) constraints[p.name] = { ...constraints[p.name], fields };
    }
    for (const [name, hint] of Object.entries(argHints(h))) constraints[name] = { ...constraints[name], ...hint };
    if (Object.keys(constraints).length) result[h.schemaName] = constraints;
  }
  return result;
}

/** The object type a resolver class resolves fields of; none for one of root operations only. */
function resolvedType(r: Storage['resolverClasses'][number]): Function | undefined {
  try {
    return r.getObjectType() as Function;
  } catch {
    return undefined;
  }
}

/**
 * Per object type and input type (filters included): the resource each of its id fields names,
 * as declared by `RefersTo` on the class (an entity's id getter, a filter's field) or on a field
 * resolver of the type (`Employee.roleIds`). A reference by value (`referenceField`) is not an id.
 */
/**
 * Base classes that are only extended (OuOwned, OuOwnedFilter): never the type of a field, an
 * argument or an operation, so not in the schema; their declarations reach the console through
 * the types extending them.
 */
function basesOnly(storage: Storage): Set<Function> {
  const used = new Set<unknown>(storage.fields.map((f) => f.getType()));
  for (const h of [...storage.queries, ...storage.mutations]) used.add(h.getReturnType());
  for (const h of [...storage.queries, ...storage.mutations, ...storage.fieldResolvers]) {
    for (const p of h.params ?? []) if ('getType' in p) used.add(p.getType?.());
  }
  for (const f of storage.fieldResolvers) used.add(f.getType?.());
  const all = [...storage.objectTypes, ...storage.inputTypes].map((t) => t.target);
  return new Set(all.filter((t) => !used.has(t) && all.some((other) => other !== t && Object.prototype.isPrototypeOf.call(t, other))));
}

function typeReferences(storage: Storage): ServerConstraints['types'] {
  const types: ServerConstraints['types'] = {};
  const bases = basesOnly(storage);
  for (const t of [...storage.objectTypes, ...storage.inputTypes]) {
    if (bases.has(t.target)) continue;
    const resolvers = storage.resolverClasses.filter((r) => resolvedType(r) === t.target).map((r) => r.target);
    const declared = Object.entries(Object.assign({}, ...[t.target, ...resolvers].map(hintsOf)) as ReturnType<typeof hintsOf>);
    const references = declared.filter(([field, h]) => !field.includes('(') && h.reference && !h.referenceField).map(([field, h]) => [field, h.reference!]);
    // Arguments of the type's field resolvers (`SkillQueue.canTransferTo(queueId)`), by field and argument.
    const args = storage.fieldResolvers
      .filter((f) => resolvers.includes(f.target))
      .map((f) => [f.schemaName, Object.entries(argHints(f as unknown as Handler)).filter(([, h]) => h.reference && !h.referenceField)] as const)
      .filter(([, hints]) => hints.length)
      .map(([field, hints]) => [field, Object.fromEntries(hints.map(([arg, h]) => [arg, h.reference!]))] as const);
    const refines = declared.filter(([, h]) => h.refines).map(([field, h]) => [field, h.refines!] as const);
    if (references.length || args.length || refines.length) {
      types[t.name] = {
        references: Object.fromEntries(references.sort(([a], [b]) => a.localeCompare(b))),
        ...(args.length ? { arguments: Object.fromEntries(args.sort(([a], [b]) => a.localeCompare(b))) } : {}),
        ...(refines.length ? { refines: Object.fromEntries(refines.sort(([a], [b]) => a.localeCompare(b))) } : {}),
      };
    }
  }
  // The subscriptions' id arguments (`agentStateChanged(agentId)`), as a root type's field arguments.
  const subscriptionArgs = storage.subscriptions
    .map((h) => [h.schemaName, Object.entries(argHints(h as unknown as Handler)).filter(([, hint]) => hint.reference && !hint.referenceField)] as const)
    .filter(([, hints]) => hints.length)
    .map(([field, hints]) => [field, Object.fromEntries(hints.map(([arg, hint]) => [arg, hint.reference!]))] as const);
  if (subscriptionArgs.length) types.Subscription = { references: {}, arguments: Object.fromEntries(subscriptionArgs.sort(([a], [b]) => a.localeCompare(b))) };
  return Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The value a new record of each resource takes for a boolean its create mutation leaves out: the
 * entity's own initial value (`enabled: boolean = true`), so a form shows the switch as the
 * record will be, and the default has one home.
 */
function createDefaults(storage: Storage, mutations: Record<string, Record<string, FieldConstraint>>): void {
  for (const [name, type] of LIST_RESOURCES) {
    const handler = storage.mutations.find((m) => m.schemaName === `create${name}`);
    const argsParam = handler?.params?.find((p) => p.kind === 'args');
    if (argsParam?.kind !== 'args') continue;
    const blank = new (type as new () => object)();
    const chain = lineage(argsParam.getType() as Function);
    for (const f of storage.fields.filter((x) => chain.includes(x.target))) {
      // Own properties only: the initialisers' values, not getters reading relations a blank record has not.
      const initial = Object.getOwnPropertyDescriptor(blank, f.schemaName)?.value;
      if (typeof initial !== 'boolean') continue;
      const args = (mutations[`create${name}`] ??= {});
      args[f.schemaName] = { ...args[f.schemaName], default: initial };
    }
  }
}

/** Reads the validation declared on each mutation's @Args class (the single source of truth), each operation's access and the types' references. */
/** What the console reads, for the product's resolvers (or those of a schema built with more modules). */
export function serverConstraints(resolvers: readonly Function[] = RESOLVERS): ServerConstraints {
  const storage = getMetadataStorage();
  const mutations = handlerConstraints(storage, storage.mutations, true);
  createDefaults(storage, mutations);
  const queries = handlerConstraints(storage, storage.queries, false);
  const resources = Object.fromEntries(
    [...LIST_RESOURCES].sort(([a], [b]) => a.localeCompare(b)).map(([name, type]) => [name, { sortable: ['id', ...sortableOf(type)] }]),
  );
  return {
    operations: operationAccess(storage, resolvers),
    mutations,
    queries,
    types: typeReferences(storage),
    resources,
    passwordPolicy: PASSWORD_POLICY,
    queryLimits: { ...QUERY_LIMITS, maxPerPage: MAX_PER_PAGE, exactCountLimit: EXACT_COUNT_LIMIT },
  };
}

export function printConstraints(): string {
  return `${JSON.stringify(serverConstraints(), null, 2)}\n`;
}
