import { Migration } from '@mikro-orm/migrations';

export class Migration20261202075729 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "tenant_answer_mode" as enum ('AUTOMATIC', 'MANUAL');`);
    this.addSql(
      `create type "agent_parameter_name" as enum ('calloutCaller', 'answerMode', 'openEyeIntegration', 'openEyeVideoDisplay', 'webrtcAutoRegister', 'queueSignInMode');`,
    );
    this.addSql(`create type "agent_parameter_sync_state" as enum ('SAVED', 'SYNCED');`);
    this.addSql(
      `create table "agent_parameter" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "agent_id" uuid not null, "name" "agent_parameter_name" not null, "value" varchar(40) not null, "sync_state" "agent_parameter_sync_state" not null default 'SAVED', constraint "agent_parameter_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "agent_parameter_tenant_id_index" on "agent_parameter" ("tenant_id");`);
    this.addSql(`alter table "agent_parameter" add constraint "agent_parameter_agent_id_name_unique" unique ("agent_id", "name");`);

    this.addSql(
      `alter table "agent_parameter" add constraint "agent_parameter_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "agent_parameter" add constraint "agent_parameter_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "tenant" add column "answer_mode" "tenant_answer_mode" not null default 'AUTOMATIC', add column "open_eye_integration" boolean not null default false;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_parameter" cascade;`);

    this.addSql(`alter table "tenant" drop column "answer_mode", drop column "open_eye_integration";`);

    this.addSql(`drop type "tenant_answer_mode";`);
    this.addSql(`drop type "agent_parameter_name";`);
    this.addSql(`drop type "agent_parameter_sync_state";`);
  }
}
