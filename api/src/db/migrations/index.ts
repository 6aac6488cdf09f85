import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121195557 } from './Migration20261121195557';
import { Migration20261121201207 } from './Migration20261121201207';
import { Migration20261121202842 } from './Migration20261121202842';
import { Migration20261121212000 } from './Migration20261121212000';
import { Migration20261121215500 } from './Migration20261121215500';
import { Migration20261201200000 } from './Migration20261201200000';
import { Migration20261201200200 } from './Migration20261201200200';
import { Migration20261201201000 } from './Migration20261201201000';
import { Migration20261202004217 } from './Migration20261202004217';
import { Migration20261202004327 } from './Migration20261202004327';
import { Migration20261202063455 } from './Migration20261202063455';
import { Migration20261202064356 } from './Migration20261202064356';
import { Migration20261202065417 } from './Migration20261202065417';
import { Migration20261202070919 } from './Migration20261202070919';
import { Migration20261202071502 } from './Migration20261202071502';
import { Migration20261202072613 } from './Migration20261202072613';
import { Migration20261202074043 } from './Migration20261202074043';
import { Migration20261202075729 } from './Migration20261202075729';
import { Migration20261202130710 } from './Migration20261202130710';
import { Migration20261202133230 } from './Migration20261202133230';
import { Migration20261202140220 } from './Migration20261202140220';
import { Migration20261202180507 } from './Migration20261202180507';
import { Migration20261203110010 } from './Migration20261203110010';
import { Migration20261204014500 } from './Migration20261204014500';
import { Migration20261206221500 } from './Migration20261206221500';

/**
 * Every committed migration, in order: written by `npm run db:migration:create` (api/src/cli/
 * migration-index.ts), which creates a migration from the difference between the entities and
 * the database; the migration drift test fails when the two disagree. Only triggers and
 * functions are written by hand.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121195557', class: Migration20261121195557 },
  { name: 'Migration20261121201207', class: Migration20261121201207 },
  { name: 'Migration20261121202842', class: Migration20261121202842 },
  { name: 'Migration20261121212000', class: Migration20261121212000 },
  { name: 'Migration20261121215500', class: Migration20261121215500 },
  { name: 'Migration20261201200000', class: Migration20261201200000 },
  { name: 'Migration20261201200200', class: Migration20261201200200 },
  { name: 'Migration20261201201000', class: Migration20261201201000 },
  { name: 'Migration20261202004217', class: Migration20261202004217 },
  { name: 'Migration20261202004327', class: Migration20261202004327 },
  { name: 'Migration20261202063455', class: Migration20261202063455 },
  { name: 'Migration20261202064356', class: Migration20261202064356 },
  { name: 'Migration20261202065417', class: Migration20261202065417 },
  { name: 'Migration20261202070919', class: Migration20261202070919 },
  { name: 'Migration20261202071502', class: Migration20261202071502 },
  { name: 'Migration20261202072613', class: Migration20261202072613 },
  { name: 'Migration20261202074043', class: Migration20261202074043 },
  { name: 'Migration20261202075729', class: Migration20261202075729 },
  { name: 'Migration20261202130710', class: Migration20261202130710 },
  { name: 'Migration20261202133230', class: Migration20261202133230 },
  { name: 'Migration20261202140220', class: Migration20261202140220 },
  { name: 'Migration20261202180507', class: Migration20261202180507 },
  { name: 'Migration20261203110010', class: Migration20261203110010 },
  { name: 'Migration20261204014500', class: Migration20261204014500 },
  { name: 'Migration20261206221500', class: Migration20261206221500 },
];
