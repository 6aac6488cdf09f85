import type { FormattedExecutionResult } from 'graphql';
import type { Logger } from '../logger';
import { ErrorCode } from '../base/errors';

/** 10 MiB: an export of 500 records of the largest type with all their fields is far below it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** What is sent instead of a reply over the limit: no partial data, a stable code. */
export function tooLargeResult(limit: number): FormattedExecutionResult {
  return {
    errors: [
      {
        message: `The reply would be larger than the limit of ${megabytes(limit)}; ask for less (smaller pages, fewer fields or nested lists)`,
        extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxResponseBytes: limit },
      },
    ],
  };
}

/**
 * Serialises a reply once and sends it only if it fits MAX_RESPONSE_BYTES: the last stop for
 * whatever the cost limit let through (e.g. lists the data does not bound), before the bytes
 * go out to the socket.
 */
export function sizeLimitedStringify(limit: number, logger: Logger) {
  return (result: FormattedExecutionResult): string => {
    const body = JSON.stringify(result);
    const bytes = Buffer.byteLength(body);
    if (bytes <= limit) return `${body}\n`;
    logger.warn({ bytes, limit }, 'reply over the response size limit');
    return `${JSON.stringify(tooLargeResult(limit))}\n`;
  };
}

/** The same check for a WebSocket message (graphql-ws serialises it after this). */
export function withinSizeLimit(result: FormattedExecutionResult, limit: number, logger: Logger): FormattedExecutionResult | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(result));
  if (bytes <= limit) return undefined;
  logger.warn({ bytes, limit }, 'reply over the response size limit');
  return tooLargeResult(limit);
}
