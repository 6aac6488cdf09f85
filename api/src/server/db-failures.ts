/** PostgreSQL's query_canceled: the statement timeout (or an operator) cancelled the statement. */
const QUERY_CANCELED = '57014';

export const STATEMENT_TIMEOUT_MESSAGE = 'The query took longer than the server allows and was cancelled; ask for less (smaller pages, fewer nested lists)';

/**
 * Whether a failure is a statement cancelled by PostgreSQL, however it reached the resolver:
 * the pg error itself, or wrapped by MikroORM (`previous`), by Error `cause` or by GraphQL
 * (`originalError`).
 */
export function isStatementTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as { code?: unknown; originalError?: unknown; previous?: unknown; cause?: unknown };
    if (candidate.code === QUERY_CANCELED) return true;
    e = candidate.originalError ?? candidate.previous ?? candidate.cause;
  }
  return false;
}
