import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from 'pg';
import { unscoped } from '../common/row-scope';
import { contactLookups } from '../modules/customer/lookups';
import { fileSource, importCustomers, RejectionReportFile } from '../modules/customer/import/file';
import { loadTenantContext } from '../modules/customer/import/rows';
import { arrayLiteral, copyRows } from './copy';
import type { World } from './seed';

export interface ImportTiming {
  importRowsPerSecond: number;
  copyRowsPerSecond: number;
}

/** The median round of each path. */
export const medianImport = (xs: ImportTiming[]): ImportTiming => {
  const mid = (k: keyof ImportTiming) => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  return { importRowsPerSecond: mid('importRowsPerSecond'), copyRowsPerSecond: mid('copyRowsPerSecond') };
};

const CUSTOMER_COLUMNS = [
  'id',
  'tenant_id',
  'customer_number',
  'ou_id',
  'name',
  'gender',
  'phones',
  'emails',
  'company',
  'address',
  'address_detail',
  'remark',
];

/** The import file's rows: name, a phone (another number range than the seeded tenant's), an e-mail, a company. */
const fileRows = (rows: number) =>
  Array.from({ length: rows }, (_, i) => {
    const d = String(4_000_000_000 + i);
    return {
      name: `Imported ${i}`,
      phones: [`+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`],
      emails: [`imported${i}@example.com`],
      company: `Company ${i % 100}`,
    };
  });

const count = async (pg: Client, table: string, tenantId: string) =>
  Number((await pg.query<{ n: string }>(`select count(*) as n from ${table} where tenant_id = $1`, [tenantId])).rows[0]!.n);

/**
 * M7: the rows of a CSV file through `npm run import`'s code path (importCustomers: parse, check,
 * duplicate probes, batched inserts, audit), then the same rows (as the import writes them) by
 * COPY into the same tables, into the empty import tenant beside the seeded one; emptied after each.
 */
export async function benchImport(em: EntityManager, pg: Client, world: World, rows: number): Promise<ImportTiming> {
  const file = path.join(os.tmpdir(), `bench-import-${randomUUID()}.csv`);
  const data = fileRows(rows);
  await writeFile(file, `name,phones,emails,company\n${data.map((r) => `${r.name},${r.phones.join(';')},${r.emails.join(';')},${r.company}`).join('\n')}\n`);
  const tenant = world.importTenantId;
  try {
    const tx = unscoped(em, 'the benchmark imports as the import CLI does, for the whole tenant it names');
    const context = await loadTenantContext(tx, { code: world.importTenantCode });
    const result = await importCustomers(tx, { source: await fileSource(file), context, rejections: new RejectionReportFile(`${file}.rejected.csv`) });
    if (result.imported !== rows || result.rejected || result.duplicates)
      throw new Error(`the import took ${result.imported} of ${rows} rows (${result.rejected} rejected, ${result.duplicates} duplicates)`);
    if ((await count(pg, 'customer_phone', tenant)) !== rows) throw new Error('the import did not write one phone lookup row per customer');
    await pg.query('delete from customer where tenant_id = $1', [tenant]);

    const customers: (string | null)[][] = [];
    const phones: (string | null)[][] = [];
    const emails: (string | null)[][] = [];
    for (const [i, r] of data.entries()) {
      const id = randomUUID();
      customers.push([id, tenant, String(20_000_000 + i), null, r.name, 'UNKNOWN', arrayLiteral(r.phones), arrayLiteral(r.emails), r.company, '', '', '']);
      const lookups = contactLookups(r.phones, r.emails);
      for (const p of lookups.phones) phones.push([randomUUID(), tenant, id, p.raw, p.normalized, p.digits, p.digitsRev]);
      for (const e of lookups.emails) emails.push([randomUUID(), tenant, id, e]);
    }
    const started = performance.now();
    await pg.query('begin');
    await pg.query('set local synchronous_commit to off');
    await copyRows(pg, 'customer', CUSTOMER_COLUMNS, customers);
    await copyRows(pg, 'customer_phone', ['id', 'tenant_id', 'customer_id', 'raw', 'normalized', 'digits', 'digits_rev'], phones);
    await copyRows(pg, 'customer_email', ['id', 'tenant_id', 'customer_id', 'email_lower'], emails);
    await pg.query('commit');
    const copySeconds = (performance.now() - started) / 1000;
    if ((await count(pg, 'customer', tenant)) !== rows) throw new Error('COPY did not write every customer');
    await pg.query('delete from customer where tenant_id = $1', [tenant]);
    // The deletes leave dead rows that autovacuum would clean up in the middle of a later
    // measurement, moving the planner's row estimate (the console's "about N") as it replies.
    await pg.query('vacuum (analyze) customer, customer_phone, customer_email');
    return { importRowsPerSecond: rows / result.seconds, copyRowsPerSecond: rows / copySeconds };
  } finally {
    await rm(file, { force: true });
    await rm(`${file}.rejected.csv`, { force: true });
  }
}
