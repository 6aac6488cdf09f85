import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { eachInSlices } from '../../common/event-loop-slices';
import { hotQuery } from '../../common/hot-query';
import { readOnlyEntity } from '../../common/read-only-entity';
import { requestLoader } from '../../common/request-loader';
import type { Context } from '../../base/context';
import { badInput } from '../../base/errors';
import { Tenant } from '../../common/tenant.entity';
import { Channel, Direction } from './channel';
import { ContactRecord } from './contact-record.entity';
import type { RecordContactArgs } from './contact-record.inputs';
import { CustomerEmail, CustomerPhone } from './customer-contact.entity';
import { Customer } from './customer.entity';
import { CustomerService, phoneMatchWhere } from './customer.service';
import { MIN_MATCH_DIGITS, matchDigits } from './phone';

export const LATEST_CONTACTS = 5;
export const HISTORY_LIMIT = 500;

const EMAIL_CHANNELS = new Set([Channel.EMAIL]);

/**
 * Contact records: pushed by integrations holding customer-center:record-contact, matched to a
 * customer the integration may see (its OU scope), read with the customer's OU rules.
 */
export class ContactRecordService {
  constructor(private readonly ctx: Context) {}

  private get principal() {
    return this.ctx.principal!;
  }

  /** The customer an integration names: one it may locate, else BAD_USER_INPUT on `customerId`. */
  async explicitCustomer(em: EntityManager, id: string): Promise<Customer> {
    const found = await em.findOne(Customer, { id });
    if (!found) throw badInput({ customerId: 'Customer not found' });
    return found;
  }

  /** The other party's number (or address) identifies the customer; only customers in scope match. */
  async match(em: EntityManager, input: RecordContactArgs): Promise<Customer | null> {
    const party = input.direction === Direction.OUTBOUND ? input.called : input.caller;
    if (EMAIL_CHANNELS.has(input.channel) || party.includes('@')) {
      const sub = em
        .createQueryBuilder(CustomerEmail, 'e')
        .select('e.customer_id')
        .where({ tenant: this.principal.tenantId, emailLower: party.trim().toLowerCase() });
      return em.findOne(Customer, { id: { $in: sub.getKnexQuery() } } as never, { orderBy: { updatedAt: 'DESC' } });
    }
    if (matchDigits(party).length < MIN_MATCH_DIGITS) return null;
    return bestPhoneMatch(em, this.principal.tenantId, party, this.locateScope());
  }

  /** The phone lookup joins customers, which the row scope (a filter per table) does not narrow: it names their scope. */
  private locateScope() {
    return new CustomerService(this.ctx).inScope('locate');
  }

  /** History of a customer within the tenant's contactRecordSpanDays (older `from` is clamped). */
  async history(customerId: string, from?: Date | null, to?: Date | null): Promise<ContactRecord[]> {
    // An empty period is a mistake to say, not "no records".
    if (from && to && from >= to) throw badInput({ from: 'From must be before To' });
    const customer = await new CustomerService(this.ctx).get(customerId);
    const tenant = await this.ctx.em.findOneOrFail(Tenant, this.principal.tenantId);
    const earliest = new Date(Date.now() - tenant.contactRecordSpanDays * 86_400_000);
    const start = from && from > earliest ? from : earliest;
    return this.ctx.em.find(
      ContactRecord,
      { customer: customer.id, startedAt: { $gte: start, ...(to ? { $lt: to } : {}) } },
      { orderBy: { startedAt: 'DESC', id: 'DESC' }, limit: HISTORY_LIMIT },
    );
  }

  /**
   * The newest contacts of a page of customers: one statement, each customer's read from the
   * (customer, started_at) index as far as the newest few (a window over all of a customer's
   * contacts grew with its history), its text the same for any page (prepared once).
   */
  latestLoader(): DataLoader<string, ContactRecord[]> {
    return requestLoader(this.ctx, 'loader:latestContacts', async (ids: readonly string[]) => {
      const rows = await hotQuery<Record<string, unknown>>(
        this.ctx.em,
        `select cr.* from unnest(?::uuid[]) as c(id)
           cross join lateral (select * from contact_record where customer_id = c.id order by started_at desc, id desc limit ${LATEST_CONTACTS}) cr`,
        [`{${ids.join(',')}}`],
      );
      const byCustomer = new Map<string, ContactRecord[]>(ids.map((id) => [id, []]));
      // Grouped in one pass: filtering per id is quadratic and held the event loop for a page of 500.
      // Mapped in slices: a page of 500 customers brings 2,500 rows, too long to hold the event loop.
      await eachInSlices(rows, this.ctx.memo, (row) => {
        const record = readOnlyEntity(this.ctx.em, ContactRecord, row);
        byCustomer.get(record.customerId!)?.push(record);
      });
      return ids.map((id) => byCustomer.get(id)!);
    });
  }
}

/** The customer whose phone best matches: same number first, then the longest match. */
export async function bestPhoneMatch(em: EntityManager, tenantId: string, phone: string, scope: FilterQuery<Customer>): Promise<Customer | null> {
  const digits = matchDigits(phone);
  const candidates = await em.find(
    CustomerPhone,
    { $and: [{ tenant: tenantId, customer: scope as never }, phoneMatchWhere(phone)] },
    { populate: ['customer'], orderBy: { customer: { updatedAt: 'DESC' } }, limit: 20 },
  );
  candidates.sort((a, b) => Number(b.digits === digits) - Number(a.digits === digits) || b.digits.length - a.digits.length);
  return candidates[0]?.customer ?? null;
}
