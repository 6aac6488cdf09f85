import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { AuditEntry } from '../common/audit-entry.entity';
import { EventOutbox, EventSequence } from '../common/event-outbox.entity';
import { Tenant } from '../common/tenant.entity';
import { MODULES } from '../modules';
import { migrationsList } from './migrations';
import { PlatformSetting } from './platform-setting.entity';

/** How long a statement waits for a pooled connection before it fails (answered SERVICE_UNAVAILABLE). */
export const POOL_WAIT_MS = 5000;

/**
 * knex's own messages. A dropped connection is reported on each pooled connection ("Connection
 * Error: …"); the outage is told once by our log (logger.ts), so those are left out.
 */
const KNEX_LOG = {
  warn: (message: string) => {
    if (!String(message).startsWith('Connection Error')) console.warn(message);
  },
};

/** The kernel's tables, then every module's (from its manifest). */
export const ENTITIES = [Tenant, AuditEntry, EventOutbox, EventSequence, PlatformSetting, ...MODULES.flatMap((m) => m.entities)];

export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  const { pool, driverOptions, ...rest } = extra;
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: 'api/src/db/migrations',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    forceUtcTimezone: true,
    // The global EntityManager must never be used for requests; forks only.
    allowGlobalContext: false,
    // A request waits this long for a free connection, then answers SERVICE_UNAVAILABLE (never hangs).
    pool: { min: 0, max: 10, acquireTimeoutMillis: POOL_WAIT_MS, ...pool },
    // The row scope (common/row-scope.ts) filters each table on its own: a reference is never
    // nulled or joined in because its target lies outside the scope (the loaders decide what a
    // nested field shows), so statements keep their shape.
    autoJoinRefsForFilters: false,
    filtersOnRelations: false,
    driverOptions: { log: KNEX_LOG, ...(driverOptions as object | undefined) },
    ...rest,
  });
}

/**
 * Every statement of the pool's connections is cancelled by PostgreSQL after `ms` (0: never), so
 * a request that slipped past the query limits cannot hold a connection and its locks for long.
 * The server sends a cancelled statement's error (57014), answered as QUERY_TIMEOUT.
 */
export function statementTimeout(ms: number): Partial<Options> {
  return { driverOptions: { connection: { statement_timeout: ms } } };
}

export function openOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra));
}
