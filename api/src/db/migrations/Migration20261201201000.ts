import { Migration } from '@mikro-orm/migrations';

/**
 * The recent-customers table was written by hand with inline references; its foreign keys now
 * follow the entities' naming and rules like every other table, so the migration drift test can
 * compare the migrated database with what the entities describe.
 */
export class Migration20261201201000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "recent_customer" drop constraint "recent_customer_employee_id_fkey";`);
    this.addSql(`alter table "recent_customer" drop constraint "recent_customer_customer_id_fkey";`);
    this.addSql(
      `alter table "recent_customer" add constraint "recent_customer_employee_id_foreign" foreign key ("employee_id") references "employee" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "recent_customer" add constraint "recent_customer_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );
  }
}
