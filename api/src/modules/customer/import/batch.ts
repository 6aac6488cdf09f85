import { v7 as uuidv7 } from 'uuid';
import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAudit } from '../../../common/audit.writer';
import { writeEvents } from '../../../common/event.writer';
import { allocateCustomerNumbers } from '../customer.service';
import { contactLookups, reversed, type ContactLookups } from '../lookups';
import type { NormalizedPhone } from '../phone';
import type { PreparedCustomer, TenantContext } from './rows';

/**
 * The digits a stored phone can have when its normalized form is this phone's: the number
 * itself for digits-only forms; for E.164, its digits as written after "+" or "00", or with a
 * trunk "0" after the country code (1 to 3 digits), as in "+44 (0)20 7946 0000".
 */
export function digitForms(p: NormalizedPhone): string[] {
  if (!p.normalized.startsWith('+')) return [p.normalized];
  const e164 = p.normalized.slice(1);
  return [...new Set([p.digits, e164, `00${e164}`, ...[1, 2, 3].map((k) => `${e164.slice(0, k)}0${e164.slice(k)}`)])];
}

/**
 * Which of these normalized phones and lower-case e-mails already belong to a customer of the
 * tenant: one index probe per value, then an exact normalized match. The lateral subqueries
 * are fenced (offset 0, limit 1): joined as sets, a tenant the statistics do not know yet
 * would have its whole table hashed for every batch.
 */
export async function existingContacts(em: EntityManager, tenantId: string, phones: NormalizedPhone[], emails: string[]) {
  const knex = em.getConnection().getKnex();
  const trx = em.getTransactionContext();
  const run = (sql: string, bindings: unknown[]) => {
    const q = knex.raw(sql, bindings as never[]);
    return (trx ? q.transacting(trx) : q).then((r: { rows: { v: string }[] }) => new Set(r.rows.map((row) => row.v)));
  };
  const forms = [...new Set(phones.flatMap(digitForms))].filter((d) => d.length <= 20);
  // Both digit columns are given: whichever of the two (tenant_id, ...) indexes the planner
  // picks (they tie for a tenant the statistics do not know yet), its probe is exact.
  const probes = forms.map((d) => ({ d, r: reversed(d) }));
  const [stored, emailHits] = await Promise.all([
    probes.length
      ? run(
          `select p.normalized as v from jsonb_to_recordset(?::jsonb) as x(d text, r text)
            cross join lateral (select normalized from customer_phone where tenant_id = ? and digits = x.d and digits_rev = x.r offset 0) p`,
          [JSON.stringify(probes), tenantId],
        )
      : new Set<string>(),
    emails.length
      ? run(
          `select x.v from jsonb_array_elements_text(?::jsonb) as x(v)
            cross join lateral (select 1 from customer_email e where e.tenant_id = ? and e.email_lower = x.v limit 1) hit`,
          [JSON.stringify([...new Set(emails)]), tenantId],
        )
      : new Set<string>(),
  ]);
  return { phones: new Set(phones.map((p) => p.normalized).filter((n) => stored.has(n))), emails: emailHits };
}

/**
 * Inserts customers and their lookup rows with three statements (whatever the count), in the
 * caller's transaction, with freshly allocated customer numbers. Returns the new ids in order.
 */
