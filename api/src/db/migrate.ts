import type { MikroORM } from '@mikro-orm/postgresql';

/** One key for every schema change of this product, so replicas starting together take turns. */
const MIGRATION_LOCK_KEY = 7_261_002;

/**
 * Runs `work` holding a session-level advisory lock on a dedicated connection: several
 * replicas (or `npm start` and `npm run tenant`) may start together; one migrates, the others
 * wait and then find nothing left to do.
 */
export async function withMigrationLock<T>(orm: MikroORM, work: () => Promise<T>): Promise<T> {
  const knex = orm.em.getConnection().getKnex();
  const conn = await knex.client.acquireConnection();
  try {
    await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  return withMigrationLock(orm, async () => {
    const done = await orm.getMigrator().up();
    return done.map((m) => m.name);
  });
}
