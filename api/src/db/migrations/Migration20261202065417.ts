import { Migration } from '@mikro-orm/migrations';

export class Migration20261202065417 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "queue_media_class" as enum ('VOICE_VIDEO', 'MULTIMEDIA');`);
    this.addSql(
      `create table "skill_queue_group" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "ou_id" uuid null, "name" varchar(100) not null, "description" varchar(255) not null default '', "media_class" "queue_media_class" not null, constraint "skill_queue_group_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "skill_queue_group_tenant_id_index" on "skill_queue_group" ("tenant_id");`);
    this.addSql(`create index "skill_queue_group_tenant_id_ou_id_index" on "skill_queue_group" ("tenant_id", "ou_id");`);
    this.addSql(`create unique index "skill_queue_group_name_lower_unique" on "skill_queue_group" ("tenant_id", lower("name"));`);

    this.addSql(
      `create table "skill_queue_group_member" ("group_id" uuid not null, "skill_queue_id" uuid not null, constraint "skill_queue_group_member_pkey" primary key ("group_id", "skill_queue_id"));`,
    );
    this.addSql(`create index "skill_queue_group_member_skill_queue_id_index" on "skill_queue_group_member" ("skill_queue_id");`);

    this.addSql(
      `alter table "skill_queue_group" add constraint "skill_queue_group_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "skill_queue_group" add constraint "skill_queue_group_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "skill_queue_group_member" add constraint "skill_queue_group_member_group_id_foreign" foreign key ("group_id") references "skill_queue_group" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "skill_queue_group_member" add constraint "skill_queue_group_member_skill_queue_id_foreign" foreign key ("skill_queue_id") references "skill_queue" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "skill_queue_group_member" drop constraint "skill_queue_group_member_group_id_foreign";`);

    this.addSql(`drop table if exists "skill_queue_group" cascade;`);

    this.addSql(`drop table if exists "skill_queue_group_member" cascade;`);

    this.addSql(`drop type "queue_media_class";`);
  }
}
