import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121195557 } from './Migration20261121195557';

/** Every committed migration, in order. A new one is created with `npm run db:migration:create`. */
export const migrationsList: MigrationObject[] = [{ name: 'Migration20261121195557', class: Migration20261121195557 }];
