import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { statementTimeout } from './db/orm';
import { DEMO, seedDemo } from './db/seed/demo';
import { createLogger } from './logger';
import { buildAppSchema } from './schema';
import { jwtSecret } from './secrets';
import { createApp } from './server/app';

/** Composition root: config -> database -> schema -> http + ws. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const production = config.NODE_ENV === 'production';

  const db = await openDatabase(config, logger);
  const seeded = config.SEED_DEMO ? await seedDemo(db.orm) : false;
  // Migrations and the seed may run long (and replicas wait on the migration lock); requests may
  // not: the pool is reopened with the statement timeout before serving.
  await db.orm.reconnect(statementTimeout(config.STATEMENT_TIMEOUT_MS));
  const schema = await buildAppSchema();
  const app = await createApp({
    orm: db.orm,
    schema,
    logger,
    jwtSecret: await jwtSecret(config),
    tokenTtlSeconds: config.TOKEN_TTL_SECONDS,
    production,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxResponseBytes: config.MAX_RESPONSE_BYTES,
    adminDist: path.resolve(__dirname, '../../admin/dist'),
    loginPolicy: { maxFailures: 10, lockSeconds: config.LOGIN_LOCK_SECONDS },
    trustedProxies: config.TRUSTED_PROXIES,
    corsOrigins: config.CORS_ORIGINS,
    events: config.REDIS_URL ? { redisUrl: config.REDIS_URL } : undefined,
  });
  const port = await app.listen(config.PORT, config.HOST);
  const base = `http://localhost:${port}`;
  logger.info({ port, embeddedDatabase: db.embedded, seeded }, 'switchboard started');
  console.log(
    [
      '',
      `  Switchboard is running${db.embedded ? ` (embedded PostgreSQL under ${config.DATA_DIR})` : ''}`,
      `  Console:   ${base}/admin`,
      `  GraphQL:   ${base}/graphql  (HTTP and WebSocket)`,
      `  Health:    ${base}/healthz   Ready: ${base}/readyz`,
      config.SEED_DEMO ? `  Demo login: tenant "${DEMO.tenantCode}", account ${DEMO.adminAccount} / ${DEMO.password}` : '',
      ...(config.SEED_DEMO ? DEMO.accounts.map((a) => `              ${a.account} / ${DEMO.password}  (${a.description})`) : []),
      '',
    ].join('\n'),
  );

  let shuttingDown = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'draining');
    try {
      await app.stop();
      logger.info('http and websocket drained');
      await db.close();
      logger.info('stopped');
      process.exit(exitCode);
    } catch (e) {
      logger.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  // The embedded database this process started is kept up: a user of `npm start` never faces a
  // server that silently answers "database unavailable" forever.
  db.embeddedServer?.supervise?.({
    maxRestarts: 3,
    log: (level, message) => logger[level](message),
    onGiveUp: (reason) => {
      logger.fatal(reason);
      console.error(`Switchboard is stopping: ${reason}`);
      void shutdown('embedded database lost', 1);
    },
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
