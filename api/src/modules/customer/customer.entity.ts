import { ArrayType, Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { OuOwned } from '../org/ou-owned.entity';
import { Gender } from '../identity/employee.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';

/**
 * A customer of the tenant (SPEC §3). Phones and e-mails are kept as entered here, and in
 * normalized lookup tables (customer_phone, customer_email) for call-time matching.
 */
@ObjectType({ description: 'A customer of the tenant: contact details found by phone or e-mail at call time, owned by an OU or Unorganized' })
@Entity()
@Unique({ properties: ['tenant', 'customerNumber'] })
@RowScope({ subject: 'Customer', ouField: 'ou', menu: 'customer-center', operations: { update: 'edit-contacts' } })
export class Customer extends OuOwned<'name' | 'gender' | 'phones' | 'emails' | 'company' | 'address' | 'addressDetail' | 'remark'> {
  @Sortable()
  @Field({ description: 'Numeric, unique in the tenant, assigned by the server' })
  @Property({ length: 20 })
  customerNumber!: string;

  @Sortable()
  @Field({ description: 'Name, up to 80 characters (empty: not known)' })
  @Property({ length: 80 })
  name: string = '';

  @Field(() => Gender, { description: 'As known (default UNKNOWN)' })
  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  gender: Gender = Gender.UNKNOWN;

  @Field(() => [String], { description: 'Phone numbers as entered, at most 5; found in any format at call time' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  phones: string[] = [];

  @Field(() => [String], { description: 'E-mail addresses, at most 2; found ignoring case' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  emails: string[] = [];

  @Sortable()
  @Field({ description: 'Company, up to 80 characters (empty: none)' })
  @Property({ length: 80 })
  company: string = '';

  @Field({ description: "One of the tenant's address options (empty: none)" })
  @Property({ length: 80 })
  address: string = '';

  @Field({ description: 'The rest of the address (street, building), up to 80 characters' })
  @Property({ length: 80 })
  addressDetail: string = '';

  @Field({ description: 'Free note, up to 80 characters' })
  @Property({ length: 80 })
  remark: string = '';
}
