import { Migration } from '@mikro-orm/migrations';

/** Platform-wide settings (e.g. which demo seed steps a database has). */
export class Migration20261121215500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "platform_setting" ("key" text not null primary key, "value" text not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "platform_setting";`);
  }
}
