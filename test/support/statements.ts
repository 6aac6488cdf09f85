import { backgroundWork } from '../../api/src/common/background';
import type { TestApp } from './app';

/**
 * Counts the SQL statements the app's connection pool sends while `work` runs (every statement
 * goes through the one knex instance: ORM queries and raw ones alike), leaving out the
 * background work that runs meanwhile (the event relay, connections' re-checks).
 */
export async function countStatements<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const knex = t.orm.em.getConnection().getKnex();
  const statements: string[] = [];
  const listener = (q: { sql: string }) => {
    if (!backgroundWork()) statements.push(q.sql);
  };
  knex.on('query', listener);
  try {
    const result = await work();
    return { result, statements };
  } finally {
    knex.off('query', listener);
  }
}
