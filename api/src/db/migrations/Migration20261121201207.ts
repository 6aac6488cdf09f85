import { Migration } from '@mikro-orm/migrations';

/** Roles, OU grants, API clients, audit log, login throttling (issue 3). */
export class Migration20261121201207 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "role" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(64) not null, "description" varchar(255) not null default '', "permissions" text[] not null, constraint "role_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "role_tenant_id_index" on "role" ("tenant_id");`);

    this.addSql(
      `create table "employee_role" ("employee_id" uuid not null, "role_id" uuid not null, constraint "employee_role_pkey" primary key ("employee_id", "role_id"));`,
    );

    this.addSql(
      `create table "audit_entry" ("id" uuid not null, "tenant_id" uuid not null, "at" timestamptz not null default now(), "principal_kind" varchar(16) not null, "principal_id" uuid null, "principal_handle" varchar(64) not null, "operation" varchar(64) not null, "action" varchar(8) not null, "record_type" varchar(64) not null, "record_id" uuid not null, "ou_id" uuid null, "changes" jsonb not null, constraint "audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_entry_tenant_id_record_type_record_id_index" on "audit_entry" ("tenant_id", "record_type", "record_id");`);
    this.addSql(`create index "audit_entry_tenant_id_at_index" on "audit_entry" ("tenant_id", "at");`);

    this.addSql(
      `create table "api_client" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(80) not null, "description" varchar(255) not null default '', "client_id" varchar(40) not null, "secret_hash" text not null, "enabled" boolean not null default true, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "api_client_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "api_client_tenant_id_index" on "api_client" ("tenant_id");`);
    this.addSql(`alter table "api_client" add constraint "api_client_client_id_unique" unique ("client_id");`);

    this.addSql(
      `create table "ou_grant" ("id" uuid not null, "tenant_id" uuid not null, "employee_id" uuid null, "api_client_id" uuid null, "ou_id" uuid not null, "can_read" boolean not null, "can_write" boolean not null, constraint "ou_grant_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "ou_grant_employee_id_index" on "ou_grant" ("employee_id");`);
    this.addSql(`create index "ou_grant_api_client_id_index" on "ou_grant" ("api_client_id");`);
    this.addSql(`create index "ou_grant_ou_id_index" on "ou_grant" ("ou_id");`);

    this.addSql(
      `create table "api_client_role" ("api_client_id" uuid not null, "role_id" uuid not null, constraint "api_client_role_pkey" primary key ("api_client_id", "role_id"));`,
    );

    this.addSql(
      `alter table "role" add constraint "role_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "employee_role" add constraint "employee_role_employee_id_foreign" foreign key ("employee_id") references "employee" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "employee_role" add constraint "employee_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_client" add constraint "api_client_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "ou_grant" add constraint "ou_grant_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "ou_grant" add constraint "ou_grant_employee_id_foreign" foreign key ("employee_id") references "employee" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "ou_grant" add constraint "ou_grant_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "ou_grant" add constraint "ou_grant_ou_id_foreign" foreign key ("ou_id") references "org_unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_client_role" add constraint "api_client_role_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_client_role" add constraint "api_client_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "tenant" add column "authz_epoch" bigint not null default 0;`);

    // Hand-written below: what the entity decorators cannot express.
    // A role still assigned cannot be deleted (the service answers with a clear field error).
    this.addSql(`alter table "employee_role" drop constraint "employee_role_role_id_foreign";`);
    this.addSql(
      `alter table "employee_role" add constraint "employee_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`alter table "api_client_role" drop constraint "api_client_role_role_id_foreign";`);
    this.addSql(
      `alter table "api_client_role" add constraint "api_client_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`create index "employee_role_role_id_index" on "employee_role" ("role_id");`);
    this.addSql(`create index "api_client_role_role_id_index" on "api_client_role" ("role_id");`);
    this.addSql(`create unique index "role_name_lower_unique" on "role" ("tenant_id", lower("name"));`);
    // A grant belongs to exactly one holder, once per OU.
    this.addSql(`alter table "ou_grant" add constraint "ou_grant_one_holder" check (("employee_id" is null) <> ("api_client_id" is null));`);
    this.addSql(`create unique index "ou_grant_employee_ou_unique" on "ou_grant" ("employee_id", "ou_id") where "employee_id" is not null;`);
    this.addSql(`create unique index "ou_grant_client_ou_unique" on "ou_grant" ("api_client_id", "ou_id") where "api_client_id" is not null;`);
    this.addSql(`create index "audit_entry_tenant_id_principal_id_index" on "audit_entry" ("tenant_id", "principal_id");`);
    // Failed sign-ins per (account or client id, client address), shared by all replicas.
    this.addSql(
      `create table "login_throttle" ("subject" text not null, "address" text not null, "failures" int not null default 0, "locked_until" timestamptz null, "updated_at" timestamptz not null default now(), constraint "login_throttle_pkey" primary key ("subject", "address"));`,
    );
    // Audit entries are never changed: not by the API, not by a bug.
    this.addSql(
      `create function "audit_entry_immutable"() returns trigger language plpgsql as $$ begin raise exception 'audit entries cannot be changed or deleted'; end $$;`,
    );
    this.addSql(`create trigger "audit_entry_immutable" before update or delete on "audit_entry" for each row execute function "audit_entry_immutable"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "employee_role" drop constraint "employee_role_role_id_foreign";`);

    this.addSql(`alter table "api_client_role" drop constraint "api_client_role_role_id_foreign";`);

    this.addSql(`alter table "ou_grant" drop constraint "ou_grant_api_client_id_foreign";`);

    this.addSql(`alter table "api_client_role" drop constraint "api_client_role_api_client_id_foreign";`);

    this.addSql(`drop table if exists "role" cascade;`);

    this.addSql(`drop table if exists "employee_role" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "api_client" cascade;`);

    this.addSql(`drop table if exists "ou_grant" cascade;`);

    this.addSql(`drop table if exists "api_client_role" cascade;`);

    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(`drop function if exists "audit_entry_immutable"() cascade;`);

    this.addSql(`alter table "tenant" drop column "authz_epoch";`);
  }
}
