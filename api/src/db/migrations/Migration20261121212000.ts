import { Migration } from '@mikro-orm/migrations';

/**
 * Phone lookup indexes lead with the digits: with tenant_id first, a tenant without statistics
 * (e.g. just after a large import) could be answered by scanning all its phones.
 */
export class Migration20261121212000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists "customer_phone_tenant_id_digits_index";`);
    this.addSql(`drop index if exists "customer_phone_digits_rev_index";`);
    this.addSql(`create index "customer_phone_digits_index" on "customer_phone" ("digits", "tenant_id");`);
    this.addSql(`create index "customer_phone_digits_rev_index" on "customer_phone" ("digits_rev" text_pattern_ops, "tenant_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "customer_phone_digits_index";`);
    this.addSql(`drop index if exists "customer_phone_digits_rev_index";`);
    this.addSql(`create index "customer_phone_tenant_id_digits_index" on "customer_phone" ("tenant_id", "digits");`);
    this.addSql(`create index "customer_phone_digits_rev_index" on "customer_phone" ("tenant_id", "digits_rev" text_pattern_ops);`);
  }
}
