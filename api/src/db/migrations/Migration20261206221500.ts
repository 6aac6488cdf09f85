import { Migration } from '@mikro-orm/migrations';

/** The phone tail's first seven digits as an equality (customer-contact.entity.ts). */
export class Migration20261206221500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "customer_phone_tail_index" on "customer_phone" (left("digits_rev", 7), "tenant_id");`);
    // The expression's statistics: without them the planner guesses a tail matches 0.5% of all
    // phones, and the lookup would never be given its one plan.
    this.addSql(`analyze "customer_phone";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "customer_phone_tail_index";`);
  }
}
