import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes api/src/db/migrations/index.ts from the migration files in the folder, so a migration
 * `db:migration:create` writes is listed with it and nobody edits the list by hand. The list is
 * explicit (not a glob) because the product runs from its bundled build.
 */
export function writeMigrationIndex(folder: string): string[] {
  const names = readdirSync(folder)
    .filter((file) => /^Migration\d+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const text = `import type { MigrationObject } from '@mikro-orm/core';
${names.map((n) => `import { ${n} } from './${n}';`).join('\n')}

/**
 * Every committed migration, in order: written by \`npm run db:migration:create\` (api/src/cli/
 * migration-index.ts), which creates a migration from the difference between the entities and
 * the database; the migration drift test fails when the two disagree. Only triggers and
 * functions are written by hand.
 */
export const migrationsList: MigrationObject[] = [
${names.map((n) => `  { name: '${n}', class: ${n} },`).join('\n')}
];
`;
  writeFileSync(join(folder, 'index.ts'), text);
  return names;
}
