import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, execute, GraphQLError, type GraphQLSchema, Source } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Executions of one document after which it is compiled: a one-off query is not worth compiling. */
export const COMPILE_AFTER = 2;

interface Entry {
  runs: number;
  /** By operation name ('' for the only one); null where graphql-jit would not compile it (graphql-js runs it). */
  compiled: Map<string, CompiledQuery | null>;
}

/**
 * Apollo Server executes operations with graphql-js, which walks the document and the schema
 * again for every request. The operations that matter for speed (a CRM's context lookup, the
 * console's list pages) are the same few documents sent again and again, and Apollo's document
 * store hands back the same parsed DocumentNode for the same text: this executor compiles such a
 * document once with graphql-jit (resolvers, argument coercion and result completion as
 * generated code) and runs the compiled form from then on. Resolvers, middleware and
 * authorization are the schema's, unchanged: only the walk is compiled.
 *
 * It is plugged in through Apollo's gateway interface, the one supported way to give Apollo
 * Server 5 another executor; parsing, validation and every plugin hook stay Apollo's.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const documents = new WeakMap<DocumentNode, Entry>();
  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let entry = documents.get(document);
    if (!entry) documents.set(document, (entry = { runs: 0, compiled: new Map() }));
    if (++entry.runs < COMPILE_AFTER) return null;
    const key = operationName ?? '';
    let compiled = entry.compiled.get(key);
    if (compiled === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      entry.compiled.set(key, (compiled = isCompiledQuery(result) ? result : null));
    }
    return compiled;
  };
  const executor: GatewayExecutor = async ({ document, operationName, request, context, source }) => {
    const interpreted = () => execute({ schema, document, operationName, contextValue: context, variableValues: request.variables });
    const compiled = compiledFor(document, operationName);
    if (!compiled) return interpreted();
    const result = await compiled.query(undefined, context, request.variables ?? {});
    // No data: the variables did not coerce, and nothing ran. graphql-js words those errors the
    // way Apollo recognises as the caller's (BAD_USER_INPUT, status 400): let it answer.
    if (!('data' in result)) return interpreted();
    return result.errors ? { ...result, errors: result.errors.map((e) => asGraphQLJsError(e, source)) } : result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}

/**
 * graphql-jit's errors as graphql-js makes them: its own error type leaves `extensions` undefined
 * where graphql-js gives {} (Apollo reads `extensions.code` of every error, and a driver's error
 * has no extensions), and it carries locations where graphql-js carries positions in the source.
 */
function asGraphQLJsError(error: GraphQLError, query: string): GraphQLError {
  const lineStarts = [0];
  for (const m of query.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(m.index + m[0].length);
  return new GraphQLError(error.message, {
    source: new Source(query),
    positions: error.locations?.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}
