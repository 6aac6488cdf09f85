import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { Readable } from 'node:stream';
import { BOM, csvCell } from '../../../common/csv-cell';
import { importBatch } from './batch';
import {
  DEFAULT_BATCH_SIZE,
  IMPORT_COLUMNS,
  ImportError,
  isRejection,
  type TenantContext,
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
}

/** Where rejected rows go: the CLI's report file, or the rows of a console import. */
export interface RejectionSink {
  add(rejection: RowRejection): void | Promise<void>;
  close(): Promise<void>;
}

/** The data to import: a stream of CSV text and its size in bytes (for progress). */
export interface ImportSource {
  /** Opened when the import starts (a refused run opens nothing). */
  open(): Readable;
  size: number;
  /** The file's name as the user knows it, for the audit log. */
  name: string;
}

export interface ImportOptions {
  source: ImportSource;
  /** What rows are checked against (loadTenantContext): the tenant, its OUs as the importer may use them, the default OU, the actor. */
  context: TenantContext;
  rejections: RejectionSink;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

/** The rejected-rows report as a file: CSV (UTF-8 with BOM, RFC 4180 by csv-stringify), every cell neutralised for spreadsheets. */
export class RejectionReportFile implements RejectionSink {
  private readonly csv = rejectionCsv();
  private readonly out: WriteStream;
  private failure: Error | undefined;

  constructor(readonly file: string) {
    this.out = createWriteStream(file);
    this.out.on('error', (e) => (this.failure = e));
    this.out.write(BOM);
    this.csv.pipe(this.out);
  }

  add(rejection: RowRejection) {
    if (this.failure) throw this.error();
    for (const cells of rejectionCells(rejection)) this.csv.write(cells);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.error());
      this.out.on('close', () => (this.failure ? reject(this.error()) : resolve()));
      this.csv.end();
    });
  }

  private error() {
    return new ImportError(`cannot write the report ${this.file}: ${this.failure!.message}`);
  }
}

/** A CSV writer of report lines (header first), cells neutralised by csvCell. */
export const rejectionCsv = () => stringify({ header: true, columns: [...REJECTION_HEADER], record_delimiter: 'windows', cast: { string: csvCell } });

/** The report's columns: the problem, then the row as read (to fix it in a spreadsheet). */
export const REJECTION_HEADER = ['line', 'field', 'reason', ...IMPORT_COLUMNS] as const;

/** One report line per rejected field of a row. */
export const rejectionCells = (rejection: RowRejection): (string | number)[][] =>
  Object.entries(rejection.fields).map(([field, reason]) => [rejection.line, field, reason, ...IMPORT_COLUMNS.map((c) => rejection.record?.[c] ?? '')]);

/** Opens a CSV file as an import source; a missing file is the user's error. */
export async function fileSource(file: string): Promise<ImportSource> {
  const size = await stat(file).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw new ImportError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    },
  );
  return { open: () => createReadStream(file), size, name: path.basename(file) };
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
 * Streams CSV text into the tenant's customers: parse and check rows while the previous batch
 * is written (one batch in flight), one transaction and one audit entry per batch.
 */
export async function importCustomers(em: EntityManager, options: ImportOptions): Promise<ImportResult> {
  const started = process.hrtime.bigint();
  const { source, context: ctx, rejections: report } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress: ImportProgress = { bytesRead: 0, fileSize: source.size, rows: 0, imported: 0, duplicates: 0, rejected: 0 };
  const audit = { runId: randomUUID(), file: source.name, batch: 0 };

  const input = source.open();
  input.on('data', (chunk: Buffer | string) => (progress.bytesRead += chunk.length));
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
          return options.onProgress?.(progress);
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
        await report.add(row);
      } else {
        batch.push(row);
        if (batch.length >= batchSize) {
          // One batch in flight: wait for the previous one before queueing this one.
          await inFlight;
          flush(batch);
          batch = [];
        }
      }
      if (progress.rows % 256 === 0) await options.onProgress?.(progress);
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
    if (closed && !failure) failure = closed;
  }
  if (failure) throw failure;
  progress.bytesRead = source.size;
  await options.onProgress?.(progress);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...progress, seconds, rowsPerSecond: progress.rows / seconds };
}
