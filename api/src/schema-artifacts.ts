import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { ServerConstraints } from '../../schema/constraints';
import { constraintsOf } from './common/validation';
import { LIST_RESOURCES } from './common/crud';
import { MAX_PER_PAGE } from './common/list';
import { sortableOf } from './common/sortable';
import { QUERY_LIMITS } from './server/limits';

export const SCHEMA_HEADER = '# Emitted from the code by `npm run schema:emit`. Do not edit: a test fails when it is stale.\n\n';

export function printAppSchema(schema: GraphQLSchema): string {
  return `${SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Reads the validation declared on each mutation's @Args class (the single source of truth). */
export function serverConstraints(): ServerConstraints {
  const mutations: ServerConstraints['mutations'] = {};
  const storage = getMetadataStorage();
  for (const m of [...storage.mutations].sort((a, b) => a.schemaName.localeCompare(b.schemaName))) {
    const argsParam = m.params?.find((p) => p.kind === 'args');
    if (argsParam?.kind !== 'args') continue;
    const cls = argsParam.getType() as Function;
    const constraints = constraintsOf(cls);
    if (Object.keys(constraints).length) mutations[m.schemaName] = constraints;
  }
  const resources = Object.fromEntries(
    [...LIST_RESOURCES].sort(([a], [b]) => a.localeCompare(b)).map(([name, type]) => [name, { sortable: ['id', ...sortableOf(type)] }]),
  );
  return { mutations, resources, queryLimits: { ...QUERY_LIMITS, maxPerPage: MAX_PER_PAGE } };
}

export function printConstraints(): string {
  return `${JSON.stringify(serverConstraints(), null, 2)}\n`;
}
