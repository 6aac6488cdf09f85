import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Customer } from '../customer/customer.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

export enum RequestStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description: 'Whether a customer request is still being worked on',
  valuesConfig: {
    OPEN: { description: 'Not closed by hand, and updated or given an activity within the auto-close period' },
    CLOSED: { description: 'Closed by hand, or automatically once the auto-close period passed without an update or activity' },
  },
});

/** How long a request stays open after the last update of it or of any of its activities. */
export const AUTO_CLOSE_DAYS = 5;

/**
 * A customer's intent (SPEC §4). Its status is derived when read: closed explicitly, or
 * AUTO_CLOSE_DAYS after `lastActivityAt`; no background job is needed for queries to be right.
 */
@ObjectType({
  description: `A customer's intent (e.g. an invoice question) grouping activities; closes ${AUTO_CLOSE_DAYS} days after its last update or activity`,
})
@Entity({ tableName: 'customer_request' })
@Index({ properties: ['customer', 'lastActivityAt'] })
// Requests, activities and comments share one subject, scoped by their customer's OU; its rules are declared here.
@RowScope({ subject: 'CustomerContext', ouField: 'customer.ou', menu: 'customer-context', operations: { create: 'edit', delete: 'edit' } })
export class CustomerRequest extends TenantOwned<'description' | 'closedAt' | 'lastActivityAt' | 'customerId' | 'status'> {
  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Customer;

  @Sortable()
  @Field({ description: 'Short statement of the intent, 1 to 200 characters' })
  @Property({ length: 200 })
  title!: string;

  @Field({ description: 'Details, up to 2000 characters (empty: none)' })
  @Property({ length: 2000 })
  description: string = '';

  /** Set when closed by hand; auto-closing needs no write. */
  @Field(() => Date, { nullable: true, description: 'When it was closed by hand; null when open or closed only by time' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null = null;

  /** The last update of the request or of any of its activities. */
  @Sortable()
  @Field(() => Date, { description: 'The last update of the request or of any of its activities; auto-closing counts from it' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  lastActivityAt: Date = new Date();

  @Field(() => ID, { description: "The customer's id" })
  @RefersTo('Customer')
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => RequestStatus, { description: 'OPEN or CLOSED, as of now (auto-closing included)' })
  get status(): RequestStatus {
    return statusOf(this.closedAt ?? null, this.lastActivityAt);
  }
}

export function statusOf(closedAt: Date | null, lastActivityAt: Date, now = Date.now()): RequestStatus {
  if (closedAt) return RequestStatus.CLOSED;
  return now - lastActivityAt.getTime() >= AUTO_CLOSE_DAYS * 86_400_000 ? RequestStatus.CLOSED : RequestStatus.OPEN;
}
