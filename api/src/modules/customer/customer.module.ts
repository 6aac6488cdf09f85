import type { ModuleManifest } from '../../common/module';
import { AddressOption } from './address-option.entity';
import { ContactRecord } from './contact-record.entity';
import { CustomerEmail, CustomerPhone } from './customer-contact.entity';
import { Customer } from './customer.entity';
import { addressOptions, ContactRecordFieldsResolver, CustomerCrudResolver, CustomerFieldsResolver } from './customer.resolver';
import { RecentCustomer } from './recent-customer.entity';
import { CustomerImport, CustomerImportRejection } from './import/customer-import.entity';
import { CustomerImportRejectionResolver, CustomerImportResolver } from './import/customer-import.resolver';
import { customerImportEndpoint } from './import/import.endpoint';

/** The customer center: customers, their lookups, address options, contact records, recent customers, console imports. */
export const customerModule: ModuleManifest = {
  name: 'customer',
  entities: [Customer, CustomerPhone, CustomerEmail, AddressOption, ContactRecord, RecentCustomer, CustomerImport, CustomerImportRejection],
  resolvers: [
    CustomerCrudResolver,
    CustomerFieldsResolver,
    ContactRecordFieldsResolver,
    addressOptions.resolver,
    CustomerImportResolver,
    CustomerImportRejectionResolver,
  ],
  endpoints: [customerImportEndpoint],
};
