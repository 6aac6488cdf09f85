import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../base/context';
import { OrgUnit } from '../org/org-unit.entity';
import { OrgUnitService } from '../org/org-unit.service';
import { AddressOption } from './address-option.entity';
import { AddressOptionFields, AddressOptionFilter } from './address-option.inputs';
import { defineResource } from '../../common/resource';
import { ContactRecord } from './contact-record.entity';
import { ContactRecordService, HISTORY_LIMIT, LATEST_CONTACTS } from './contact-record.service';
import { Customer } from './customer.entity';
import { CreateCustomerArgs, CustomerFilter, UpdateCustomerArgs } from './customer.inputs';
import { CustomerService } from './customer.service';
import { openCustomer, RECENT_CUSTOMERS, recentCustomers } from './recent.service';
import { ListSize } from '../../base/list-size';
import { RefersTo, WithinTenantDays } from '../../common/validation';

export const CustomerCrudResolver = createCrudResolver({
  name: 'Customer',
  type: Customer,
  filter: CustomerFilter,
  createArgs: CreateCustomerArgs,
  updateArgs: UpdateCustomerArgs,
  service: (ctx) => new CustomerService(ctx),
});

/** The tenant's address drop-down: wholly declared (entity, fields, this). */
export const addressOptions = defineResource({
  name: 'AddressOption',
  entity: AddressOption,
  label: 'Address option',
  filter: AddressOptionFilter,
  fields: AddressOptionFields,
  required: ['value'],
  defaultSort: { value: 'ASC' },
});

@Resolver(() => Customer)
export class CustomerFieldsResolver {
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The OU, when the caller may read it' })
  ou(@Root() c: Customer, @Ctx() ctx: Context) {
    return c.ouId ? new OrgUnitService(ctx).loader().load(c.ouId) : null;
  }

  @FieldResolver(() => [ContactRecord], { description: 'The newest five contact records, newest first' })
  @ListSize(LATEST_CONTACTS)
  latestContacts(@Root() c: Customer, @Ctx() ctx: Context) {
    return new ContactRecordService(ctx).latestLoader().load(c.id);
  }

  @Requires('customer-center:view')
  @Query(() => [ContactRecord], {
    description: `A customer's contact records within the tenant's contactRecordSpanDays, newest first (at most ${HISTORY_LIMIT})`,
  })
  @ListSize(HISTORY_LIMIT)
  contactHistory(
    @Arg('customerId', () => ID, { description: 'The customer' }) @RefersTo('Customer') customerId: string,
    @Arg('from', () => Date, { nullable: true, description: 'From this time (inclusive; default and earliest: contactRecordSpanDays ago); before `to`' })
    @WithinTenantDays('contactRecordSpanDays')
    from: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Before this time (exclusive); default no end' }) to: Date | null,
    @Ctx() ctx: Context,
  ) {
    return new ContactRecordService(ctx).history(customerId, from, to);
  }

  @Requires('customer-center:view')
  @Mutation(() => Customer, { description: "Opens a customer card: returns it and records it among the caller's recent customers" })
  openCustomer(@Arg('id', () => ID, { description: 'The customer to open' }) id: string, @Ctx() ctx: Context) {
    return openCustomer(ctx, id);
  }

  @Requires('customer-center:view')
  @Query(() => [Customer], { description: 'The 10 customers the caller opened most recently (that it may still read)' })
  @ListSize(RECENT_CUSTOMERS)
  recentCustomers(@Ctx() ctx: Context) {
    return recentCustomers(ctx);
  }
}

@Resolver(() => ContactRecord)
export class ContactRecordFieldsResolver {
  @FieldResolver(() => Customer, { nullable: true, description: 'The matched customer, when the caller may read it' })
  customer(@Root() r: ContactRecord, @Ctx() ctx: Context) {
    return r.customerId ? new CustomerService(ctx).loader().load(r.customerId) : null;
  }
}
