import { Migration } from '@mikro-orm/migrations';

export class Migration20261202180507 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "activity_customer_id_created_at_index";`);

    this.addSql(`alter table "activity" add column "contact_record_id" uuid null;`);
    this.addSql(
      `alter table "activity" add constraint "activity_contact_record_id_foreign" foreign key ("contact_record_id") references "contact_record" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "activity" add constraint "activity_contact_record_id_unique" unique ("contact_record_id");`);
    this.addSql(`create index "activity_customer_id_created_at_id_index" on "activity" ("customer_id", "created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "activity" drop constraint "activity_contact_record_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_contact_record_id_unique";`);
    this.addSql(`drop index "activity_customer_id_created_at_id_index";`);
    this.addSql(`alter table "activity" drop column "contact_record_id";`);

    this.addSql(`create index "activity_customer_id_created_at_index" on "activity" ("customer_id", "created_at");`);
  }
}
