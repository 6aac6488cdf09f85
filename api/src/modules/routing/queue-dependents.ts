import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import type { FieldErrors } from '../../base/errors';
import type { RoutingMediaType } from './media-type';

/**
 * What a queue or group write is about to change in the media its holders serve: a queue's
 * type, or a group's member queues. Records of other modules that hold queues (agents, with
 * their one-media-class rule) check it before anything is written; routing cannot import them
 * (they import routing), so they register here.
 */
export type QueueMediaChange = { kind: 'queue'; queueId: string; type: RoutingMediaType } | { kind: 'group'; groupId: string; memberIds: readonly string[] };

/** Errors on the written record's field (`type`, `skillQueueIds`) for the holders this change would break; {} when none. */
export type QueueMediaCheck = (em: EntityManager, ctx: Context, change: QueueMediaChange) => Promise<FieldErrors>;

const CHECKS: QueueMediaCheck[] = [];

/** Registers a holder's check (once, where its module is declared). */
export function addQueueMediaCheck(check: QueueMediaCheck): void {
  if (!CHECKS.includes(check)) CHECKS.push(check);
}

/** Every registered holder's errors for the change (called from the queue's and the group's check). */
export async function queueMediaErrors(em: EntityManager, ctx: Context, change: QueueMediaChange): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  for (const check of CHECKS) Object.assign(errors, await check(em, ctx, change));
  return errors;
}
