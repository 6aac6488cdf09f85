import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Employee } from '../identity/employee.entity';
import { Customer } from './customer.entity';

/** The customers an employee opened last (the last RECENT_CUSTOMERS, see recent.service.ts); used through SQL. */
@Entity({ tableName: 'recent_customer' })
@Index({
  name: 'recent_customer_employee_opened_index',
  expression: 'create index "recent_customer_employee_opened_index" on "recent_customer" ("employee_id", "opened_at" desc)',
})
export class RecentCustomer {
  @ManyToOne('Employee', { primary: true, deleteRule: 'cascade' })
  employee!: Employee;

  @ManyToOne(() => Customer, { primary: true, deleteRule: 'cascade' })
  customer!: Customer;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  openedAt!: Date;
}
