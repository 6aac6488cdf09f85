import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../tenant/tenant.entity';
import { Channel, Direction } from './channel';
import { Customer } from './customer.entity';

/** A call, chat or e-mail session pushed by an integration (SPEC §3); immutable once recorded. */
@ObjectType()
@Entity()
@Index({ properties: ['customer', 'startedAt'] })
@Index({ properties: ['tenant', 'startedAt'] })
export class ContactRecord {
  [OptionalProps]?: 'customerId' | 'createdAt' | 'userId' | 'skillQueue' | 'agent' | 'endedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  /** Null until matched; a customer's deletion keeps its history, unmatched. */
  @ManyToOne(() => Customer, { nullable: true, deleteRule: 'set null' })
  customer?: Customer | null;

  @Field()
  @Property({ length: 64 })
  caller!: string;

  @Field()
  @Property({ length: 64 })
  called!: string;

  @Field(() => Channel)
  @Enum({ items: () => Channel, nativeEnumName: 'channel' })
  channel!: Channel;

  @Field(() => Direction)
  @Enum({ items: () => Direction, nativeEnumName: 'direction' })
  direction!: Direction;

  @Field({ description: 'The user id on the channel (e.g. a WhatsApp id)' })
  @Property({ length: 128 })
  userId: string = '';

  @Field()
  @Property({ length: 100 })
  skillQueue: string = '';

  @Field({ description: 'The agent who handled it' })
  @Property({ length: 64 })
  agent: string = '';

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => ID, { nullable: true })
  get customerId(): string | null {
    return this.customer?.id ?? null;
  }
}
