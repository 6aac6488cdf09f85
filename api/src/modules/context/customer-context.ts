import { permissionFor } from '../../authz/ability';
import { ShownWith } from '../../authz/access';
import { can, type Principal } from '../../authz/principal';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { requestHotQuery } from '../../common/hot-query';
import { readOnlyEntity } from '../../common/read-only-entity';
import { RecordAccess } from '../../common/record-access';
import type { Context } from '../../base/context';
import { AppError, badInput, ErrorCode } from '../../base/errors';
import { ContactRecord } from '../customer/contact-record.entity';
import { ContactRecordService, LATEST_CONTACTS } from '../customer/contact-record.service';
import { Customer } from '../customer/customer.entity';
import { CustomerService } from '../customer/customer.service';
import { MIN_SUFFIX_DIGITS, matchDigits, phoneMatch, TAIL_INDEX_DIGITS } from '../customer/phone';
import { Activity } from './activity.entity';
import { activitiesLoader } from './loaders';
import { AUTO_CLOSE_DAYS, CustomerRequest } from './request.entity';
import { ListSize, DATA_SIZED_LIST } from '../../base/list-size';
import type { GraphQLResolveInfo } from 'graphql';
import { argumentsOfSelected } from '../../common/selection';
import { checkPageSize, type JourneyRow, journeyPageSql } from './journey';

/** Requests and activities are the customer-context page's: its view operation shows them. */
const REQUESTS_SHOWN_WITH = permissionFor('CustomerContext', 'read');

@ObjectType({ description: 'Everything a CRM or workbench needs at call time, in one round trip' })
export class CustomerContext {
  @Field(() => Customer, { description: "The matched customer (the best match in the caller's scope)" })
  customer!: Customer;

  @Field(() => [ContactRecord], { description: 'The newest five contact records, newest first' })
  @ListSize(LATEST_CONTACTS)
  latestContacts!: ContactRecord[];

  @Field(() => [CustomerRequest], { description: 'Open requests (auto-closing applied), with their activities; empty without customer-context:view' })
  @ListSize(DATA_SIZED_LIST)
  @ShownWith(REQUESTS_SHOWN_WITH)
  openRequests!: CustomerRequest[];

  @Field(() => RecordAccess, { description: 'What the caller may do with the customer' })
  access!: RecordAccess;

  /** The first page of the journey, read in the same statement when selected and shown (journey.resolver.ts). */
  journeyRows?: JourneyRow[];
}

export interface LookupArgs {
  phone?: string | null;
  email?: string | null;
  customerNumber?: string | null;
}

interface Row {
  enabled: boolean;
  customer: Record<string, unknown> | null;
  contacts: Record<string, unknown>[];
  requests: { request: Record<string, unknown>; activities: Record<string, unknown>[] }[];
  journey: JourneyRow[] | null;
}

/**
 * One SQL statement: the best-matching customer in the caller's scope (the CASL scope rendered
 * by the query builder), its newest contacts, its open requests with their activities, and the
 * tenant's switch, and the principal's check while it is pending: a call costs one statement
 * whatever the data size (two for a principal not cached yet). Nested fields asked for here are primed into the request's loaders.
 */
export async function customerContext(ctx: Context, args: LookupArgs, info?: GraphQLResolveInfo): Promise<CustomerContext | null> {
  const given = [args.phone, args.email, args.customerNumber].filter((v) => v?.trim());
  if (given.length !== 1) throw badInput({ phone: 'Give exactly one of phone, email or customerNumber' });
  const principal = ctx.principal!;
  const em = ctx.em;
  const knex = em.getConnection().getKnex();
  // The customer is already in scope; its requests are read only for those the field is shown to.
  const withRequests = can(principal, REQUESTS_SHOWN_WITH);
  // The largest first page of the journey the selection asks for (the journey field slices its own).
  const journeyFirsts = info ? argumentsOfSelected(info, 'journey').map((a) => a.first as number) : [];
  for (const first of journeyFirsts) checkPageSize(first);
  const journeyRows = withRequests && journeyFirsts.length ? Math.max(...journeyFirsts) + 1 : 0;
  const target = targetQuery(em, principal, () => new CustomerService(ctx).inScope('read'), args);
  const [row] = await requestHotQuery<Row>(
    ctx,
    `with target as (${target.sql})
     select (select unified_customer_contact from tenant where id = ?) as enabled,
            to_jsonb(t.*) as customer,
            coalesce((select jsonb_agg(to_jsonb(cr.*) order by cr.started_at desc, cr.id desc)
                        from (select * from contact_record where customer_id = t.id order by started_at desc, id desc limit ${LATEST_CONTACTS}) cr), '[]') as contacts,
            case when ? then coalesce((
              select jsonb_agg(jsonb_build_object(
                       'request', to_jsonb(r.*),
                       'activities', coalesce((select jsonb_agg(to_jsonb(a.*) order by a.created_at desc) from activity a where a.request_id = r.id), '[]'))
                     order by r.last_activity_at desc)
                from customer_request r
               where r.customer_id = t.id and r.closed_at is null and r.last_activity_at > now() - interval '${AUTO_CLOSE_DAYS} days'), '[]')
            else '[]'::jsonb end as requests,
            ${journeyRows ? '?' : 'null'} as journey
       from (select 1) one left join target t on true`,
    [...target.bindings, principal.tenantId, withRequests, ...(journeyRows ? [journeyPageSql(knex, 't.id', journeyRows, null)] : [])],
  );
  if (!row!.enabled) {
    throw new AppError(ErrorCode.FORBIDDEN, 'The unified customer contact (customer context) is turned off for this tenant', {
      reason: 'CUSTOMER_CONTEXT_DISABLED',
    });
  }
  if (!row!.customer) return null;
  const customer = readOnlyEntity(em, Customer, row!.customer);
  const latestContacts = row!.contacts.map((c) => readOnlyEntity(em, ContactRecord, c));
  new ContactRecordService(ctx).latestLoader().prime(customer.id, latestContacts);
  const openRequests = row!.requests.map(({ request, activities }) => {
    const r = readOnlyEntity(em, CustomerRequest, request);
    activitiesLoader(ctx).prime(
      r.id,
      activities.map((a) => readOnlyEntity(em, Activity, a)),
    );
    return r;
  });
  return {
    customer,
    latestContacts,
    openRequests,
    access: await new CustomerService(ctx).access(customer),
    ...(row!.journey ? { journeyRows: row!.journey } : {}),
  };
}

