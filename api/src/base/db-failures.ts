import { createHash } from 'node:crypto';

/** PostgreSQL's query_canceled: the statement timeout (or an operator) cancelled the statement. */
const QUERY_CANCELED = '57014';

export const STATEMENT_TIMEOUT_MESSAGE = 'The query took longer than the server allows and was cancelled; ask for less (smaller pages, fewer nested lists)';
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now; nothing was changed. Try again in a few seconds';

interface Failure {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  originalError?: unknown;
  previous?: unknown;
  cause?: unknown;
}

/** The failure and what it wraps: MikroORM (`previous`), Error `cause`, GraphQL (`originalError`). */
function* causes(error: unknown): Generator<Failure> {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const failure = e as Failure;
    yield failure;
    e = failure.originalError ?? failure.previous ?? failure.cause;
  }
}

/** Whether a failure is a statement cancelled by PostgreSQL, however it reached the resolver. */
export function isStatementTimeout(error: unknown): boolean {
  for (const e of causes(error)) if (e.code === QUERY_CANCELED) return true;
  return false;
}

/** Sockets that failed or never opened (Node's errno codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server shutting down, starting or full: admin/crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg and knex say when a connection dies or none is free in time; they carry no code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Timeout acquiring a connection/;

/**
 * Whether a failure means the database cannot serve right now — unreachable, restarting, out of
 * connections, or no pooled connection within the wait — rather than a fault of the request or
 * of our code: answered SERVICE_UNAVAILABLE, "try again shortly".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true;
    if (e.name === 'KnexTimeoutError' || e.name === 'ConnectionException') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/**
 * A failure as it may be logged. Query text and driver messages carry values (a phone number in
 * a WHERE clause, "Key (email)=(…) already exists"), which are personal data: a database failure
 * is logged as its type, SQLSTATE and a fingerprint of the statement's shape (literals removed),
 * never its text; any other failure as its type, message and stack frames.
 */
export function loggableFailure(error: unknown): Record<string, unknown> {
  const chain = [...causes(error)];
  const database = chain.find(
    (e) => typeof (e as { sqlState?: unknown }).sqlState === 'string' || /Exception$/.test(String(e.name ?? '')) || isSqlState(e.code),
  );
  const top = chain.at(-1) ?? {};
  if (database || chain.some((e) => NETWORK_CODES.has(String(e.code)))) {
    const found = database ?? chain.find((e) => NETWORK_CODES.has(String(e.code)))!;
    const statement = chain.map((e) => statementOf(e.message)).find(Boolean);
    return { type: String(found.name ?? 'Error'), code: found.code ?? null, ...(statement ? { statement: fingerprint(statement) } : {}) };
  }
  const stack = typeof (top as { stack?: unknown }).stack === 'string' ? (top as { stack: string }).stack : '';
  return {
    type: String(top.name ?? 'Error'),
    message: typeof top.message === 'string' ? top.message.slice(0, 300) : String(top),
    stack: stack
      .split('\n')
      .filter((line) => line.trim().startsWith('at '))
      .join('\n'),
  };
}

const isSqlState = (code: unknown) => typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('E');

/** knex prefixes a driver message with the statement: "<sql> - <message>". */
function statementOf(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined;
  const cut = message.lastIndexOf(' - ');
  const sql = cut > 0 ? message.slice(0, cut) : '';
  return /^\s*(with|select|insert|update|delete)\b/i.test(sql) ? sql : undefined;
}

/** The statement's shape: string and number literals, and lists of them, replaced; hashed. */
function fingerprint(sql: string): string {
  const shape = sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, '?')
    .replace(/\(\s*\?(\s*,\s*\?)*\s*\)/g, '(?)')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return createHash('sha256').update(shape).digest('hex').slice(0, 16);
}
