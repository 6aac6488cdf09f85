import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../base/errors';
import type { Logger } from '../logger';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, isStatementTimeout, STATEMENT_TIMEOUT_MESSAGE } from '../base/db-failures';

/** Codes produced by graphql-js / Apollo before any resolver runs; passed through as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function codeOf(error: GraphQLError | GraphQLFormattedError): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), ...REQUEST_CODES]);

/** Drops "Did you mean ...?" hints so the schema is not revealed through error messages. */
export function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean .*\?$/s, '');
}

/**
 * The one place errors leave the server (HTTP and WebSocket). Known codes pass; anything else
 * is an internal failure: logged with its stack, answered with a generic message.
 */
export function createErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    if (isDatabaseUnavailable(original)) {
      // Counted into the outage's two log lines (logger.ts), not one line per request.
      logger.error({ err: unwrap(original), request: true }, 'database unavailable');
      return {
        message: DATABASE_UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const code = codeOf(formatted);
    if (code && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const message = production ? stripSuggestions(formatted.message) : formatted.message;
      return { ...formatted, message, extensions: { ...formatted.extensions, stacktrace: undefined } };
    }
    if (isStatementTimeout(original)) {
      logger.warn({ path: formatted.path }, 'statement timeout');
      return { message: STATEMENT_TIMEOUT_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.QUERY_TIMEOUT } };
    }
    logger.error({ err: unwrap(original), path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
