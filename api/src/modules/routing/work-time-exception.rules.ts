import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldErrors } from '../../base/errors';
import type { WorkTimeException } from './work-time-exception.entity';
import type { WorkTimeExceptionFilter } from './work-time-exception.inputs';
import { segmentsOf, type TimeSegmentInput } from './work-time.inputs';
import { exceptionErrors } from './work-time.validation';

/** The rules of a web channel's dated exception (issue 10 item 6), for its resource declaration. */

/** The filter's own fields: the channel by equality, the dates as an inclusive range. */
export function exceptionFilterWhere(f: WorkTimeExceptionFilter): FilterQuery<WorkTimeException>[] {
  const parts: FilterQuery<WorkTimeException>[] = [];
  if (f.channelId != null) parts.push({ channel: f.channelId });
  if (f.from != null) parts.push({ date: { $gte: f.from } });
  if (f.to != null) parts.push({ date: { $lte: f.to } });
  return parts;
}

/**
 * The resource's `nested.apply`: given segments are stored as plain values (null: none); a date
 * closed all day whose segments are not given loses its special hours, so closing a date is one
 * edit (the console does not send the hidden segments).
 */
export async function applyExceptionSegments(_em: EntityManager, exception: WorkTimeException, values: Record<string, unknown>): Promise<void> {
  const given = values.segments as TimeSegmentInput[] | null | undefined;
  if (given !== undefined) exception.segments = segmentsOf(given ?? []);
  else if (exception.closed) exception.segments = [];
}

/** The resource's `check`: the rules of one exception (`exceptionErrors`), by field. */
export function checkException(_em: EntityManager, exception: WorkTimeException): FieldErrors {
  return exceptionErrors(exception);
}
