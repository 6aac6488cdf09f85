import buildGraphQLProvider from 'ra-data-graphql-simple';
import type { DataProvider, GetListParams, GetManyParams } from 'react-admin';
import { asArgument, mutationDocument, queryDocument, queryVariablesFor, variablesFor } from '../generator/operations';
import { isSecret } from '../schema/secrets';
import { findResource, findSingleton, type SingletonEntry } from '../resources/registry';
import { filterTypeOf, getMutation, schema, typeInfo } from '../schema/introspection';
import { apolloClient } from './apollo';
import { buildQuery } from './buildQuery';
import { toHttpError } from './errors';

/** The server's page size limit (MAX_PER_PAGE); getMany asks for all ids in pages of this size. */
const MAX_PER_PAGE = 500;

const base = buildGraphQLProvider({
  client: apolloClient,
  buildQuery,
  // Built from the committed introspection result: the server is never asked for its schema.
  introspection: { schema },
}) as DataProvider;

/**
 * Keeps only the values the mutation declares as arguments (form values are named after
 * them: `parentId`, `version`, ...). ra-data-graphql-simple would otherwise read `.id` of any
 * object-typed value that has an `xxxId` argument: it crashes on `parent: null` and can replace
 * an edited `parentId` with the old parent's id; read-only fields (path, access, timestamps)
 * would be sent along as unused variables.
 */
function argsOnly<T extends Record<string, unknown> | undefined>(mutationName: string, data: T): T {
  if (!data) return data;
  const mutation = getMutation(mutationName);
  if (!mutation) throw new Error(`No mutation ${mutationName} in the schema`);
  const args = new Map(mutation.args.map((a) => [a.name, a]));
  return Object.fromEntries(
    Object.entries(data)
      .filter(([k]) => args.has(k))
      // An empty secret (e.g. the password field of an employee's form) means "unchanged".
      .filter(([k, v]) => !(isSecret(k, typeInfo(args.get(k)!.type).name) && (v === '' || v == null)))
      // A Boolean left at "Default" (null) is not given: the server applies its default.
      .filter(([k, v]) => !(v == null && typeInfo(args.get(k)!.type).name === 'Boolean'))
      // Input objects take their declared fields only (a loaded grant carries `ou`, `__typename`).
      .map(([k, v]) => [k, asArgument(args.get(k)!.type, v)]),
  ) as T;
}

/** Time bounds of a filter as the server's DateTimeISO (the inputs give local date-time text). */
function serverFilter<P extends { filter?: Record<string, unknown> }>(resource: string, params: P): P {
  const type = filterTypeOf(resource);
  if (!type || !params.filter) return params;
  const filter = { ...params.filter };
  for (const f of type.inputFields) {
    const v = filter[f.name];
    if (v && typeInfo(f.type).name === 'DateTimeISO') filter[f.name] = new Date(v as string).toISOString();
  }
  return { ...params, filter };
}

/** react-admin sorts by `id` unless told otherwise; the server only sorts by its sortable fields. */
function serverSort<P extends { sort?: GetListParams['sort'] }>(resource: string, params: P): P {
  const sortable = findResource(resource)?.sortable;
  const field = params.sort?.field;
  if (!field || field === 'id' || (sortable && !sortable.includes(field))) {
    const { sort: _dropped, ...rest } = params;
    return rest as P;
  }
  return params;
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toHttpError(error);
  }
}

async function getSingleton(entry: SingletonEntry) {
  const { data } = await apolloClient.query({ query: queryDocument(entry.query) });
  return (data as Record<string, Record<string, unknown>>)[entry.query]!;
}

async function updateSingleton(entry: SingletonEntry, values: Record<string, unknown>) {
  const variables = variablesFor(entry.mutation, values);
  const { data } = await apolloClient.mutate({ mutation: mutationDocument(entry.mutation, variables), variables });
  return (data as Record<string, Record<string, unknown>>)[entry.mutation]!;
}

/**
 * ra-data-graphql-simple over the generated grammar, plus: GraphQL errors mapped for react-admin
 * (field errors under inputs), writes limited to the mutation's arguments, sorts the server accepts,
 * complete getMany, and singleton pseudo-resources (e.g. MyTenant → myTenant/updateMyTenant).
 */
export const dataProvider: DataProvider & OperationsProvider = {
  ...base,
  getList: (resource, params) => call(() => base.getList(resource, serverFilter(resource, serverSort(resource, params)))),
  getManyReference: (resource, params) => call(() => base.getManyReference(resource, serverFilter(resource, serverSort(resource, params)))),
  getMany: (resource, params: GetManyParams) =>
    call(async () => {
      const ids = [...new Set(params.ids)];
      const chunks: (typeof ids)[] = [];
      for (let i = 0; i < ids.length; i += MAX_PER_PAGE) chunks.push(ids.slice(i, i + MAX_PER_PAGE));
      const pages = await Promise.all(
        chunks.map((chunk) =>
          base.getList(resource, { filter: { ids: chunk }, pagination: { page: 1, perPage: chunk.length }, signal: params.signal }),
        ),
      );
      return { data: pages.flatMap((p) => p.data) };
    }),
  getOne: (resource, params) =>
    call(async () => {
      const singleton = findSingleton(resource);
      // The route's id ("current") stands for the caller's own record.
      if (singleton) return { data: { ...(await getSingleton(singleton)), id: params.id } as never };
      return base.getOne(resource, params);
    }),
  create: (resource, params) => call(() => base.create(resource, { ...params, data: argsOnly(`create${resource}`, params.data) })),
  update: (resource, params) =>
    call(async () => {
      const singleton = findSingleton(resource);
      if (singleton) return { data: { ...(await updateSingleton(singleton, params.data as Record<string, unknown>)), id: params.id } as never };
      return base.update(resource, {
        ...params,
        data: argsOnly(`update${resource}`, params.data),
        previousData: argsOnly(`update${resource}`, params.previousData),
      });
    }),
  delete: (resource, params) => call(() => base.delete(resource, params)),
  deleteMany: (resource, params) => call(() => base.deleteMany(resource, params)),
  updateMany: (resource, params) => call(() => base.updateMany(resource, { ...params, data: argsOnly(`update${resource}`, params.data) })),
  /** Any mutation of the schema (rotateApiClientSecret, addComment, ...): its leaf result fields. */
  mutate: <T,>(name: string, values: Record<string, unknown>) =>
    call(async (): Promise<T> => {
      const variables = variablesFor(name, values);
      const { data } = await apolloClient.mutate({ mutation: mutationDocument(name, variables), variables });
      return (data as Record<string, T>)[name]!;
    }),
  /** Any query of the schema (contactHistory, recentCustomers, ...): its leaf result fields. */
  query: <T,>(name: string, values: Record<string, unknown> = {}) =>
    call(async (): Promise<T> => {
      const variables = queryVariablesFor(name, values);
      const { data } = await apolloClient.query({ query: queryDocument(name, variables), variables });
      return (data as Record<string, T>)[name]!;
    }),
};

/** The data provider's operations beyond react-admin's (see `mutate` and `query` above). */
export interface OperationsProvider {
  mutate<T = Record<string, unknown>>(name: string, values: Record<string, unknown>): Promise<T>;
  query<T = unknown>(name: string, values?: Record<string, unknown>): Promise<T>;
}
