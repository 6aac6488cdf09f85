import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064356 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "route_device" as enum ('SKILL_QUEUE', 'IVR');`);
    this.addSql(`create type "click_to_dial_target" as enum ('AGENT', 'IVR');`);
    this.addSql(
      `create table "called_route" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "ou_id" uuid null, "access_code_id" uuid not null, "extension_code" varchar(8) not null default '', "dialled_number" varchar(32) not null default '', "media_type" "routing_media_type" not null default 'VOICE', "device_type" "route_device" not null, "skill_queue_id" uuid null, "ivr_id" uuid null, constraint "called_route_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "called_route_tenant_id_index" on "called_route" ("tenant_id");`);
    this.addSql(`create index "called_route_access_code_id_index" on "called_route" ("access_code_id");`);
    this.addSql(`create index "called_route_skill_queue_id_index" on "called_route" ("skill_queue_id");`);
    this.addSql(`create index "called_route_ivr_id_index" on "called_route" ("ivr_id");`);
    this.addSql(`create index "called_route_tenant_id_ou_id_index" on "called_route" ("tenant_id", "ou_id");`);
    this.addSql(`alter table "called_route" add constraint "called_route_tenant_id_dialled_number_unique" unique ("tenant_id", "dialled_number");`);

    this.addSql(
      `create table "web_channel" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "ou_id" uuid null, "channel_code" varchar(64) not null, "called_route_id" uuid not null, "transfer_keywords" text[] not null, "click_to_dial_enabled" boolean not null default false, "click_to_dial_target" "click_to_dial_target" null, "click_to_dial_route_id" uuid null, "click_to_dial_ivr_id" uuid null, "dialog_end_enabled" boolean not null default false, "dialog_end_no_reply_minutes" int null, "dialog_end_conclusion" varchar(500) not null default '', "third_party_auth_enabled" boolean not null default false, "third_party_secret" text null, "work_time" jsonb not null, "queue_reminder_interval_seconds" int not null default 10, "queue_reminder_text" varchar(500) not null default '', "chatbot_enabled" boolean not null default false, "chatbot_avatar_url" varchar(2048) not null default '', "chatbot_name" varchar(64) not null default '', "chatbot_gender" "gender" not null default 'UNKNOWN', "chatbot_access_code" varchar(24) not null default '', "chatbot_default_reply" varchar(500) not null default '', "chatbot_timeout_reply" varchar(500) not null default '', "chatbot_transfer_prompt" varchar(500) not null default '', "robot_assistant_enabled" boolean not null default false, "robot_assistant_access_code" varchar(24) not null default '', "robot_assistant_silent_route_id" uuid null, constraint "web_channel_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "web_channel_tenant_id_index" on "web_channel" ("tenant_id");`);
    this.addSql(`create index "web_channel_called_route_id_index" on "web_channel" ("called_route_id");`);
    this.addSql(`create index "web_channel_click_to_dial_route_id_index" on "web_channel" ("click_to_dial_route_id");`);
    this.addSql(`create index "web_channel_click_to_dial_ivr_id_index" on "web_channel" ("click_to_dial_ivr_id");`);
    this.addSql(`create index "web_channel_robot_assistant_silent_route_id_index" on "web_channel" ("robot_assistant_silent_route_id");`);
    this.addSql(`create index "web_channel_tenant_id_ou_id_index" on "web_channel" ("tenant_id", "ou_id");`);
    this.addSql(`create unique index "web_channel_code_lower_unique" on "web_channel" ("tenant_id", lower("channel_code"));`);

    this.addSql(
      `alter table "called_route" add constraint "called_route_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "called_route" add constraint "called_route_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "called_route" add constraint "called_route_access_code_id_foreign" foreign key ("access_code_id") references "access_code" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "called_route" add constraint "called_route_skill_queue_id_foreign" foreign key ("skill_queue_id") references "skill_queue" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "called_route" add constraint "called_route_ivr_id_foreign" foreign key ("ivr_id") references "ivr" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "web_channel" add constraint "web_channel_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "web_channel" add constraint "web_channel_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "web_channel" add constraint "web_channel_called_route_id_foreign" foreign key ("called_route_id") references "called_route" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "web_channel" add constraint "web_channel_click_to_dial_route_id_foreign" foreign key ("click_to_dial_route_id") references "called_route" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "web_channel" add constraint "web_channel_click_to_dial_ivr_id_foreign" foreign key ("click_to_dial_ivr_id") references "ivr" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "web_channel" add constraint "web_channel_robot_assistant_silent_route_id_foreign" foreign key ("robot_assistant_silent_route_id") references "called_route" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "web_channel" drop constraint "web_channel_called_route_id_foreign";`);

    this.addSql(`alter table "web_channel" drop constraint "web_channel_click_to_dial_route_id_foreign";`);

    this.addSql(`alter table "web_channel" drop constraint "web_channel_robot_assistant_silent_route_id_foreign";`);

    this.addSql(`drop table if exists "called_route" cascade;`);

    this.addSql(`drop table if exists "web_channel" cascade;`);

    this.addSql(`drop type "route_device";`);
    this.addSql(`drop type "click_to_dial_target";`);
  }
}
