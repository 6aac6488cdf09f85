import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { readdirSync } from 'node:fs';
import { openOrm } from '../../api/src/db/orm';
import { migrationsList } from '../../api/src/db/migrations';

/**
 * The schema the entities describe equals the migrated database (the suite's global setup ran
 * every migration): a column, index, constraint or table added on one side only fails here,
 * with the statements `npm run db:migration:create` would write.
 */
let orm: MikroORM;
beforeAll(async () => {
  orm = await openOrm(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
});
afterAll(() => orm?.close());

describe('migrations', () => {
  it('leave no difference between the entities and the database', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('are all listed, in order (`db:migration:create` writes the list)', () => {
    const files = readdirSync('api/src/db/migrations')
      .filter((f) => /^Migration\d+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(migrationsList.map((m) => m.name)).toEqual(files);
  });
});
