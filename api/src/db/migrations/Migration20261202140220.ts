import { Migration } from '@mikro-orm/migrations';

export class Migration20261202140220 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "customer_import_state" as enum ('RUNNING', 'DONE', 'FAILED');`);
    this.addSql(
      `create table "customer_import" ("id" uuid not null, "tenant_id" uuid not null, "started_by_id" uuid not null, "file_name" varchar(255) not null, "default_ou_id" uuid null, "state" "customer_import_state" not null default 'RUNNING', "file_size" bigint not null, "bytes_read" bigint not null default 0, "rows" int not null default 0, "imported" int not null default 0, "duplicates" int not null default 0, "rejected" int not null default 0, "error" text null, "started_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "finished_at" timestamptz null, constraint "customer_import_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "customer_import_tenant_id_started_by_id_started_at_index" on "customer_import" ("tenant_id", "started_by_id", "started_at");`);

    this.addSql(
      `create table "customer_import_rejection" ("customer_import_id" uuid not null, "line" int not null, "field" varchar(64) not null, "reason" text not null, "cells" jsonb not null, constraint "customer_import_rejection_pkey" primary key ("customer_import_id", "line", "field"));`,
    );

    this.addSql(
      `alter table "customer_import" add constraint "customer_import_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "customer_import_rejection" add constraint "customer_import_rejection_customer_import_id_foreign" foreign key ("customer_import_id") references "customer_import" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customer_import_rejection" drop constraint "customer_import_rejection_customer_import_id_foreign";`);

    this.addSql(`drop table if exists "customer_import" cascade;`);

    this.addSql(`drop table if exists "customer_import_rejection" cascade;`);

    this.addSql(`drop type "customer_import_state";`);
  }
}
