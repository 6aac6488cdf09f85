import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { databaseAnswered, type Logger } from '../logger';
import { DEFAULT_LOGIN_POLICY, LoginThrottle, type LoginPolicy } from '../modules/identity/throttle';
import '../modules/identity/services';
import '../modules/events/services';
import { LiveEvents, type LiveEventOptions } from '../modules/events/live';
import { TokenService } from '../modules/identity/token';
import { compileProxyTrust } from './client-address';
import type { AppServices } from '../base/context';
import { createHttpApp } from './http';
import { DEFAULT_MAX_RESPONSE_BYTES } from './response-size';
import { resolveInTimeSlices } from './time-slicing';
import { createWsServer } from './ws';

export interface AppOptions {
  orm: MikroORM;
  schema: GraphQLSchema;
  logger: Logger;
  jwtSecret: string;
  tokenTtlSeconds: number;
  production: boolean;
  maxBodyBytes: number;
  /** MAX_RESPONSE_BYTES: the largest reply sent, HTTP or WebSocket. */
  maxResponseBytes?: number;
  adminDist: string;
  loginPolicy?: LoginPolicy;
  /** TRUSTED_PROXIES: whose X-Forwarded-For is believed, on HTTP and WebSocket. Default none. */
  trustedProxies?: readonly string[];
  /** CORS_ORIGINS: browser origins allowed to call the API (HTTP and WebSocket). Default none. */
  corsOrigins?: readonly string[];
  /** Live events' timings (tests shorten them); default DEFAULT_LIVE_EVENTS. */
  events?: Partial<LiveEventOptions>;
}

export interface App {
  httpServer: Server;
  services: AppServices;
  /** Resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, drains in-flight requests, closes sockets with 1001. Idempotent. */
  stop(): Promise<void>;
}

/** Pure factory: the same pipeline for `npm start` and for tests. */
export async function createApp(o: AppOptions): Promise<App> {
  resolveInTimeSlices(o.schema);
  const httpServer = createServer();
  const events = new LiveEvents(o.orm, o.logger, o.events);
  const services: AppServices = {
    em: o.orm.em,
    tokens: new TokenService(o.jwtSecret, o.tokenTtlSeconds),
    throttle: new LoginThrottle(o.loginPolicy ?? DEFAULT_LOGIN_POLICY),
    logger: o.logger,
    events,
  };
  const trustProxy = compileProxyTrust(o.trustedProxies ?? []);
  const maxResponseBytes = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const ws = createWsServer(httpServer, {
    schema: o.schema,
    services,
    production: o.production,
    maxBodyBytes: o.maxBodyBytes,
    maxResponseBytes,
    trustProxy,
    corsOrigins: o.corsOrigins ?? [],
  });
  const { listener, apollo } = await createHttpApp(httpServer, {
    schema: o.schema,
    services,
    orm: o.orm,
    production: o.production,
    maxBodyBytes: o.maxBodyBytes,
    maxResponseBytes,
    adminDist: o.adminDist,
    trustProxy,
    corsOrigins: o.corsOrigins ?? [],
    plugins: [ws.drainPlugin],
  });
  httpServer.on('request', listener);
  // A statement that succeeds ends a database outage the log reported (logger.ts).
  // When each statement was sent, until it is answered: an outage ends with an answer to one sent after it began.
  const sentAt = new Map<string, number>();
  type Sent = { __knexQueryUid?: string };
  o.orm.em
    .getConnection()
    .getKnex()
    .on('query', (q: Sent) => {
      if (!q.__knexQueryUid) return;
      if (sentAt.size >= 10_000) sentAt.delete(sentAt.keys().next().value!);
      sentAt.set(q.__knexQueryUid, Date.now());
    })
    .on('query-response', (_response: unknown, q: Sent) => {
      const sent = sentAt.get(q.__knexQueryUid ?? '') ?? 0;
      sentAt.delete(q.__knexQueryUid ?? '');
      databaseAnswered(o.logger, sent);
    })
    .on('query-error', (_error: unknown, q: Sent) => void sentAt.delete(q.__knexQueryUid ?? ''));
  await events.start();

  let stopping: Promise<void> | undefined;
  return {
    httpServer,
    services,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    // Sockets close with 1001 as the server drains; then the relay and its timers stop.
    stop: () => (stopping ??= apollo.stop().then(() => events.stop())),
  };
}
