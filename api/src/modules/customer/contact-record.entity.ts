import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../../common/tenant.entity';
import { Channel, Direction } from './channel';
import { Customer } from './customer.entity';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

/** A call, chat or e-mail session pushed by an integration (SPEC §3); immutable once recorded. */
@ObjectType({ description: 'A call, chat or e-mail session pushed by an integration, matched to a customer; never changed once recorded' })
@Entity()
@Index({ properties: ['customer', 'startedAt'] })
@Index({ properties: ['tenant', 'startedAt'] })
@RowScope({
  subject: 'ContactRecord',
  ouField: 'customer.ou',
  menu: 'customer-center',
  operations: { create: 'record-contact', update: 'record-contact', delete: 'delete' },
})
export class ContactRecord {
  [OptionalProps]?: 'customerId' | 'createdAt' | 'userId' | 'skillQueue' | 'agent' | 'endedAt';

  @Field(() => ID, { description: 'Record id (a UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  /** Null until matched; a customer's deletion keeps its history, unmatched. */
  @ManyToOne(() => Customer, { nullable: true, deleteRule: 'set null' })
  customer?: Customer | null;

  @Field({ description: 'Calling number or sender address, as pushed (up to 64 characters)' })
  @Property({ length: 64 })
  caller!: string;

  @Field({ description: 'Called number (e.g. the hotline) or recipient address, as pushed (up to 64 characters)' })
  @Property({ length: 64 })
  called!: string;

  @Field(() => Channel, { description: 'Where the contact took place' })
  @Enum({ items: () => Channel, nativeEnumName: 'channel' })
  channel!: Channel;

  @Field(() => Direction, { description: 'INBOUND (the customer called) or OUTBOUND' })
  @Enum({ items: () => Direction, nativeEnumName: 'direction' })
  direction!: Direction;

  @Field({ description: 'The user id on the channel (e.g. a WhatsApp id)' })
  @Property({ length: 128 })
  userId: string = '';

  @Field({ description: 'The skill queue that served it, as named by the integration (empty: none)' })
  @Property({ length: 100 })
  skillQueue: string = '';

  @Field({ description: 'The agent who handled it, as named by the integration (empty: none)' })
  @Property({ length: 64 })
  agent: string = '';

  @Field(() => Date, { description: 'When the contact started' })
  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended; null while ongoing or not reported' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Field(() => Date, { description: 'When it was recorded' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => ID, { nullable: true, description: "The matched customer's id; null when unmatched or the customer was deleted" })
  @RefersTo('Customer')
  get customerId(): string | null {
    return this.customer?.id ?? null;
  }
}
