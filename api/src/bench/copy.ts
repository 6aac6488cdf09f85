import type { Client, Connection } from 'pg';

/**
 * `COPY ... FROM STDIN` through node-postgres without pg-copy-streams: pg sends a submittable's
 * text and hands it the connection on CopyInResponse (the hook pg-copy-streams uses).
 */
class CopyIn {
  private error: Error | undefined;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
    private readonly done: (error?: Error) => void,
  ) {}

  submit(connection: Connection & { query(text: string): void }) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection & { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
    for (let at = 0; at < this.data.length; at += 1 << 16) connection.sendCopyFromChunk(this.data.subarray(at, at + (1 << 16)));
    connection.endCopyFrom();
  }

  handleCommandComplete() {}
  handleEmptyQuery() {}
  handleRowDescription() {}
  handleDataRow() {}

  handleError(e: Error) {
    this.error = e;
  }

  handleReadyForQuery() {
    this.done(this.error);
  }
}

/** COPY `table (columns)` of rows (null = \N) in text format. */
export function copyRows(pg: Client, table: string, columns: string[], rows: (string | null)[][]): Promise<void> {
  const cell = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
  const data = Buffer.from(rows.map((r) => `${r.map(cell).join('\t')}\n`).join(''));
  return new Promise((resolve, reject) => {
    pg.query(new CopyIn(`copy ${table} (${columns.join(', ')}) from stdin`, data, (e) => (e ? reject(e) : resolve())) as never);
  });
}

/** A text[] literal of these values. */
export const arrayLiteral = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
