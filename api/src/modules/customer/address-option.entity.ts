import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';

/** One entry of the tenant's address drop-down (SPEC §3 `address`). */
@ObjectType()
@Entity()
@Unique({ properties: ['tenant', 'value'] })
export class AddressOption extends TenantOwned {
  @Field()
  @Property({ length: 80 })
  value!: string;
}
