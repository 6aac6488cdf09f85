import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import type { Context } from '../../base/context';
import { badInput } from '../../base/errors';
import { isUuid } from '../../common/ids';
import { ContactRecord } from '../customer/contact-record.entity';
import { Customer } from '../customer/customer.entity';
import { scopeFilter } from '../../authz/ability';
import { Activity } from './activity.entity';
import { type CustomerJourney, JOURNEY_MAX_PAGE } from './journey.types';
import { commentCountLoader, contactRecordLoader } from './loaders';
import { CustomerRequest } from './request.entity';
import { CustomerRequestService } from './request.service';

/** Where a page starts: after this activity (its exact creation time as PostgreSQL prints it, and its id). */
interface JourneyKey {
  createdAt: string;
  id: string;
}

/** One activity of a page as the statement returns it. */
export interface JourneyRow {
  activity: Record<string, unknown>;
  request: Record<string, unknown> | null;
  contact: Record<string, unknown> | null;
  comments: number;
  createdAt: string;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/;

/**
 * The cursor names its customer, so a cursor of another journey is refused rather than paging
 * a different timeline; the time is PostgreSQL's own text (microseconds), so the keyset is exact.
 */
const encodeCursor = (customerId: string, key: JourneyKey) => Buffer.from(JSON.stringify([customerId, key.createdAt, key.id])).toString('base64url');

function decodeCursor(customerId: string, cursor: string): JourneyKey {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string') || !TIMESTAMP.test(parts[1]) || !isUuid(parts[2])) {
    throw badInput({ after: "Not a cursor of a customer's journey: give a page's endCursor" });
  }
  if (parts[0] !== customerId) throw badInput({ after: "This cursor belongs to another customer's journey" });
  return { createdAt: parts[1], id: parts[2] };
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > JOURNEY_MAX_PAGE) throw badInput({ first: `A page holds 1 to ${JOURNEY_MAX_PAGE} activities` });
}

/**
 * A jsonb array of the newest `limit` activities of the customer whose id is the SQL expression
 * `customerId`, older than `after` when given, each with its request (open or closed) or none, its
 * contact record and its comment count. One sub-select, driven by the (customer, created_at, id) index.
 */
export function journeyPageSql(knex: Knex, customerId: string, limit: number, after: JourneyKey | null): Knex.Raw {
  const keyset = after ? 'and (a.created_at, a.id) < (?::timestamptz, ?::uuid)' : '';
  return knex.raw(
    `coalesce((select jsonb_agg(jsonb_build_object(
                'activity', to_jsonb(a.*), 'request', to_jsonb(r.*), 'contact', to_jsonb(cr.*), 'createdAt', a.created_at::text,
                'comments', (select count(*) from activity_comment c where c.activity_id = a.id))
              order by a.created_at desc, a.id desc)
         from (select * from activity a where a.customer_id = ${customerId} ${keyset} order by a.created_at desc, a.id desc limit ${Number(limit)}) a
         left join customer_request r on r.id = a.request_id
         left join contact_record cr on cr.id = a.contact_record_id), '[]')`,
    after ? [after.createdAt, after.id] : [],
  );
}

/** A page from the rows of `journeyPageSql` (asked for one more than `first`), its nested fields primed into the request's loaders. */
export function journeyPage(ctx: Context, em: EntityManager, customerId: string, rows: JourneyRow[], first: number): CustomerJourney {
  const requests = new CustomerRequestService(ctx).loader();
  const edges = rows.slice(0, first).map((row) => {
    const node = em.map(Activity, row.activity);
    if (row.request) requests.prime(String(row.request.id), em.map(CustomerRequest, row.request));
    if (row.contact) contactRecordLoader(ctx).prime(String(row.contact.id), em.map(ContactRecord, row.contact));
    commentCountLoader(ctx).prime(node.id, row.comments);
    return { cursor: encodeCursor(customerId, { createdAt: row.createdAt, id: node.id }), node };
  });
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > first } };
}

/** A page of a customer's journey in the caller's scope: one statement whatever its history. */
export async function customerJourney(ctx: Context, customerId: string, first: number, after: string | null): Promise<CustomerJourney> {
  checkPageSize(first);
  if (!isUuid(customerId)) throw badInput({ customerId: 'Customer not found' });
  const key = after ? decodeCursor(customerId, after) : null;
  const em = ctx.em;
  const knex = em.getConnection().getKnex();
  const target = em
    .createQueryBuilder(Customer, 'c')
    .select('c.id')
    // The customer's OU read under the customer context's own rule (activities are its records), not the customer page's.
    .where({ $and: [{ tenant: ctx.principal!.tenantId }, { id: customerId }, scopeFilter(ctx.principal!.ability, 'read', 'CustomerContext', 'ou')] } as never)
    .getKnexQuery();
  const sql = knex.raw('with t as (?) select t.id, ? as page from t', [target, journeyPageSql(knex, 't.id', first + 1, key)]);
  const [row] = await em.getConnection().execute<{ id: string; page: JourneyRow[] }[]>(sql as never);
  // Out of scope answers like missing: the same refusal, nothing told.
  if (!row) throw badInput({ customerId: 'Customer not found' });
  return journeyPage(ctx, em, customerId, row.page, first);
}
