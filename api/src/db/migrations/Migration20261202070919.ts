import { Migration } from '@mikro-orm/migrations';

export class Migration20261202070919 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "agent_platform_role" as enum ('COMMON_AGENT', 'QUALITY_CHECKER', 'CALLOUT_AGENT');`);
    this.addSql(`create type "agent_type" as enum ('AUDIO', 'VIDEO', 'MULTIMEDIA', 'VERSATILE');`);
    this.addSql(
      `create table "agent" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "agent_id" int not null, "platform_role" "agent_platform_role" not null default 'COMMON_AGENT', "agent_type" "agent_type" not null, "phone" varchar(20) not null default '', "employee_id" uuid null, "softphone_number" varchar(24) not null, "intelligent_recognition" boolean not null default false, "smart_form_filling" boolean not null default false, "phone_only" boolean not null default false, "anonymization_flag" boolean not null default false, "webrtc_enabled" boolean not null default false, "skill_queue_group_id" uuid null, "softphone_password_hash" text null, constraint "agent_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "agent_tenant_id_index" on "agent" ("tenant_id");`);
    this.addSql(`create index "agent_skill_queue_group_id_index" on "agent" ("skill_queue_group_id");`);
    this.addSql(`create index "agent_tenant_id_agent_type_index" on "agent" ("tenant_id", "agent_type");`);
    this.addSql(`alter table "agent" add constraint "agent_employee_id_unique" unique ("employee_id");`);
    this.addSql(`alter table "agent" add constraint "agent_tenant_id_softphone_number_unique" unique ("tenant_id", "softphone_number");`);
    this.addSql(`alter table "agent" add constraint "agent_tenant_id_agent_id_unique" unique ("tenant_id", "agent_id");`);

    this.addSql(
      `create table "agent_skill" ("agent_id" uuid not null, "skill_queue_id" uuid not null, "is_default" boolean not null default false, constraint "agent_skill_pkey" primary key ("agent_id", "skill_queue_id"));`,
    );
    this.addSql(`create index "agent_skill_skill_queue_id_index" on "agent_skill" ("skill_queue_id");`);

    this.addSql(
      `alter table "agent" add constraint "agent_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "agent" add constraint "agent_employee_id_foreign" foreign key ("employee_id") references "employee" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "agent" add constraint "agent_skill_queue_group_id_foreign" foreign key ("skill_queue_group_id") references "skill_queue_group" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "agent_skill" add constraint "agent_skill_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "agent_skill" add constraint "agent_skill_skill_queue_id_foreign" foreign key ("skill_queue_id") references "skill_queue" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agent_skill" drop constraint "agent_skill_agent_id_foreign";`);

    this.addSql(`drop table if exists "agent" cascade;`);

    this.addSql(`drop table if exists "agent_skill" cascade;`);

    this.addSql(`drop type "agent_platform_role";`);
    this.addSql(`drop type "agent_type";`);
  }
}
