import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One sign-in failure counter (see LoginThrottle): an (account, address) pair, an account across
 * all addresses (address ''), or an address across all accounts (subject ''). Used through SQL
 * only; declared so the model describes the whole database.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottleCounter {
  @Enum({ items: ['pair', 'account', 'address'], primary: true })
  scope!: 'pair' | 'account' | 'address';

  @PrimaryKey({ type: 'text' })
  subject!: string;

  @PrimaryKey({ type: 'text' })
  address!: string;

  @Property({ type: 'int' })
  failures!: number;

  @Property({ type: 'timestamptz' })
  windowStartedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;
}
