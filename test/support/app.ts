import 'reflect-metadata';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { inject } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { unscoped } from '../../api/src/common/row-scope';
import { STATEMENT_TIMEOUT_DEFAULT_MS } from '../../api/src/config';
import type { ModuleManifest } from '../../api/src/common/module';
import { ENTITIES, openOrm, statementTimeout } from '../../api/src/db/orm';
import { createLogger, type Logger } from '../../api/src/logger';
import { buildAppSchema } from '../../api/src/schema';
import { createApp, type App } from '../../api/src/server/app';
import type { LiveEventOptions } from '../../api/src/modules/events/live';
import { createTenantWithAdmin } from '../../api/src/modules/tenant/tenant.service';
import { disposeAtEnd } from './dispose';
import { GraphQLClient } from './graphql';

let schemaPromise: Promise<GraphQLSchema> | undefined;
const schema = () => (schemaPromise ??= buildAppSchema());

export const ADMIN_DIST = path.resolve(__dirname, '../../admin/dist');

export interface TestApp {
  app: App;
  orm: MikroORM;
  baseUrl: string;
  wsUrl: string;
  /** The database as a test inspects it: past every row scope (the app's own requests are scoped). */
  db(): EntityManager;
  /** An anonymous client; `.withToken()` or `loginAs()` for a signed-in one. */
  client: GraphQLClient;
  loginAs(account: string, password: string): Promise<GraphQLClient>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  production?: boolean;
  maxBodyBytes?: number;
  /** Proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES); default none, like the product. */
  trustedProxies?: string[];
  /** Browser origins allowed to call the API (CORS_ORIGINS); default none, like the product. */
  corsOrigins?: string[];
  /** Another database than the run's (a fault test's own server), already migrated. */
  databaseUrl?: string;
  /** The pool's size and wait for a free connection; default 5 and the product's wait (POOL_WAIT_MS). */
  pool?: { max?: number; acquireTimeoutMillis?: number };
  /** Default: the product's (STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  /** Default: the product's (MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Default: silent (or TEST_LOG_LEVEL). */
  logger?: Logger;
  /** Default: an hour. */
  tokenTtlSeconds?: number;
  /** Live events' timings; default: the product's, with a faster re-check of sessions. */
  events?: Partial<LiveEventOptions>;
  /** The built console it serves; default admin/dist (the first-load report compares another build). */
  adminDist?: string;
  /** Modules beside the product's (a throw-away example resource), with a database of their own. */
  modules?: { manifests: ModuleManifest[]; databaseUrl: string };
}

/** The real pipeline (HTTP + WebSocket + PostgreSQL) on a free port of this machine. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const extra = options.modules?.manifests ?? [];
  const orm = await openOrm(options.databaseUrl ?? options.modules?.databaseUrl ?? inject('databaseUrl'), {
    pool: { min: 0, max: 5, ...options.pool },
    ...statementTimeout(options.statementTimeoutMs ?? STATEMENT_TIMEOUT_DEFAULT_MS),
    ...(extra.length ? { entities: [...ENTITIES, ...extra.flatMap((m) => m.entities)] } : {}),
  });
  const app = await createApp({
    orm,
    schema: extra.length ? await buildAppSchema(extra) : await schema(),
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    jwtSecret: randomBytes(32).toString('hex'),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    events: options.events,
    production: options.production ?? false,
    maxBodyBytes: options.maxBodyBytes ?? 100 * 1024,
    adminDist: options.adminDist ?? ADMIN_DIST,
    trustedProxies: options.trustedProxies ?? [],
    corsOrigins: options.corsOrigins ?? [],
    maxResponseBytes: options.maxResponseBytes,
  });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      forget();
      await app.stop();
      await orm.close();
    })());
  const forget = disposeAtEnd(close);
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = new GraphQLClient(baseUrl);
  return {
    app,
    orm,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    client,
    db: () => unscoped(orm.em.fork(), 'a test inspects the database'),
    async loginAs(account, password) {
      const res = await client.request<{ login: { token: string } }>('mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token } }', {
        a: account,
        p: password,
      });
      if (!res.data?.login) throw new Error(`login of ${account} failed: ${JSON.stringify(res.errors)}`);
      return client.withToken(res.data.login.token);
    },
    close,
  };
}

export const TEST_PASSWORD = 'Test#Pass1';

/** A tenant of its own per test file: unique code and admin account, nothing shared. */
export async function createTestTenant(orm: MikroORM, label = 't') {
  const suffix = randomBytes(4).toString('hex');
  const code = `${label}-${suffix}`.toLowerCase();
  const adminAccount = `${code}.admin`;
  const created = await createTenantWithAdmin(orm.em.fork(), {
    code,
    name: `Tenant ${code}`,
    adminAccount,
    adminPassword: TEST_PASSWORD,
  });
  return { code, adminAccount, password: TEST_PASSWORD, tenantId: created.tenant.id, defaultOuId: created.defaultOu.id };
}
