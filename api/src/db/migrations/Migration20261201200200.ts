import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in throttling on both sides (issue 7): one counter per scope — an (account, address)
 * pair, an account across all addresses (address ''), an address across all accounts
 * (subject '') — each counting the failures of one window and locking its scope until
 * `locked_until`. The counters are transient: the old pair counters are dropped, not
 * converted (at worst a lock ends early).
 */
export class Migration20261201200200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(`create table "login_throttle" (
      "scope" text not null check ("scope" in ('pair', 'account', 'address')),
      "subject" text not null,
      "address" text not null,
      "failures" int not null,
      "window_started_at" timestamptz not null,
      "locked_until" timestamptz null,
      constraint "login_throttle_pkey" primary key ("scope", "subject", "address"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(
      `create table "login_throttle" ("subject" text not null, "address" text not null, "failures" int not null default 0, "locked_until" timestamptz null, "updated_at" timestamptz not null default now(), constraint "login_throttle_pkey" primary key ("subject", "address"));`,
    );
  }
}
