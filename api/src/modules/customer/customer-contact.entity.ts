import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Tenant } from '../../common/tenant.entity';
import { Customer } from './customer.entity';
import { RowScope } from '../../common/row-scope';

/** A lookup row of one customer: not exposed, rewritten whenever the customer's phones or e-mails change. */
@RowScope()
abstract class CustomerLookup {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  @ManyToOne(() => Customer, { deleteRule: 'cascade', index: true })
  customer!: Customer;
}

/** A customer's phone in lookup form (the customer keeps the phone as entered). */
@Entity()
// Digits first: a number is selective across all tenants, so the planner picks these indexes
// even for a freshly loaded tenant it has no statistics for (tenant-first ones it may not).
@Index({ name: 'customer_phone_digits_index', expression: 'create index "customer_phone_digits_index" on "customer_phone" ("digits", "tenant_id")' })
@Index({
  name: 'customer_phone_digits_rev_index',
  expression: 'create index "customer_phone_digits_rev_index" on "customer_phone" ("digits_rev" text_pattern_ops, "tenant_id")',
})
// A tail's first digits as an equality: a lookup's statement then plans as well without its
// values as with them, and PostgreSQL keeps one plan instead of planning each call (issue 15).
@Index({
  name: 'customer_phone_tail_index',
  expression: 'create index "customer_phone_tail_index" on "customer_phone" (left("digits_rev", 7), "tenant_id")',
})
export class CustomerPhone extends CustomerLookup {
  @Property({ length: 20 })
  raw!: string;

  @Property({ length: 24 })
  normalized!: string;

  @Property({ length: 20 })
  digits!: string;

  /** Digits reversed: a suffix search becomes an indexable prefix search. */
  @Property({ length: 20 })
  digitsRev!: string;
}

/** A customer's e-mail in lookup form (lower case). */
@Entity()
@Index({ properties: ['tenant', 'emailLower'] })
export class CustomerEmail extends CustomerLookup {
  @Property({ length: 128 })
  emailLower!: string;
}
