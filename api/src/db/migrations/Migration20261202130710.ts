import { Migration } from '@mikro-orm/migrations';

export class Migration20261202130710 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "event_sequence" ("tenant_id" uuid not null, "last_seq" bigint not null default 0, "pruned_through" bigint not null default 0, constraint "event_sequence_pkey" primary key ("tenant_id"));`,
    );

    this.addSql(
      `create table "event_outbox" ("id" bigserial primary key, "tenant_id" uuid not null, "seq" bigint null, "pos" bigint null, "resource" varchar(64) not null, "subject" varchar(64) not null, "type" varchar(8) not null, "record_id" uuid not null, "ou_ids" jsonb not null, "topics" jsonb not null, "created_at" timestamptz not null default now(), "assigned_at" timestamptz null);`,
    );
    this.addSql(`alter table "event_outbox" add constraint "event_outbox_pos_unique" unique ("pos");`);
    this.addSql(`create index "event_outbox_assigned_at_index" on "event_outbox" ("assigned_at");`);
    this.addSql(`alter table "event_outbox" add constraint "event_outbox_tenant_id_seq_unique" unique ("tenant_id", "seq");`);

    this.addSql(
      `alter table "event_sequence" add constraint "event_sequence_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "event_outbox" add constraint "event_outbox_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );

    // Written by hand (entities cannot declare a free-standing sequence): the relay draws each
    // assigned row's position from it, in order, under its assignment lock.
    this.addSql(`create sequence "event_outbox_pos_seq";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_sequence" cascade;`);

    this.addSql(`drop table if exists "event_outbox" cascade;`);
    this.addSql(`drop sequence if exists "event_outbox_pos_seq";`);
  }
}
