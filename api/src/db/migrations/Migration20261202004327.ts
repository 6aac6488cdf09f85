import { Migration } from '@mikro-orm/migrations';

export class Migration20261202004327 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "call_media_type" as enum ('VOICE', 'VIDEO');`);
    this.addSql(
      `create table "ivr" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(100) not null, "access_code" varchar(24) not null, "media_type" "call_media_type" not null, "ou_id" uuid null, constraint "ivr_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ivr_tenant_id_index" on "ivr" ("tenant_id");`);
    this.addSql(`create index "ivr_tenant_id_ou_id_index" on "ivr" ("tenant_id", "ou_id");`);
    this.addSql(`alter table "ivr" add constraint "ivr_tenant_id_access_code_unique" unique ("tenant_id", "access_code");`);
    this.addSql(`create unique index "ivr_name_lower_unique" on "ivr" ("tenant_id", lower("name"));`);

    this.addSql(
      `create table "voice_prompt" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(100) not null, "media_type" "call_media_type" not null, "file_url" varchar(2048) not null, "ou_id" uuid null, constraint "voice_prompt_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "voice_prompt_tenant_id_index" on "voice_prompt" ("tenant_id");`);
    this.addSql(`create index "voice_prompt_tenant_id_ou_id_index" on "voice_prompt" ("tenant_id", "ou_id");`);
    this.addSql(`create unique index "voice_prompt_name_lower_unique" on "voice_prompt" ("tenant_id", lower("name"));`);

    this.addSql(
      `alter table "ivr" add constraint "ivr_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "ivr" add constraint "ivr_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "voice_prompt" add constraint "voice_prompt_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "voice_prompt" add constraint "voice_prompt_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ivr" cascade;`);

    this.addSql(`drop table if exists "voice_prompt" cascade;`);

    this.addSql(`drop type "call_media_type";`);
  }
}
