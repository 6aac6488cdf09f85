import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121195557 } from './Migration20261121195557';
import { Migration20261121201207 } from './Migration20261121201207';
import { Migration20261121202842 } from './Migration20261121202842';
import { Migration20261121212000 } from './Migration20261121212000';
import { Migration20261121215500 } from './Migration20261121215500';
import { Migration20261201200000 } from './Migration20261201200000';
import { Migration20261201200200 } from './Migration20261201200200';

/**
 * Every committed migration, in order. A new one is created with `npm run db:migration:create`;
 * remove from it what the diff proposes against the hand-written objects (expression and
 * partial indexes, restrict rules on role pivots, the throttle table, the audit trigger).
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121195557', class: Migration20261121195557 },
  { name: 'Migration20261121201207', class: Migration20261121201207 },
  { name: 'Migration20261121202842', class: Migration20261121202842 },
  { name: 'Migration20261121212000', class: Migration20261121212000 },
  { name: 'Migration20261121215500', class: Migration20261121215500 },
  { name: 'Migration20261201200000', class: Migration20261201200000 },
  { name: 'Migration20261201200200', class: Migration20261201200200 },
];
