import { Migration } from '@mikro-orm/migrations';

export class Migration20261202074043 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "org_unit" add column "max_concurrent_sessions" smallint not null default 0;`);

    this.addSql(
      `alter table "agent" add column "avatar" smallint not null default 1, add column "nickname" varchar(20) not null default '', add column "max_concurrent_sessions" smallint not null default 0, add column "greetings" jsonb not null default '[]';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agent" drop column "avatar", drop column "nickname", drop column "max_concurrent_sessions", drop column "greetings";`);

    this.addSql(`alter table "org_unit" drop column "max_concurrent_sessions";`);
  }
}
