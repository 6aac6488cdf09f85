import { Migration } from '@mikro-orm/migrations';

export class Migration20261202071502 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "agent_state_value" as enum ('SIGNED_OUT', 'IDLE', 'BUSY', 'WRAP_UP');`);
    this.addSql(
      `create table "agent_state" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "agent_id" uuid not null, "state" "agent_state_value" not null, "signed_in_queue_ids" uuid[] not null, constraint "agent_state_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "agent_state_tenant_id_index" on "agent_state" ("tenant_id");`);
    this.addSql(`alter table "agent_state" add constraint "agent_state_agent_id_unique" unique ("agent_id");`);

    this.addSql(
      `alter table "agent_state" add constraint "agent_state_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "agent_state" add constraint "agent_state_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_state" cascade;`);

    this.addSql(`drop type "agent_state_value";`);
  }
}
