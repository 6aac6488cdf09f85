import { migrate } from '../db/migrate';
import { writeMigrationIndex } from './migration-index';
import { runCommand } from './run';

/** `up` applies pending migrations (also done by every start); `create` writes a new one from the entity diff. */
runCommand(async (db) => {
  const command = process.argv[2] ?? 'up';
  if (command === 'up') {
    const applied = await migrate(db.orm);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'nothing to migrate');
    return 0;
  }
  if (command === 'create' || command === 'initial') {
    const migrator = db.orm.getMigrator();
    const result = command === 'initial' ? await migrator.createInitialMigration() : await migrator.createMigration();
    if (!result.fileName) console.log('no changes');
    else {
      writeMigrationIndex(db.orm.config.get('migrations').path!);
      console.log(`wrote ${result.fileName}, listed in api/src/db/migrations/index.ts`);
    }
    return 0;
  }
  console.error('usage: npm run db:migrate | npm run db:migration:create');
  return 2;
});
