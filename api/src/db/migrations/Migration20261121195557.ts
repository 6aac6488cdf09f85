import { Migration } from '@mikro-orm/migrations';

/** Tenants, the OU tree and employees (issue 2). */
export class Migration20261121195557 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "two_factor_method" as enum ('NONE', 'SMS', 'EMAIL');`);
    this.addSql(`create type "gender" as enum ('MALE', 'FEMALE', 'UNKNOWN');`);
    this.addSql(
      `create table "tenant" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "name" varchar(100) not null, "inter_org_isolation" boolean not null default true, "unified_customer_contact" boolean not null default true, "contact_record_span_days" smallint not null default 30, "max_concurrent_sessions" smallint not null default 0, "intelligent_form_filling" boolean not null default false, "two_factor_method" "two_factor_method" not null default 'NONE', "quota_audio_agents" int not null default 0, "quota_video_agents" int not null default 0, "quota_multimedia_agents" int not null default 0, "quota_versatile_agents" int not null default 0, "quota_intelligent_agents" int not null default 0, constraint "tenant_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "tenant" add constraint "tenant_code_unique" unique ("code");`);

    this.addSql(
      `create table "org_unit" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(100) not null, "parent_id" uuid null, "path" text not null, constraint "org_unit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "org_unit_tenant_id_index" on "org_unit" ("tenant_id");`);
    this.addSql(`create index "org_unit_parent_id_index" on "org_unit" ("parent_id");`);
    this.addSql(`create index "org_unit_tenant_id_path_index" on "org_unit" ("tenant_id", "path");`);

    this.addSql(
      `create table "employee" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "account" varchar(64) not null, "name" varchar(80) not null, "gender" "gender" not null default 'UNKNOWN', "phone" varchar(20) not null default '', "email" varchar(128) not null default '', "position" varchar(80) not null default '', "manager_id" uuid null, "home_ou_id" uuid null, "password_hash" text not null, "is_tenant_admin" boolean not null default false, "enabled" boolean not null default true, "must_change_password" boolean not null default false, constraint "employee_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "employee_tenant_id_index" on "employee" ("tenant_id");`);
    this.addSql(`create index "employee_home_ou_id_index" on "employee" ("home_ou_id");`);

    // Hand-written: uniqueness the entity decorators cannot express.
    // Accounts are unique across tenants, case-insensitively (login matches the same way).
    this.addSql(`create unique index "employee_account_lower_unique" on "employee" (lower("account"));`);
    // OU names are unique among siblings (case-insensitively); top-level OUs are siblings too.
    this.addSql(`create unique index "org_unit_sibling_name_unique" on "org_unit" ("tenant_id", "parent_id", lower("name")) nulls not distinct;`);

    this.addSql(
      `alter table "org_unit" add constraint "org_unit_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "org_unit" add constraint "org_unit_parent_id_foreign" foreign key ("parent_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "employee" add constraint "employee_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "employee" add constraint "employee_manager_id_foreign" foreign key ("manager_id") references "employee" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "employee" add constraint "employee_home_ou_id_foreign" foreign key ("home_ou_id") references "org_unit" ("id") on update cascade on delete restrict;`,
    );
  }
}
