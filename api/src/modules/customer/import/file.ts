import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CsvError, parse } from 'csv-parse';
import { importBatch } from './batch';
import { unscoped } from '../../../common/row-scope';
import {
  DEFAULT_BATCH_SIZE,
  IMPORT_COLUMNS,
  ImportError,
  isRejection,
  loadTenantContext,
  prepareRow,
  type ImportRecord,
  type PreparedCustomer,
  type RowRejection,
} from './rows';

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
export async function importCustomers(operatorEm: EntityManager, options: ImportOptions): Promise<ImportResult> {
  const started = process.hrtime.bigint();
  const fileSize = await stat(options.file).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw new ImportError(`cannot read ${options.file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    },
  );
  // The import CLI is the tenant's operator: the tenant it names is the only scope (loadTenantContext and every batch).
  const em = unscoped(operatorEm, 'the import CLI acts for the whole tenant it names');
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
