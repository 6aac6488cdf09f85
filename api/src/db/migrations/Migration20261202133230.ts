import { Migration } from '@mikro-orm/migrations';

export class Migration20261202133230 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "agent_state" add column "phone_states" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agent_state" drop column "phone_states";`);
  }
}
