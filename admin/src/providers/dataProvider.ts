import buildGraphQLProvider from 'ra-data-graphql-simple';
import type { DataProvider } from 'react-admin';
import { asArgument, mutationDocument, queryDocument, queryVariablesFor, variablesFor, type SelectionOptions } from '../generator/operations';
import { isSecret } from '../schema/secrets';
import { mutationConstraints, typeRefinements } from '../schema/constraints';
import { visibleValues } from '../generator/scopes';
import { findSingleton, type SingletonEntry } from '../resources/registry';
import { filterTypeOf, getMutation, schema, typeInfo } from '../schema/introspection';
import { apolloClient } from './apollo';
import { toHttpError } from './errors';

/**
 * Stock ra-data-graphql-simple: its own buildQuery, over the console's Apollo Client. The server
 * keeps the grammar it expects (sorting by id, getMany of every id, updates carrying the whole
 * record, 401 / 403), so nothing of it is rewritten here.
 */
const base = buildGraphQLProvider({
  client: apolloClient,
  // Built from the committed introspection result: the server is never asked for its schema.
  introspection: { schema },
}) as DataProvider;

/**
 * What the console's forms mean by some values of a mutation's arguments; every other value goes
 * to ra-data-graphql-simple as it is (values the mutation does not declare are not sent as arguments):
 * - an empty secret (the password field of an employee's form) means "unchanged";
 * - a Boolean left at "Default" (null) is not given: the server applies its default;
 * - an input object takes its declared fields only: a loaded grant carries `ou` and `__typename`,
 *   and a loaded handler `__typename`, which OuGrantInput / QueueHandlerInput do not take (GraphQL
 *   refuses unknown input fields);
 * - an input the form hides (its declared `shownWhen` does not hold, at any depth) is not sent.
 */
function formValues<T extends Record<string, unknown> | undefined>(mutationName: string, loaded: T): T {
  if (!loaded) return loaded;
  const data = visibleValues(mutationName, loaded, mutationConstraints(mutationName));
  const mutation = getMutation(mutationName);
  if (!mutation) throw new Error(`No mutation ${mutationName} in the schema`);
  const args = new Map(mutation.args.map((a) => [a.name, a]));
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    const arg = args.get(name);
    const type = arg && typeInfo(arg.type).name;
    if (arg && isSecret(name, type) && (value === '' || value == null)) continue;
    if (arg && type === 'Boolean' && value == null) continue;
    values[name] = arg ? asArgument(arg.type, value) : value;
  }
  return values as T;
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
  // A refinement (include sub-OUs) says nothing without the filter it refines: not sent then; with
  // it and not set, it is sent at its initial position, as its switch shows it.
  for (const [name, { field, initial }] of Object.entries(typeRefinements(type.name))) {
    if (filter[field] == null || filter[field] === '') delete filter[name];
    else filter[name] ??= initial;
  }
  return { ...params, filter };
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
 * ra-data-graphql-simple over the generated grammar, plus what is the console's: GraphQL errors
 * mapped for react-admin (field errors under inputs, see errors.ts), form values (formValues),
 * DateTime filters, and singleton pseudo-resources (e.g. MyTenant → myTenant/updateMyTenant).
 */
export const dataProvider: DataProvider & OperationsProvider = {
  ...base,
  getList: (resource, params) => call(() => base.getList(resource, serverFilter(resource, params))),
  getManyReference: (resource, params) => call(() => base.getManyReference(resource, serverFilter(resource, params))),
  getMany: (resource, params) => call(() => base.getMany(resource, params)),
  getOne: (resource, params) =>
    call(async () => {
      const singleton = findSingleton(resource);
      // The route's id ("current") stands for the caller's own record.
      if (singleton) return { data: { ...(await getSingleton(singleton)), id: params.id } as never };
      return base.getOne(resource, params);
    }),
  create: (resource, params) => call(() => base.create(resource, { ...params, data: formValues(`create${resource}`, params.data) })),
  update: (resource, params) =>
    call(async () => {
      const singleton = findSingleton(resource);
      if (singleton) return { data: { ...(await updateSingleton(singleton, params.data as Record<string, unknown>)), id: params.id } as never };
      return base.update(resource, { ...params, data: formValues(`update${resource}`, params.data) });
    }),
  delete: (resource, params) => call(() => base.delete(resource, params)),
  deleteMany: (resource, params) => call(() => base.deleteMany(resource, params)),
  updateMany: (resource, params) => call(() => base.updateMany(resource, { ...params, data: formValues(`update${resource}`, params.data) })),
  /** Any mutation of the schema (rotateApiClientSecret, addComment, ...): its leaf result fields (and, with a `depth`, its objects'). */
  mutate: <T>(name: string, values: Record<string, unknown>, options?: SelectionOptions) =>
    call(async (): Promise<T> => {
      const variables = variablesFor(name, values);
      const { data } = await apolloClient.mutate({ mutation: mutationDocument(name, variables, options), variables });
      return (data as Record<string, T>)[name]!;
    }),
  /** Any query of the schema (contactHistory, recentCustomers, ...): its leaf result fields (and, with a `depth`, its objects'). */
  query: <T>(name: string, values: Record<string, unknown> = {}, options?: SelectionOptions) =>
    call(async (): Promise<T> => {
      const variables = queryVariablesFor(name, values);
      const { data } = await apolloClient.query({ query: queryDocument(name, variables, options), variables });
      return (data as Record<string, T>)[name]!;
    }),
};

/** The data provider's operations beyond react-admin's (see `mutate` and `query` above). */
export interface OperationsProvider {
  mutate<T = Record<string, unknown>>(name: string, values: Record<string, unknown>, options?: SelectionOptions): Promise<T>;
  query<T = unknown>(name: string, values?: Record<string, unknown>, options?: SelectionOptions): Promise<T>;
}
