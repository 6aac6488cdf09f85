import { Migration } from '@mikro-orm/migrations';

export class Migration20261202072613 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "work_time_exception" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "channel_id" uuid not null, "date" date not null, "closed" boolean not null default false, "segments" jsonb not null, "note" varchar(200) not null default '', constraint "work_time_exception_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "work_time_exception_tenant_id_index" on "work_time_exception" ("tenant_id");`);
    this.addSql(`create index "work_time_exception_tenant_id_date_index" on "work_time_exception" ("tenant_id", "date");`);
    this.addSql(`create unique index "work_time_exception_channel_date_unique" on "work_time_exception" ("channel_id", "date");`);

    this.addSql(
      `alter table "work_time_exception" add constraint "work_time_exception_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "work_time_exception" add constraint "work_time_exception_channel_id_foreign" foreign key ("channel_id") references "web_channel" ("id") on update cascade on delete cascade;`,
    );

    // The dated exceptions kept in each channel's work time become rows, and leave the JSON.
    this.addSql(`insert into "work_time_exception" ("id", "tenant_id", "channel_id", "date", "closed", "segments", "note")
      select gen_random_uuid(), c.tenant_id, c.id, (e->>'date')::date, coalesce((e->>'closed')::boolean, false),
             coalesce(e->'segments', '[]'::jsonb), left(coalesce(e->>'note', ''), 200)
        from "web_channel" c cross join lateral jsonb_array_elements(coalesce(c.work_time->'exceptions', '[]'::jsonb)) e
      on conflict ("channel_id", "date") do nothing;`);
    this.addSql(`update "web_channel" set "work_time" = "work_time" - 'exceptions';`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "web_channel" c set "work_time" = c."work_time" || jsonb_build_object('exceptions', coalesce((
        select jsonb_agg(jsonb_build_object('date', to_char(x."date", 'YYYY-MM-DD'), 'closed', x."closed", 'segments', x."segments", 'note', nullif(x."note", '')) order by x."date")
          from "work_time_exception" x where x."channel_id" = c."id"), '[]'::jsonb));`);
    this.addSql(`drop table if exists "work_time_exception" cascade;`);
  }
}
