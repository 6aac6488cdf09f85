import { ArrayType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Channel } from '../customer/channel';
import { Customer } from '../customer/customer.entity';
import { CustomerRequest } from './request.entity';

/** One interaction with a customer (SPEC §4), optionally part of a request. */
@ObjectType()
@Entity()
@Index({ properties: ['customer', 'createdAt'] })
export class Activity extends TenantOwned<'tags' | 'fields' | 'request' | 'customerId' | 'requestId'> {
  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  customer!: Customer;

  @ManyToOne(() => CustomerRequest, { nullable: true, deleteRule: 'set null', index: true })
  request?: CustomerRequest | null = null;

  @Field(() => Channel)
  @Enum({ items: () => Channel, nativeEnumName: 'channel' })
  mediaType!: Channel;

  @Field(() => [String])
  @Property({ type: ArrayType, columnType: 'text[]' })
  tags: string[] = [];

  @Field(() => GraphQLJSONObject, { description: "Key/value data, checked against the tenant's activity field definitions" })
  @Property({ type: 'jsonb' })
  fields: Record<string, unknown> = {};

  @Field(() => ID)
  get customerId(): string {
    return this.customer.id;
  }

  @Field(() => ID, { nullable: true })
  get requestId(): string | null {
    return this.request?.id ?? null;
  }
}
