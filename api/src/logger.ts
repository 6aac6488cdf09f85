import pino from 'pino';
import { isDatabaseUnavailable, loggableFailure } from './base/db-failures';

export type Logger = pino.Logger;

/** An outage of the database as the log tells it: once when it starts, once when it ends. */
interface Outage {
  since: number | null;
  refusedRequests: number;
  otherFailures: number;
}

const outages = new WeakMap<object, Outage>();

/**
 * Every logged `err` goes through `loggableFailure`: no query text or driver message (they carry
 * customers' data) reaches the log. A failure that means the database is unavailable is logged
 * once when an outage starts; the rest of it only counts (`request: true` marks a refused
 * request), told when `databaseAnswered` sees it end: a few lines, not one per request.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const outage: Outage = { since: null, refusedRequests: 0, otherFailures: 0 };
  const logger = pino(
    {
      level,
      redact: { paths: ['password', '*.password', 'variables.password', 'variables.*Password', 'authorization'], censor: '***' },
      serializers: { err: loggableFailure },
      hooks: {
        logMethod(args, method) {
          const fields = args[0] as { err?: unknown; request?: unknown } | undefined;
          if (!fields || typeof fields !== 'object' || !isDatabaseUnavailable(fields.err)) return method.apply(this, args);
          if (outage.since !== null) {
            if (fields.request === true) outage.refusedRequests++;
            else outage.otherFailures++;
            return;
          }
          outage.since = Date.now();
          if (fields.request === true) outage.refusedRequests++;
          return method.call(
            this,
            { err: fields.err },
            'database unavailable: requests answer SERVICE_UNAVAILABLE and background work retries until it is back',
          );
        },
      },
    },
    destination,
  );
  outages.set(logger, outage);
  return logger;
}

/**
 * A statement succeeded: ends an outage the logger reported, saying how long it lasted and what it
 * refused. Only a statement sent after the outage began says the database is back: one sent before
 * may still be answered as the outage starts, which logged it as over and begun again.
 */
export function databaseAnswered(logger: Logger, sentAt: number): void {
  const outage = outages.get(logger);
  if (!outage || outage.since === null || sentAt <= outage.since) return;
  const { refusedRequests, otherFailures } = outage;
  const seconds = Math.round((Date.now() - outage.since) / 100) / 10;
  outage.since = null;
  outage.refusedRequests = 0;
  outage.otherFailures = 0;
  logger.warn({ seconds, refusedRequests, otherFailures }, 'database available again');
}