/** A principal's customers in reach, as SQL (rendered once per principal: the lookups differ only in what they bind). */
const customersInReach = new WeakMap<Principal, { sql: string; bindings: readonly unknown[] }>();

function scopedCustomers(em: EntityManager, principal: Principal, scope: () => FilterQuery<Customer>) {
  let rendered = customersInReach.get(principal);
  if (!rendered) {
    const q = em
      .createQueryBuilder(Customer, 'c')
      .select('c.*')
      .where({ $and: [{ tenant: principal.tenantId }, scope()] })
      .getKnexQuery()
      .toSQL();
    rendered = { sql: q.sql, bindings: q.bindings };
    customersInReach.set(principal, rendered);
  }
  return rendered;
}

/** The customer to look up, in scope, best match first: SQL with its values bound, never inlined. */
function targetQuery(em: EntityManager, principal: Principal, scope: () => FilterQuery<Customer>, args: LookupArgs): { sql: string; bindings: unknown[] } {
  const base = scopedCustomers(em, principal, scope);
  const from = `select c.* from (${base.sql}) c`;
  if (args.customerNumber?.trim()) return { sql: `${from} where c.customer_number = ? limit 1`, bindings: [...base.bindings, args.customerNumber.trim()] };
  if (args.email?.trim()) {
    return {
      sql: `${from} where c.id in (select e.customer_id from customer_email e where e.tenant_id = ? and e.email_lower = ?) order by c.updated_at desc limit 1`,
      bindings: [...base.bindings, principal.tenantId, args.email.trim().toLowerCase()],
    };
  }
  const digits = matchDigits(args.phone!);
  if (digits.length < MIN_SUFFIX_DIGITS) throw badInput({ phone: 'Give a phone number' });
  const { reversedTails, wholes } = phoneMatch(args.phone!);
  // Driven by the phone indexes: the matching phone rows first, grouped per customer, then
  // joined to the customer in scope. Same number first, then the longest common tail, then the
  // most recently updated customer. Every condition is an equality on an index where it can be
  // (a tail of 7 digits or more through its first 7, then the `like`; the whole numbers one by
  // one), so the statement plans as well without its values: PostgreSQL then keeps one plan per
  // connection instead of planning each call. Its shape follows the number of digits given.
  const tails = reversedTails.flatMap((rev) =>
    rev.length >= TAIL_INDEX_DIGITS
      ? [{ sql: `(left(p.digits_rev, ${TAIL_INDEX_DIGITS}) = ? and p.digits_rev like ?)`, bindings: [rev.slice(0, TAIL_INDEX_DIGITS), `${rev}%`] }]
      : [{ sql: 'p.digits_rev like ?', bindings: [`${rev}%`] }],
  );
  const matches = [...tails.map((t) => t.sql), ...(wholes.length ? [`p.digits in (${wholes.map(() => '?').join(', ')})`] : [])];
  return {
    sql: `${from}
      join (select p.customer_id, max(length(p.digits)) as len, bool_or(p.digits = ?) as exact
              from customer_phone p
             where p.tenant_id = ? and (${matches.join(' or ')})
             group by p.customer_id) m on m.customer_id = c.id
      order by m.exact desc, m.len desc, c.updated_at desc limit 1`,
    bindings: [...base.bindings, digits, principal.tenantId, ...tails.flatMap((t) => t.bindings), ...wholes],
  };
}
