import { ArrayType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Channel } from '../customer/channel';
import { ContactRecord } from '../customer/contact-record.entity';
import { Customer } from '../customer/customer.entity';
import { CustomerRequest } from './request.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

/** One interaction with a customer (SPEC §4), optionally part of a request. */
@ObjectType({ description: 'One interaction with a customer (a call, chat, e-mail...), optionally part of one of its requests' })
@Entity()
// The customer's journey: newest first, keyset-paged on (createdAt, id).
@Index({ properties: ['customer', 'createdAt', 'id'] })
@RowScope({ subject: 'CustomerContext', ouField: 'customer.ou' })
export class Activity extends TenantOwned<'tags' | 'fields' | 'request' | 'customerId' | 'requestId' | 'contactRecord' | 'contactRecordId'> {
  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Customer;

  @ManyToOne(() => CustomerRequest, { nullable: true, deleteRule: 'set null', index: true })
  request?: CustomerRequest | null = null;

  /** The contact it was recorded from (one activity per contact record); kept when the record is deleted. */
  @ManyToOne(() => ContactRecord, { nullable: true, deleteRule: 'set null', unique: true })
  contactRecord?: ContactRecord | null = null;

  @Sortable()
  @Field(() => Channel, { description: 'The channel of the interaction' })
  @Enum({ items: () => Channel, nativeEnumName: 'channel' })
  mediaType!: Channel;

  @Field(() => [String], { description: 'Free labels, at most 20 of 1 to 40 characters' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  tags: string[] = [];

  @Field(() => GraphQLJSONObject, { description: "Key/value data, checked against the tenant's activity field definitions" })
  @Property({ type: 'jsonb' })
  fields: Record<string, unknown> = {};

  @Field(() => ID, { description: "The customer's id" })
  @RefersTo('Customer')
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => ID, { nullable: true, description: 'Id of the contact record it was recorded from; null for one entered by hand' })
  get contactRecordId(): string | null {
    return this.contactRecord?.id ?? null;
  }

  @Field(() => ID, { nullable: true, description: 'Id of the request it belongs to; null for none' })
  @RefersTo('CustomerRequest')
  get requestId(): string | null {
    return this.request?.id ?? null;
  }
}
