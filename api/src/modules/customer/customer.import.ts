import { v7 as uuidv7 } from 'uuid';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CsvError, parse } from 'csv-parse';
import { GraphQLError } from 'graphql';
import { plainToInstance } from '../../common/plain';
import { validateInput } from '../../common/validation';
import type { FieldErrors } from '../../server/errors';
import { writeAudit } from '../audit/audit.writer';
import { Gender } from '../identity/employee.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { PATH_SEPARATOR } from '../org/ou-path';
import { Tenant } from '../tenant/tenant.entity';
import { AddressOption } from './address-option.entity';
import { CustomerFields } from './customer.inputs';
import { allocateCustomerNumbers } from './customer.service';
import { normalizePhone, type NormalizedPhone } from './phone';

/** The columns of an import file, in the documented order; every one is optional. */
export const IMPORT_COLUMNS = ['name', 'gender', 'phones', 'emails', 'company', 'address', 'addressDetail', 'remark', 'ou'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ImportRecord = Partial<Record<ImportColumn, string>>;

/** Inside a cell, several phones or e-mails are separated by `;` or `|`. */
const LIST_SEPARATOR = /[;|]/;
export const DEFAULT_BATCH_SIZE = 1000;
/** The name of Unorganized in an `ou` cell or the `--ou` flag (when no OU is called so). */
export const UNORGANIZED = 'Unorganized';

/** A problem that stops the whole run (unknown tenant, unreadable file, malformed CSV...). */
export class ImportError extends Error {}

/** A row ready to insert: values as the API stores them (trimmed; empty for none). */
export interface PreparedCustomer {
  line: number;
  ouId: string | null;
  name: string;
  gender: Gender;
  phones: string[];
  emails: string[];
  company: string;
  address: string;
  addressDetail: string;
  remark: string;
}

export interface RowRejection {
  line: number;
  fields: FieldErrors;
}

/** What a row is checked against: the tenant's address options and OUs. */
export interface TenantContext {
  tenantId: string;
  tenantCode: string;
  addressOptions: ReadonlySet<string>;
  /** An `ou` cell -> OU id (null = Unorganized), or an error message. */
  resolveOu(ref: string): { ouId: string | null } | { error: string };
  /** The OU of rows without an `ou` cell (`--ou`), null = Unorganized. */
  defaultOuId: string | null;
}

export interface ImportProgress {
  bytesRead: number;
  fileSize: number;
  /** Data rows read (not the header). */
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

export interface ImportResult extends ImportProgress {
  seconds: number;
  rowsPerSecond: number;
  reportFile: string;
}

export interface ImportOptions {
  file: string;
  tenantCode: string;
  /** Default OU for rows with an empty `ou` cell: a path or a name unique in the tenant. */
  defaultOu?: string;
  /** Rejected rows report; default `<file>.rejected.csv`. */
  reportFile?: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

// ---------------------------------------------------------------------------------------------
// Tenant context

/** "North/North-East", " North /  North-East " and "North / North-East" are the same path. */
const canonicalPath = (ref: string) =>
  ref
    .split('/')
    .map((part) => part.trim())
    .join(PATH_SEPARATOR);

/** Resolves OU references: a full path ("North / North-East") or a name that is unique in the tenant. */
export function ouResolver(ous: readonly { id: string; name: string; path: string }[]): TenantContext['resolveOu'] {
  const byPath = new Map(ous.map((o) => [o.path.toLowerCase(), o.id]));
  const byName = new Map<string, string[]>();
  for (const o of ous) byName.set(o.name.toLowerCase(), [...(byName.get(o.name.toLowerCase()) ?? []), o.id]);
  const cache = new Map<string, { ouId: string | null } | { error: string }>();
  return (ref) => {
    const key = canonicalPath(ref).toLowerCase();
    let answer = cache.get(key);
    if (answer) return answer;
    const named = byName.get(key) ?? [];
    if (byPath.has(key)) answer = { ouId: byPath.get(key)! };
    else if (named.length === 1) answer = { ouId: named[0]! };
    else if (named.length > 1) answer = { error: `OU name "${ref.trim()}" is not unique in the tenant: give its path (e.g. "Parent / ${ref.trim()}")` };
    else if (key === UNORGANIZED.toLowerCase()) answer = { ouId: null };
    else answer = { error: `Unknown OU "${ref.trim()}"` };
    cache.set(key, answer);
    return answer;
  };
}

/** Loads what rows are checked against; an unknown tenant or default OU is fatal. */
export async function loadTenantContext(em: EntityManager, tenantCode: string, defaultOu?: string): Promise<TenantContext> {
  const tenant = await em.findOne(Tenant, { code: tenantCode });
  if (!tenant) throw new ImportError(`Unknown tenant "${tenantCode}" (give the tenant code)`);
  const [options, ous] = await Promise.all([
    em.find(AddressOption, { tenant }, { fields: ['value'] }),
    em.find(OrgUnit, { tenant }, { fields: ['name', 'path'] }),
  ]);
  const resolveOu = ouResolver(ous);
  let defaultOuId: string | null = null;
  if (defaultOu?.trim()) {
    const resolved = resolveOu(defaultOu);
    if ('error' in resolved) throw new ImportError(`--ou: ${resolved.error}`);
    defaultOuId = resolved.ouId;
  }
  return { tenantId: tenant.id, tenantCode: tenant.code, addressOptions: new Set(options.map((o) => o.value)), resolveOu, defaultOuId };
}

// ---------------------------------------------------------------------------------------------
// One row

const cell = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed ? trimmed : null;
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(LIST_SEPARATOR)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Checks one CSV record with the API's own rules (CustomerFields + validateInput), the tenant's
 * address options and OUs; returns the row to insert, or its field errors (every field at once).
 */
export async function prepareRow(record: ImportRecord, line: number, ctx: TenantContext): Promise<PreparedCustomer | RowRejection> {
  const gender = cell(record.gender)?.toUpperCase() ?? null;
  const input = plainToInstance(CustomerFields, {
    name: cell(record.name),
    gender: gender as Gender | null,
    phones: list(record.phones),
    emails: list(record.emails),
    company: cell(record.company),
    address: cell(record.address),
    addressDetail: cell(record.addressDetail),
    remark: cell(record.remark),
  });
  const fields: FieldErrors = await validateInput(input).then(
    () => ({}),
    (e: unknown) => {
      const found = e instanceof GraphQLError ? (e.extensions.fields as FieldErrors | undefined) : undefined;
      if (!found) throw e;
      return { ...found };
    },
  );
  const address = input.address ?? '';
  if (address && !fields.address && !ctx.addressOptions.has(address)) fields.address = `"${address}" is not one of the address options`;
  let ouId = ctx.defaultOuId;
  const ouRef = cell(record.ou);
  if (ouRef) {
    const resolved = ctx.resolveOu(ouRef);
    if ('error' in resolved) fields.ou = resolved.error;
    else ouId = resolved.ouId;
  }
  const phones = input.phones!;
  const emails = input.emails!;
  // Re-running a file must not duplicate customers, and rows are recognised by phone or e-mail.
  if (!phones.length && !emails.length && !fields.phones && !fields.emails) {
    fields.phones = 'A phone or an e-mail is needed to import a customer (duplicates are detected by them)';
  }
  if (Object.keys(fields).length) return { line, fields };
  return {
    line,
    ouId,
    name: input.name ?? '',
    gender: (input.gender as Gender | null) ?? Gender.UNKNOWN,
    phones,
    emails,
    company: input.company ?? '',
    address,
    addressDetail: input.addressDetail ?? '',
    remark: input.remark ?? '',
  };
}

export const isRejection = (row: PreparedCustomer | RowRejection): row is RowRejection => 'fields' in row;

// ---------------------------------------------------------------------------------------------
// Writing customers

export interface Lookups {
  phones: (NormalizedPhone & { raw: string })[];
  emails: string[];
}

/** A customer's phones and e-mails in lookup form, exactly as `replaceLookups` writes them. */
function lookupsOf(phones: readonly string[], emails: readonly string[]): Lookups {
  return {
    phones: phones.map((raw) => ({ raw, ...normalizePhone(raw) })),
    emails: emails.map((e) => e.toLowerCase()),
  };
}

/** Digits reversed (ASCII only, so no surrogate pairs to care for). */
const reversed = (s: string) => {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
};

/**
 * The digits a stored phone can have when its normalized form is this phone's: the number
 * itself for digits-only forms; for E.164, its digits as written after "+" or "00", or with a
 * trunk "0" after the country code (1 to 3 digits), as in "+44 (0)20 7946 0000".
 */
export function digitForms(p: NormalizedPhone): string[] {
  if (!p.normalized.startsWith('+')) return [p.normalized];
  const e164 = p.normalized.slice(1);
  return [...new Set([p.digits, e164, '00' + e164, ...[1, 2, 3].map((k) => e164.slice(0, k) + '0' + e164.slice(k))])];
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
  lookups: readonly Lookups[] = rows.map((r) => lookupsOf(r.phones, r.emails)),
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
    for (const p of phones) phoneRows.push({ id: uuidv7(), customer_id: ids[i]!, raw: p.raw, normalized: p.normalized, digits: p.digits, digits_rev: reversed(p.digits) });
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
  const lookups = rows.map((r) => lookupsOf(r.phones, r.emails));
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
    const freshLookups: Lookups[] = [];
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
    await insertCustomers(tx, ctx.tenantId, fresh, freshLookups);
    await writeAudit(tx, {
      tenantId: ctx.tenantId,
      actor: { kind: 'platform', id: null, handle: 'platform' },
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

// ---------------------------------------------------------------------------------------------
// The whole file

const csvValue = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

class RejectionReport {
  private readonly out: WriteStream;
  private failure: Error | undefined;

  constructor(readonly file: string) {
    this.out = createWriteStream(file);
    this.out.on('error', (e) => (this.failure = e));
    this.out.write('line,field,reason\n');
  }

  add(rejection: RowRejection) {
    if (this.failure) throw new ImportError(`cannot write the report ${this.file}: ${this.failure.message}`);
    for (const [field, reason] of Object.entries(rejection.fields)) this.out.write(`${rejection.line},${csvValue(field)},${csvValue(reason)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.out.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
  }
}

/** Header cells -> column names (any case, surrounding blanks ignored); unknown columns are fatal. */
function headerColumns(header: string[]): string[] {
  const known = new Map(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const unknown = header.filter((h) => !known.has(h.trim().toLowerCase()));
  if (unknown.length) throw new ImportError(`unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`);
  return header.map((h) => known.get(h.trim().toLowerCase())!);
}

/**
 * Physical line numbers of records, from their raw text (csv-parse's own count takes a quoted
 * CRLF for two lines). A raw record holds the blank lines skipped before it and its delimiter;
 * CRLF, CR and LF are one line break each. The header is line 1.
 */
class LineCounter {
  private next = 2;

  startOf(raw: string): number {
    const leading = /^(?:\r\n|\r|\n)*/.exec(raw)![0];
    const start = this.next + (leading.match(/\r\n|\r|\n/g)?.length ?? 0);
    this.next += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
    return start;
  }
}

/**
 * Streams a CSV file into the tenant's customers: parse and check rows while the previous batch
 * is written (one batch in flight), one transaction and one audit entry per batch.
 */
export async function importCustomers(em: EntityManager, options: ImportOptions): Promise<ImportResult> {
  const started = process.hrtime.bigint();
  const fileSize = await stat(options.file).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw new ImportError(`cannot read ${options.file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    },
  );
  const ctx = await loadTenantContext(em, options.tenantCode, options.defaultOu);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress: ImportProgress = { bytesRead: 0, fileSize, rows: 0, imported: 0, duplicates: 0, rejected: 0 };
  const report = new RejectionReport(options.reportFile ?? `${options.file}.rejected.csv`);
  const audit = { runId: randomUUID(), file: path.basename(options.file), batch: 0 };

  const input = createReadStream(options.file);
  input.on('data', (chunk) => (progress.bytesRead += chunk.length));
  let header: string[] = [];
  const columns = (cells: string[]) => (header = headerColumns(cells));
  const parser = input.pipe(parse({ columns, bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true }));
  input.on('error', (e) => parser.destroy(e));

  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;
  const flush = (rows: PreparedCustomer[]) => {
    audit.batch++;
    const batchAudit = { ...audit };
    inFlight = inFlight
      .then(() => (failure ? undefined : importBatch(em, ctx, rows, batchAudit)))
      .then(
        (outcome) => {
          if (!outcome) return;
          progress.imported += outcome.imported;
          progress.duplicates += outcome.duplicates;
          options.onProgress?.(progress);
        },
        (e) => void (failure ??= e),
      );
  };

  let batch: PreparedCustomer[] = [];
  const lines = new LineCounter();
  try {
    for await (const item of parser as AsyncIterable<{ record: ImportRecord; raw: string; info: { error?: CsvError } }>) {
      if (failure) break;
      progress.rows++;
      const line = lines.startOf(item.raw);
      let row: PreparedCustomer | RowRejection;
      if (item.info.error) {
        const found = (item.info.error as CsvError & { record?: unknown[] }).record?.length ?? '?';
        row = { line, fields: { row: `Expected ${header.length} columns, found ${found}` } };
      } else {
        row = await prepareRow(item.record, line, ctx);
      }
      if (isRejection(row)) {
        progress.rejected++;
        report.add(row);
      } else {
        batch.push(row);
        if (batch.length >= batchSize) {
          // One batch in flight: wait for the previous one before queueing this one.
          await inFlight;
          flush(batch);
          batch = [];
        }
      }
      if (progress.rows % 256 === 0) options.onProgress?.(progress);
    }
    if (batch.length && !failure) flush(batch);
    await inFlight;
  } catch (e) {
    await inFlight;
    if (e instanceof CsvError) throw new ImportError(`line ${e.lines ?? '?'}: ${e.message}`);
    throw e;
  } finally {
    input.destroy();
    const closed = await report.close().then(
      () => undefined,
      (e: Error) => e,
    );
    if (closed && !failure) failure = new ImportError(`cannot write the report ${report.file}: ${closed.message}`);
  }
  if (failure) throw failure;
  progress.bytesRead = fileSize;
  options.onProgress?.(progress);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...progress, seconds, rowsPerSecond: progress.rows / seconds, reportFile: report.file };
}