export async function insertCustomers(
  em: EntityManager,
  tenantId: string,
  rows: readonly Omit<PreparedCustomer, 'line'>[],
  lookups: readonly ContactLookups[] = rows.map((r) => contactLookups(r.phones, r.emails)),
): Promise<string[]> {
  if (!rows.length) return [];
  const knex = em.getConnection().getKnex();
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('insertCustomers must run in a transaction');
  const numbers = await allocateCustomerNumbers(em, tenantId, rows.length);
  // Time-ordered (v7) ids: large imports append to the right-hand index pages instead of random
  // ones, which roughly halves the write volume per 100k rows.
  const ids = rows.map(() => uuidv7());
  const customers = rows.map((r, i) => ({
    id: ids[i],
    customer_number: numbers[i],
    ou_id: r.ouId,
    name: r.name,
    gender: r.gender,
    phones: r.phones,
    emails: r.emails,
    company: r.company,
    address: r.address,
    address_detail: r.addressDetail,
    remark: r.remark,
  }));
  const phoneRows: { id: string; customer_id: string; raw: string; normalized: string; digits: string; digits_rev: string }[] = [];
  const emailRows: { id: string; customer_id: string; email_lower: string }[] = [];
  rows.forEach((_, i) => {
    const { phones, emails } = lookups[i]!;
    for (const p of phones)
      phoneRows.push({ id: uuidv7(), customer_id: ids[i]!, raw: p.raw, normalized: p.normalized, digits: p.digits, digits_rev: p.digitsRev });
    for (const email_lower of emails) emailRows.push({ id: uuidv7(), customer_id: ids[i]!, email_lower });
  });
  await knex
    .raw(
      `insert into customer (id, tenant_id, customer_number, ou_id, name, gender, phones, emails, company, address, address_detail, remark)
       select x.id, ?, x.customer_number, x.ou_id, x.name, x.gender, x.phones, x.emails, x.company, x.address, x.address_detail, x.remark
         from jsonb_to_recordset(?::jsonb) as x(id uuid, customer_number varchar, ou_id uuid, name varchar, gender gender, phones text[],
                                                emails text[], company varchar, address varchar, address_detail varchar, remark varchar)`,
      [tenantId, JSON.stringify(customers)],
    )
    .transacting(trx);
  if (phoneRows.length) {
    await knex
      .raw(
        `insert into customer_phone (id, tenant_id, customer_id, raw, normalized, digits, digits_rev)
         select x.id, ?, x.customer_id, x.raw, x.normalized, x.digits, x.digits_rev
           from jsonb_to_recordset(?::jsonb) as x(id uuid, customer_id uuid, raw varchar, normalized varchar, digits varchar, digits_rev varchar)`,
        [tenantId, JSON.stringify(phoneRows)],
      )
      .transacting(trx);
  }
  if (emailRows.length) {
    await knex
      .raw(
        `insert into customer_email (id, tenant_id, customer_id, email_lower)
         select x.id, ?, x.customer_id, x.email_lower from jsonb_to_recordset(?::jsonb) as x(id uuid, customer_id uuid, email_lower varchar)`,
        [tenantId, JSON.stringify(emailRows)],
      )
      .transacting(trx);
  }
  return ids;
}

export interface BatchOutcome {
  imported: number;
  duplicates: number;
}

/**
 * One transaction: skips rows whose phone (normalized) or e-mail (lower case) belongs to a
 * customer of the tenant or to an earlier row of the batch, inserts the others and writes one
 * audit entry. Imports into one tenant are serialized, so concurrent runs cannot both insert.
 */
export async function importBatch(
  em: EntityManager,
  ctx: TenantContext,
  rows: readonly PreparedCustomer[],
  audit: { runId: string; file: string; batch: number },
): Promise<BatchOutcome> {
  const lookups = rows.map((r) => contactLookups(r.phones, r.emails));
  return em.fork().transactional(async (tx) => {
    const conn = tx.getConnection();
    await conn.execute('select pg_advisory_xact_lock(hashtext(?))', [`customer-import:${ctx.tenantId}`], 'all', tx.getTransactionContext());
    // A crash may lose the last batches' commits, never half a batch; re-running the file restores them.
    await conn.execute('set local synchronous_commit to off', [], 'run', tx.getTransactionContext());
    const existing = await existingContacts(
      tx,
      ctx.tenantId,
      lookups.flatMap((l) => l.phones),
      lookups.flatMap((l) => l.emails),
    );
    const seenPhones = existing.phones;
    const seenEmails = existing.emails;
    const fresh: PreparedCustomer[] = [];
    const freshLookups: ContactLookups[] = [];
    rows.forEach((row, i) => {
      const { phones, emails } = lookups[i]!;
      if (phones.some((p) => seenPhones.has(p.normalized)) || emails.some((e) => seenEmails.has(e))) return;
      for (const p of phones) seenPhones.add(p.normalized);
      for (const e of emails) seenEmails.add(e);
      fresh.push(row);
      freshLookups.push(lookups[i]!);
    });
    const duplicates = rows.length - fresh.length;
    if (!fresh.length) return { imported: 0, duplicates };
    const ids = await insertCustomers(tx, ctx.tenantId, fresh, freshLookups);
    // One audit entry per batch, but one event per customer: a live list or a customer's
    // subscriber learns of each new customer as it would of one created by hand.
    await writeEvents(
      tx,
      ids.map((recordId, i) => ({
        tenantId: ctx.tenantId,
        resource: 'Customer',
        subject: 'Customer',
        type: 'CREATED',
        recordId,
        ouIds: [fresh[i]!.ouId],
        topics: {},
      })),
    );
    await writeAudit(tx, {
      tenantId: ctx.tenantId,
      actor: ctx.actor,
      operation: 'import customers',
      action: 'created',
      recordType: 'CustomerImport',
      recordId: audit.runId,
      ouId: null,
      before: null,
      after: {
        file: audit.file,
        batch: audit.batch,
        lines: `${rows[0]!.line}-${rows[rows.length - 1]!.line}`,
        imported: fresh.length,
        duplicates,
      },
    });
    return { imported: fresh.length, duplicates };
  });
}
