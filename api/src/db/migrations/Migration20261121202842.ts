import { Migration } from '@mikro-orm/migrations';

/** Customers, contact records, requests, activities, comments, address options (issue 4). */
export class Migration20261121202842 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "channel" as enum ('VOICE', 'VIDEO', 'WEB', 'WHATSAPP', 'LINE', 'WECHAT', 'FACEBOOK', 'X', 'RCS5G', 'EMAIL', 'SMS', 'INSTAGRAM', 'TELEGRAM');`,
    );
    this.addSql(`create type "direction" as enum ('INBOUND', 'OUTBOUND');`);
    this.addSql(`create type "field_type" as enum ('STRING', 'NUMBER', 'BOOLEAN', 'DATE');`);
    this.addSql(
      `create table "customer" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "customer_number" varchar(20) not null, "ou_id" uuid null, "name" varchar(80) not null default '', "gender" "gender" not null default 'UNKNOWN', "phones" text[] not null, "emails" text[] not null, "company" varchar(80) not null default '', "address" varchar(80) not null default '', "address_detail" varchar(80) not null default '', "remark" varchar(80) not null default '', constraint "customer_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "customer_tenant_id_index" on "customer" ("tenant_id");`);
    this.addSql(`create index "customer_tenant_id_ou_id_index" on "customer" ("tenant_id", "ou_id");`);
    this.addSql(`alter table "customer" add constraint "customer_tenant_id_customer_number_unique" unique ("tenant_id", "customer_number");`);

    this.addSql(
      `create table "customer_request" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "customer_id" uuid not null, "title" varchar(200) not null, "description" varchar(2000) not null default '', "closed_at" timestamptz null, "last_activity_at" timestamptz not null default now(), constraint "customer_request_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "customer_request_tenant_id_index" on "customer_request" ("tenant_id");`);
    this.addSql(`create index "customer_request_customer_id_last_activity_at_index" on "customer_request" ("customer_id", "last_activity_at");`);

    this.addSql(
      `create table "customer_phone" ("id" uuid not null, "tenant_id" uuid not null, "customer_id" uuid not null, "raw" varchar(20) not null, "normalized" varchar(24) not null, "digits" varchar(20) not null, "digits_rev" varchar(20) not null, constraint "customer_phone_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "customer_phone_customer_id_index" on "customer_phone" ("customer_id");`);
    this.addSql(`create index "customer_phone_digits_rev_index" on "customer_phone" ("tenant_id", "digits_rev" text_pattern_ops);`);
    this.addSql(`create index "customer_phone_tenant_id_digits_index" on "customer_phone" ("tenant_id", "digits");`);

    this.addSql(
      `create table "customer_email" ("id" uuid not null, "tenant_id" uuid not null, "customer_id" uuid not null, "email_lower" varchar(128) not null, constraint "customer_email_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "customer_email_customer_id_index" on "customer_email" ("customer_id");`);
    this.addSql(`create index "customer_email_tenant_id_email_lower_index" on "customer_email" ("tenant_id", "email_lower");`);

    this.addSql(
      `create table "contact_record" ("id" uuid not null, "tenant_id" uuid not null, "customer_id" uuid null, "caller" varchar(64) not null, "called" varchar(64) not null, "channel" "channel" not null, "direction" "direction" not null, "user_id" varchar(128) not null default '', "skill_queue" varchar(100) not null default '', "agent" varchar(64) not null default '', "started_at" timestamptz not null, "ended_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "contact_record_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "contact_record_tenant_id_started_at_index" on "contact_record" ("tenant_id", "started_at");`);
    this.addSql(`create index "contact_record_customer_id_started_at_index" on "contact_record" ("customer_id", "started_at");`);

    this.addSql(
      `create table "address_option" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "value" varchar(80) not null, constraint "address_option_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "address_option_tenant_id_index" on "address_option" ("tenant_id");`);
    this.addSql(`alter table "address_option" add constraint "address_option_tenant_id_value_unique" unique ("tenant_id", "value");`);

    this.addSql(
      `create table "activity_field_definition" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "key" varchar(64) not null, "label" varchar(80) not null default '', "type" "field_type" not null, "required" boolean not null default false, "max_length" int not null default 255, constraint "activity_field_definition_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "activity_field_definition_tenant_id_index" on "activity_field_definition" ("tenant_id");`);
    this.addSql(`alter table "activity_field_definition" add constraint "activity_field_definition_tenant_id_key_unique" unique ("tenant_id", "key");`);

    this.addSql(
      `create table "activity" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "customer_id" uuid not null, "request_id" uuid null, "media_type" "channel" not null, "tags" text[] not null, "fields" jsonb not null, constraint "activity_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "activity_tenant_id_index" on "activity" ("tenant_id");`);
    this.addSql(`create index "activity_request_id_index" on "activity" ("request_id");`);
    this.addSql(`create index "activity_customer_id_created_at_index" on "activity" ("customer_id", "created_at");`);

    this.addSql(
      `create table "activity_comment" ("id" uuid not null, "tenant_id" uuid not null, "activity_id" uuid not null, "text" varchar(2000) not null, "author" varchar(64) not null, "at" timestamptz not null default now(), constraint "activity_comment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "activity_comment_activity_id_at_index" on "activity_comment" ("activity_id", "at");`);

    this.addSql(
      `alter table "customer" add constraint "customer_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "customer" add constraint "customer_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "customer_request" add constraint "customer_request_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "customer_request" add constraint "customer_request_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "customer_phone" add constraint "customer_phone_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "customer_phone" add constraint "customer_phone_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "customer_email" add constraint "customer_email_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "customer_email" add constraint "customer_email_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "contact_record" add constraint "contact_record_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "contact_record" add constraint "contact_record_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "address_option" add constraint "address_option_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "activity_field_definition" add constraint "activity_field_definition_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "activity" add constraint "activity_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_request_id_foreign" foreign key ("request_id") references "customer_request" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "activity_comment" add constraint "activity_comment_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "activity_comment" add constraint "activity_comment_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on update cascade on delete cascade;`,
    );

    // Hand-written: the per-tenant customer number counter and the per-employee recent customers.
    this.addSql(`alter table "tenant" add column "customer_number_seq" bigint not null default 10000000;`);
    this.addSql(
      `create table "recent_customer" ("employee_id" uuid not null references "employee" ("id") on delete cascade, "customer_id" uuid not null references "customer" ("id") on delete cascade, "opened_at" timestamptz not null default now(), primary key ("employee_id", "customer_id"));`,
    );
    this.addSql(`create index "recent_customer_employee_opened_index" on "recent_customer" ("employee_id", "opened_at" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recent_customer";`);
    this.addSql(`drop table if exists "activity_comment" cascade;`);
    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop table if exists "activity_field_definition" cascade;`);
    this.addSql(`drop table if exists "address_option" cascade;`);
    this.addSql(`drop table if exists "contact_record" cascade;`);
    this.addSql(`drop table if exists "customer_email" cascade;`);
    this.addSql(`drop table if exists "customer_phone" cascade;`);
    this.addSql(`drop table if exists "customer_request" cascade;`);
    this.addSql(`drop table if exists "customer" cascade;`);
    this.addSql(`alter table "tenant" drop column "customer_number_seq";`);
    this.addSql(`drop type if exists "channel";`);
    this.addSql(`drop type if exists "direction";`);
    this.addSql(`drop type if exists "field_type";`);
  }
}
