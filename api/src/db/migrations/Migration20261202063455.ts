import { Migration } from '@mikro-orm/migrations';

export class Migration20261202063455 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "queuing_method" as enum ('DEFAULT_TONE', 'CUSTOM_TONE', 'IVR');`);
    this.addSql(`create type "hold_method" as enum ('DEFAULT_TONE', 'CUSTOM_TONE');`);
    this.addSql(`create type "answer_type" as enum ('REPORT_EMPLOYEE_ID', 'NO_VOICE', 'EMPLOYEE_ID_AND_CUSTOM_VOICE');`);
    this.addSql(`create type "queue_action" as enum ('RELEASE', 'TRANSFER');`);
    this.addSql(`create type "transfer_target_type" as enum ('IVR', 'SKILL_QUEUE');`);
    this.addSql(`create type "busy_condition" as enum ('DEVICE_USAGE', 'WAIT_SECONDS');`);
    this.addSql(`create type "max_queued_mode" as enum ('FIXED', 'PERCENT_OF_SIGNED_IN');`);
    this.addSql(
      `create table "skill_queue" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "ou_id" uuid null, "name" varchar(100) not null, "description" varchar(255) not null default '', "type" "routing_media_type" not null default 'VOICE', "subtypes" text[] not null, "max_wait_seconds" int not null default 60, "max_call_seconds" int not null default 86400, "wrap_up_seconds" int not null default 5, "max_queued_calls" int not null default 100, "queuing_method" "queuing_method" not null default 'DEFAULT_TONE', "queuing_prompt_id" uuid null, "queuing_ivr_id" uuid null, "hold_method" "hold_method" not null default 'DEFAULT_TONE', "hold_prompt_id" uuid null, "answer_type" "answer_type" not null default 'REPORT_EMPLOYEE_ID', "answer_prompt_id" uuid null, "on_timeout_action" "queue_action" not null default 'RELEASE', "on_timeout_target_type" "transfer_target_type" not null default 'IVR', "on_timeout_ivr_id" uuid null, "on_timeout_skill_queue_id" uuid null, "on_busy_action" "queue_action" not null default 'RELEASE', "on_busy_target_type" "transfer_target_type" not null default 'IVR', "on_busy_ivr_id" uuid null, "on_busy_skill_queue_id" uuid null, "on_busy_queue_usage_threshold" int null, "on_busy_condition" "busy_condition" null, "on_busy_condition_value" int null, "on_busy_max_queued_mode" "max_queued_mode" null, "on_busy_max_queued_value" int null, "on_no_agent_action" "queue_action" not null default 'RELEASE', "on_no_agent_target_type" "transfer_target_type" not null default 'IVR', "on_no_agent_ivr_id" uuid null, "on_no_agent_skill_queue_id" uuid null, constraint "skill_queue_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "skill_queue_tenant_id_index" on "skill_queue" ("tenant_id");`);
    this.addSql(`create index "skill_queue_queuing_prompt_id_index" on "skill_queue" ("queuing_prompt_id");`);
    this.addSql(`create index "skill_queue_queuing_ivr_id_index" on "skill_queue" ("queuing_ivr_id");`);
    this.addSql(`create index "skill_queue_hold_prompt_id_index" on "skill_queue" ("hold_prompt_id");`);
    this.addSql(`create index "skill_queue_answer_prompt_id_index" on "skill_queue" ("answer_prompt_id");`);
    this.addSql(`create index "skill_queue_on_timeout_ivr_id_index" on "skill_queue" ("on_timeout_ivr_id");`);
    this.addSql(`create index "skill_queue_on_timeout_skill_queue_id_index" on "skill_queue" ("on_timeout_skill_queue_id");`);
    this.addSql(`create index "skill_queue_on_busy_ivr_id_index" on "skill_queue" ("on_busy_ivr_id");`);
    this.addSql(`create index "skill_queue_on_busy_skill_queue_id_index" on "skill_queue" ("on_busy_skill_queue_id");`);
    this.addSql(`create index "skill_queue_on_no_agent_ivr_id_index" on "skill_queue" ("on_no_agent_ivr_id");`);
    this.addSql(`create index "skill_queue_on_no_agent_skill_queue_id_index" on "skill_queue" ("on_no_agent_skill_queue_id");`);
    this.addSql(`create index "skill_queue_tenant_id_ou_id_index" on "skill_queue" ("tenant_id", "ou_id");`);
    this.addSql(`create unique index "skill_queue_name_lower_unique" on "skill_queue" ("tenant_id", lower("name"));`);

    this.addSql(
      `create table "queue_load" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "queue_id" uuid not null, "queued" int not null, constraint "queue_load_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "queue_load_tenant_id_index" on "queue_load" ("tenant_id");`);
    this.addSql(`alter table "queue_load" add constraint "queue_load_queue_id_unique" unique ("queue_id");`);

    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_queuing_prompt_id_foreign" foreign key ("queuing_prompt_id") references "voice_prompt" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_queuing_ivr_id_foreign" foreign key ("queuing_ivr_id") references "ivr" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_hold_prompt_id_foreign" foreign key ("hold_prompt_id") references "voice_prompt" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_answer_prompt_id_foreign" foreign key ("answer_prompt_id") references "voice_prompt" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_on_timeout_ivr_id_foreign" foreign key ("on_timeout_ivr_id") references "ivr" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_on_timeout_skill_queue_id_foreign" foreign key ("on_timeout_skill_queue_id") references "skill_queue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_on_busy_ivr_id_foreign" foreign key ("on_busy_ivr_id") references "ivr" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_on_busy_skill_queue_id_foreign" foreign key ("on_busy_skill_queue_id") references "skill_queue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_on_no_agent_ivr_id_foreign" foreign key ("on_no_agent_ivr_id") references "ivr" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "skill_queue" add constraint "skill_queue_on_no_agent_skill_queue_id_foreign" foreign key ("on_no_agent_skill_queue_id") references "skill_queue" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "queue_load" add constraint "queue_load_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "queue_load" add constraint "queue_load_queue_id_foreign" foreign key ("queue_id") references "skill_queue" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "skill_queue" drop constraint "skill_queue_on_timeout_skill_queue_id_foreign";`);

    this.addSql(`alter table "skill_queue" drop constraint "skill_queue_on_busy_skill_queue_id_foreign";`);

    this.addSql(`alter table "skill_queue" drop constraint "skill_queue_on_no_agent_skill_queue_id_foreign";`);

    this.addSql(`alter table "queue_load" drop constraint "queue_load_queue_id_foreign";`);

    this.addSql(`drop table if exists "skill_queue" cascade;`);

    this.addSql(`drop table if exists "queue_load" cascade;`);

    this.addSql(`drop type "queuing_method";`);
    this.addSql(`drop type "hold_method";`);
    this.addSql(`drop type "answer_type";`);
    this.addSql(`drop type "queue_action";`);
    this.addSql(`drop type "transfer_target_type";`);
    this.addSql(`drop type "busy_condition";`);
    this.addSql(`drop type "max_queued_mode";`);
  }
}
