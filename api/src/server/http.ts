import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { compiledExecution } from './compiled-execution';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { bodyErrors } from './body-errors';
import { graphqlPost } from './graphql-post';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ProxyTrust } from './client-address';
import { mountConsole } from './console-files';
import { corsFor } from './cors';
import { mountEndpoints } from './endpoints';
import { securityHeaders } from './security-headers';
import type { AppServices, Context } from '../base/context';
import { bearerToken, createContext } from './context';
import { createErrorFormatter } from './errors';
import { refusalStatusPlugin } from './http-status';
import { databaseUnavailable, unavailableStatusPlugin } from './unavailable';
import { isDatabaseUnavailable } from '../base/db-failures';
import { costLimitPlugin, parseOptions, validationRules } from './limits';
import { sizeLimitedStringify } from './response-size';

export interface HttpOptions {
  schema: GraphQLSchema;
  services: AppServices;
  orm: MikroORM;
  production: boolean;
  maxBodyBytes: number;
  maxResponseBytes: number;
  /** Folder holding the built console (index.html + assets). */
  adminDist: string;
  trustProxy: ProxyTrust;
  corsOrigins: readonly string[];
  /** Extra Apollo plugins (the WebSocket server's drain hook). */
  plugins: ApolloServerPlugin<Context>[];
}

export async function createHttpApp(httpServer: Server, o: HttpOptions) {
  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(servedSchema(o.schema)),
    introspection: !o.production,
    hideSchemaDetailsFromClientErrors: o.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The composition root owns SIGTERM (drain, close sockets, close the database, exit 0).
    stopOnTerminationSignals: false,
    parseOptions,
    validationRules: validationRules(o.production),
    stringifyResult: sizeLimitedStringify(o.maxResponseBytes, o.services.logger),
    formatError: createErrorFormatter(o.services.logger, o.production),
    logger: o.services.logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      costLimitPlugin,
      refusalStatusPlugin,
      unavailableStatusPlugin,
      // The console is the UI. Apollo's development landing page loads from a CDN with inline
      // scripts, which the Content-Security-Policy forbids: it is off in every environment.
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the plugin would otherwise wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...o.plugins,
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // The same rule as the WebSocket upgrade: X-Forwarded-* only from TRUSTED_PROXIES.
  app.set('trust proxy', o.trustProxy);

  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await o.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  // GraphQL replies are POSTs no cache revalidates: hashing each body for an ETag was pure cost
  // (a sub-app of their own, so the console's files keep theirs).
  const graphql = express();
  graphql.set('etag', false);
  // A sub-app has express's defaults: without this, every GraphQL reply named its server.
  graphql.disable('x-powered-by');
  app.use('/graphql', graphql);
  const cors = corsFor(o.corsOrigins);
  const context = (authorization: string | undefined, address: string) =>
    createContext(o.services, bearerToken(authorization), address, { deferPrincipalCheck: true }).catch((e: unknown) => {
      throw isDatabaseUnavailable(e) ? databaseUnavailable(e) : e;
    });
  graphql.use(
    cors,
    express.json({ limit: o.maxBodyBytes }),
    expressMiddleware(apollo, { context: ({ req }) => context(req.headers.authorization, req.ip ?? 'unknown') }),
  );

  mountEndpoints(app, o.services, o.corsOrigins);
  mountConsole(app, o.adminDist);
  app.get('/', (_req, res) => res.redirect('/admin/'));
  app.use(bodyErrors);
  const post = graphqlPost({ apollo, maxBodyBytes: o.maxBodyBytes, trustProxy: o.trustProxy, cors, context, logger: o.services.logger });
  /** The server's request listener: the plain GraphQL POSTs straight to Apollo, everything else through express. */
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!post(req, res)) app(req, res);
  };
  return { app, apollo, listener };
}

/**
 * The schema as clients introspect it: in lexicographic order, as committed in schema/. Besides
 * one stable order, this lists a reference's object field before its id field (`parent` before
 * `parentId`, `ou` before `ouId`: a name is sorted before the longer names it starts). Stock
 * ra-data-graphql-simple turns an update's record into arguments key by key in that order, writing
 * an object field `x` as `xId: x.id` and the record's own `xId` after it, so the `xId` the form
 * changed is what is sent, not the id of the reference the record was loaded with
 * (docs/decisions.md, "References in the ra-data-graphql-simple grammar").
 */
export function servedSchema(schema: GraphQLSchema): GraphQLSchema {
  return lexicographicSortSchema(schema);
}
