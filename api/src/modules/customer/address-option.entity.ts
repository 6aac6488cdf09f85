import { Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Sortable } from '../../common/sortable';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';

/** One entry of the tenant's address drop-down (SPEC §3 `address`). */
@ObjectType({ description: "One entry of the tenant's address drop-down, offered for a customer's address" })
@Entity()
@Unique({ properties: ['tenant', 'value'] })
@RowScope({ subject: 'AddressOption', menu: 'customer-center', operations: { create: 'edit-contacts', update: 'edit-contacts', delete: 'edit-contacts' } })
export class AddressOption extends TenantOwned {
  @Sortable()
  @Searchable()
  @Field({ description: 'The address text, 1 to 80 characters, unique in the tenant' })
  @Property({ length: 80 })
  value!: string;
}
