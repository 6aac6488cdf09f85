import { Migration } from '@mikro-orm/migrations';

/**
 * Token revocation (issue 7): every principal row carries a credential version that its tokens
 * must match. A trigger bumps it whenever a credential or the sign-in state changes, so no code
 * path (API, CLI, import, a future service) can change a password or re-enable an account and
 * leave the old tokens alive.
 */
export class Migration20261201200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "employee" add column "credential_version" int not null default 0;`);
    this.addSql(`alter table "api_client" add column "credential_version" int not null default 0;`);
    this.addSql(`create function bump_employee_credential_version() returns trigger language plpgsql as $$
      begin
        if new.password_hash is distinct from old.password_hash or new.enabled is distinct from old.enabled then
          new.credential_version := old.credential_version + 1;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger employee_credential_version before update on "employee"
      for each row execute function bump_employee_credential_version();`);
    this.addSql(`create function bump_api_client_credential_version() returns trigger language plpgsql as $$
      begin
        if new.secret_hash is distinct from old.secret_hash or new.enabled is distinct from old.enabled
           or new.revoked_at is distinct from old.revoked_at then
          new.credential_version := old.credential_version + 1;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger api_client_credential_version before update on "api_client"
      for each row execute function bump_api_client_credential_version();`);
  }
}
