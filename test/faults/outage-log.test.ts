import { describe, expect, it } from 'vitest';
import { createLogger, databaseAnswered } from '../../api/src/logger';
import { capturedLog } from '../support/own-database';

/**
 * Issue 14 item 2: an outage is logged once when it starts and once when it ends. A statement
 * sent before it began may still be answered as it starts: that answer does not end it (CI saw
 * the outage logged twice, its start and end split by such a late answer).
 */
describe('the outage log', () => {
  it('ends an outage only on an answer to a statement sent after it began', () => {
    const log = capturedLog();
    const logger = createLogger('info', log.destination);
    const sentBefore = Date.now() - 1000;
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    logger.error({ err: refused, request: true }, 'request failed');
    databaseAnswered(logger, sentBefore);
    logger.error({ err: refused, request: true }, 'request failed');
    databaseAnswered(logger, Date.now() + 1);
    const messages = log.lines.map((l) => String(l.msg));
    expect(messages.filter((m) => m.startsWith('database unavailable'))).toHaveLength(1);
    expect(log.lines.filter((l) => l.msg === 'database available again')).toEqual([expect.objectContaining({ refusedRequests: 2, otherFailures: 0 })]);
  });
});
