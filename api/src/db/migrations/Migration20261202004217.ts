import { Migration } from '@mikro-orm/migrations';

export class Migration20261202004217 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "routing_media_type" as enum ('VOICE', 'VIDEO', 'MULTIMEDIA', 'VOICE_CLICK_TO_DIAL', 'VIDEO_CLICK_TO_DIAL');`);
    this.addSql(
      `create table "access_code" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "code" varchar(24) not null, "media_type" "routing_media_type" not null, "ou_id" uuid null, constraint "access_code_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "access_code_tenant_id_index" on "access_code" ("tenant_id");`);
    this.addSql(`create index "access_code_tenant_id_ou_id_index" on "access_code" ("tenant_id", "ou_id");`);
    this.addSql(`alter table "access_code" add constraint "access_code_tenant_id_code_unique" unique ("tenant_id", "code");`);

    this.addSql(
      `alter table "access_code" add constraint "access_code_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "access_code" add constraint "access_code_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "access_code" cascade;`);

    this.addSql(`drop type "routing_media_type";`);
  }
}
