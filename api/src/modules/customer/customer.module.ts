import type { ModuleManifest } from '../../common/module';
import { AddressOption } from './address-option.entity';
import { ContactRecord } from './contact-record.entity';
import { CustomerEmail, CustomerPhone } from './customer-contact.entity';
import { Customer } from './customer.entity';
import { addressOptions, ContactRecordFieldsResolver, CustomerCrudResolver, CustomerFieldsResolver } from './customer.resolver';
import { RecentCustomer } from './recent-customer.entity';

/** The customer center: customers, their lookups, address options, contact records, recent customers. */
export const customerModule: ModuleManifest = {
  name: 'customer',
  entities: [Customer, CustomerPhone, CustomerEmail, AddressOption, ContactRecord, RecentCustomer],
  resolvers: [CustomerCrudResolver, CustomerFieldsResolver, ContactRecordFieldsResolver, addressOptions.resolver],
};
