/** The error vocabulary every layer speaks; mapped to replies once, at the edge (server/errors.ts). */
import { GraphQLError } from 'graphql';

/** Stable error codes: clients switch on `extensions.code`, never on messages. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A statement ran past the statement timeout (STATEMENT_TIMEOUT_MS) and was cancelled. */
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  /** The reply would exceed MAX_RESPONSE_BYTES; nothing of it is sent. */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  /** The database cannot serve right now (unreachable, restarting, out of connections): try again shortly. HTTP 503 with Retry-After. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export type FieldErrors = Record<string, string>;

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Authentication required') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'Not allowed') => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (type: string) => new AppError(ErrorCode.NOT_FOUND, `${type} not found`);
export const conflict = (message = 'The record was changed by someone else; reload and try again') => new AppError(ErrorCode.CONFLICT, message);
export const badInput = (fields: FieldErrors, message?: string, extra: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message ?? Object.values(fields)[0] ?? 'Invalid input', {
    fields,
    ...extra,
  });
