import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import { WebSocketServer } from 'ws';
import { clientAddress, type ProxyTrust } from './client-address';
import { upgradeOriginAllowed } from './cors';
import type { AppServices, Context } from '../base/context';
import { bearerToken, createContext } from './context';
import { databaseUnavailable } from './unavailable';
import { isDatabaseUnavailable } from '../base/db-failures';
import { createErrorFormatter } from './errors';
import { costRefusal, parseOptions, validationRules } from './limits';
import { withinSizeLimit } from './response-size';
import type { LiveSession } from '../modules/events/sessions';
import type { GraphQLSchema } from 'graphql';

export interface WsOptions {
  schema: GraphQLSchema;
  services: AppServices;
  production: boolean;
  maxBodyBytes: number;
  maxResponseBytes: number;
  trustProxy: ProxyTrust;
  corsOrigins: readonly string[];
}

/** Query text kept parsed and validated, in characters (the subscriptions of a deployment are a few short documents). */
const DOCUMENT_CACHE_BYTES = 4_000_000;

/** What a connection carries besides its socket: its authenticated session. */
type Extra = {
  request: IncomingMessage;
  session?: LiveSession;
};

const tokenOf = (params: Record<string, unknown> | undefined) => bearerToken(params?.authorization ?? params?.Authorization);

/**
 * graphql-ws on the same path as HTTP. Parsing and validation are done here (not by the
 * library) so the same limits apply and over-limit documents are answered with errors
 * instead of closing the socket. A connection is authenticated once, at connection_init: a
 * missing or invalid token closes it with 4403 at once (modules/events/sessions.ts then closes
 * it at the token's expiry, or when its principal is disabled or revoked).
 */
export function createWsServer(httpServer: Server, o: WsOptions) {
  const originAllowed = upgradeOriginAllowed(o.corsOrigins);
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: o.maxBodyBytes,
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }, done: (ok: boolean, status?: number, message?: string) => void) =>
      originAllowed(origin, req) ? done(true) : done(false, 403, 'Origin not allowed'),
  });
  const rules = [...specifiedRules, ...validationRules(o.production)];
  const format = createErrorFormatter(o.services.logger, o.production);
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => format(e.toJSON(), e));
  // A dashboard's subscriptions are the same few documents on every connection: each is parsed
  // and validated once, and its syntax tree shared by all of them (Apollo's document store does
  // the same over HTTP), instead of one tree per subscription for its lifetime.
  const documents = new LRUCache<string, DocumentNode | GraphQLError[]>({ maxSize: DOCUMENT_CACHE_BYTES, sizeCalculation: (_v, query) => query.length || 1 });
  const checkedDocument = (query: string): DocumentNode | GraphQLError[] => {
    let checked = documents.get(query);
    if (checked) return checked;
    try {
      const document = parse(query, parseOptions);
      const errors = validate(o.schema, document, rules);
      checked = errors.length ? errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) : document;
    } catch (e) {
      checked = [withCode(e instanceof GraphQLError ? e : new GraphQLError(String(e)), 'GRAPHQL_PARSE_FAILED')];
    }
    documents.set(query, checked);
    return checked;
  };

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema: o.schema,
      onConnect: async (ctx) => {
        const session = await o.services.events.sessions.open(o.services.tokens, tokenOf(ctx.connectionParams), ctx.extra.socket);
        if (!session) return false;
        (ctx.extra as Extra).session = session;
        return true;
      },
      onClose: (ctx) => {
        const session = (ctx.extra as Extra).session;
        if (session) o.services.events.sessions.close(session);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const checked = checkedDocument(payload.query);
        if (Array.isArray(checked)) return checked;
        const document = checked;
        const refusal = costRefusal(o.schema, document, payload.variables, payload.operationName);
        if (refusal) return [refusal];
        // The operation's context, made here so a database that cannot sign the caller in answers
        // SERVICE_UNAVAILABLE on the operation, as on HTTP, instead of closing the socket.
        let context: Context;
        try {
          context = await createContext(o.services, tokenOf(ctx.connectionParams), clientAddress(ctx.extra.request, o.trustProxy));
        } catch (e) {
          if (isDatabaseUnavailable(e)) return [databaseUnavailable(e)];
          throw e;
        }
        return {
          schema: o.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: { ...context, session: (ctx.extra as Extra).session },
        } satisfies Partial<ExecutionArgs> as ExecutionArgs;
      },
      onError: (_ctx, _id, _payload, errors) => formatAll(errors),
      onNext: (_ctx, _id, _payload, _args, result) => {
        const formatted = result.errors ? { ...result, errors: formatAll(result.errors) } : result;
        return withinSizeLimit(formatted, o.maxResponseBytes, o.services.logger) ?? (result.errors ? formatted : undefined);
      },
    },
    wss,
  );

  /** Apollo plugin: when the HTTP server drains, sockets are closed with 1001 (going away). */
  const drainPlugin: ApolloServerPlugin<Context> = {
    async serverWillStart() {
      return {
        async drainServer() {
          await cleanup.dispose();
        },
      };
    },
  };
  return { wss, drainPlugin };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
