import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CrudService } from '../../common/crud';
import { applyArgs } from '../../common/fields';
import { escapeLike } from '../../common/sql';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { badInput } from '../../base/errors';
import { Tenant } from '../../common/tenant.entity';
import { CustomerEmail, CustomerPhone } from './customer-contact.entity';
import { Customer } from './customer.entity';
import { type CreateCustomerArgs, CustomerFields, type CustomerFilter, type UpdateCustomerArgs } from './customer.inputs';
import { contactLookups } from './lookups';
import { OuOwnedFilter } from '../org/ou-owned.inputs';
import { MIN_SUFFIX_DIGITS, phoneMatch, repeatedPhone } from './phone';

/** Text that reads as a phone number: digits, spaces and + ( ) - . only. */
const PHONE_TEXT = /^[\d\s+().-]+$/;

/** Customers (SPEC §3), scoped by their OU; editing needs customer-center:edit-contacts. */
export class CustomerService
  extends TenantCrudService<Customer, CustomerFilter>
  implements CrudService<Customer, CustomerFilter, CreateCustomerArgs, UpdateCustomerArgs>
{
  protected readonly entity = Customer;
  protected readonly label = 'Customer';
  protected readonly defaultSort = { customerNumber: 'DESC' } as const;

  /** Its name, or its number for a customer without one. */
  override titleOf(c: Customer): string {
    return c.name || `#${c.customerNumber}`;
  }

  protected override filterWhere(f: CustomerFilter): FilterQuery<Customer>[] {
    const parts: FilterQuery<Customer>[] = [];
    parts.push(...this.filterWhereBy(OuOwnedFilter, f));
    if (f.unorganized) parts.push({ ou: null });
    const phone = f.phone?.trim();
    if (phone) {
      if (phone.replace(/\D/g, '').length < MIN_SUFFIX_DIGITS) throw badInput({ phone: `Give at least ${MIN_SUFFIX_DIGITS} digits` });
      parts.push(idIn(this.phoneSubquery(phone)));
    }
    const email = f.email?.trim().toLowerCase();
    if (email) {
      const sub = this.em.createQueryBuilder(CustomerEmail, 'e').select('e.customer_id').where({ tenant: this.principal.tenantId, emailLower: email });
      parts.push(idIn(sub.getKnexQuery()));
    }
    return parts;
  }

  /** Customers with a phone that ends with the given digits, or that they end with (7+ digits). */
  private phoneSubquery(phone: string) {
    const sub = this.em
      .createQueryBuilder(CustomerPhone, 'p')
      .select('p.customer_id')
      .where({ tenant: this.principal.tenantId })
      .andWhere(phoneMatchWhere(phone) as object);
    return sub.getKnexQuery();
  }

  protected override searchWhere(q: string): FilterQuery<Customer> {
    const like = `%${escapeLike(q)}%`;
    // Typed like a phone (digits and separators, enough digits): the phones too, as the phone filter finds them.
    const phoneLike = PHONE_TEXT.test(q) && q.replace(/\D/g, '').length >= MIN_SUFFIX_DIGITS;
    return {
      $or: [
        { name: { $ilike: like } },
        { company: { $ilike: like } },
        { customerNumber: { $like: `${escapeLike(q)}%` } },
        ...(phoneLike ? [idIn(this.phoneSubquery(q))] : []),
      ],
    } as FilterQuery<Customer>;
  }

  create(input: CreateCustomerArgs): Promise<Customer> {
    return this.write('create', null, async (em) => {
      const [customerNumber] = await allocateCustomerNumbers(em, this.principal.tenantId, 1);
      const customer = em.create(Customer, { tenant: em.getReference(Tenant, this.principal.tenantId), customerNumber: customerNumber! });
      await this.apply(em, customer, input);
      return customer;
    });
  }

  update(input: UpdateCustomerArgs): Promise<Customer> {
    return this.write('update', input, async (em, customer) => {
      await this.apply(em, customer!, input);
      return customer!;
    });
  }

  /** The arguments as the kernel applies them (references in the caller's scope); new phones or e-mails rewrite the lookups. */
  private async apply(em: EntityManager, c: Customer, input: CustomerFields): Promise<void> {
    const repeated = input.phones ? repeatedPhone(input.phones) : undefined;
    if (repeated) throw badInput({ [`phones.${repeated.index}`]: `The same number as phone ${repeated.of + 1}` });
    await applyArgs(em, c, input, CustomerFields);
    if (input.phones !== undefined || input.emails !== undefined) await replaceLookups(em, c);
  }
}

/** customer_phone rows that can be the given number (see phoneMatch). */
export function phoneMatchWhere(phone: string): FilterQuery<CustomerPhone> {
  const { reversedTails, wholes } = phoneMatch(phone);
  return {
    $or: [...reversedTails.map((rev) => ({ digitsRev: { $like: `${rev}%` } })), ...(wholes.length ? [{ digits: { $in: wholes } }] : [])],
  } as FilterQuery<CustomerPhone>;
}

/** `id IN (subquery)`: MikroORM accepts a knex query there, its filter types do not say so. */
const idIn = (subquery: unknown) => ({ id: { $in: subquery } }) as unknown as FilterQuery<Customer>;

/** Reserves `count` consecutive customer numbers of the tenant (one statement, also for imports). */
export async function allocateCustomerNumbers(em: EntityManager, tenantId: string, count: number): Promise<string[]> {
  const [row] = await em
    .getConnection()
    .execute<{ last: string }[]>(
      'update tenant set customer_number_seq = customer_number_seq + ? where id = ? returning customer_number_seq as last',
      [count, tenantId],
      'all',
      em.getTransactionContext(),
    );
  const last = BigInt(row!.last);
  return Array.from({ length: count }, (_, i) => String(last - BigInt(count - 1 - i)));
}

/** Rewrites the lookup rows of a customer's phones and e-mails. */
export async function replaceLookups(em: EntityManager, c: Customer): Promise<void> {
  await em.nativeDelete(CustomerPhone, { customer: c.id });
  await em.nativeDelete(CustomerEmail, { customer: c.id });
  const { phones, emails } = contactLookups(c.phones, c.emails);
  for (const { raw, normalized, digits, digitsRev } of phones) em.create(CustomerPhone, { tenant: c.tenant, customer: c, raw, normalized, digits, digitsRev });
  for (const emailLower of emails) em.create(CustomerEmail, { tenant: c.tenant, customer: c, emailLower });
}
