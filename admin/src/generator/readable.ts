import { useCallback } from 'react';
import { useMe } from '../providers/me';
import { mayRun, operationOf } from '../providers/permissions';

/** Whether the caller may read records of a resource: the list query a reference's names come from (getMany). */
export type MayRead = (resource: string) => boolean;

/**
 * The signed-in user's MayRead, from `me` and the access the server declares for each list query
 * (schema/constraints.json). A column, field or filter naming records of a resource the user
 * may not read is left out: asked anyway, the server refuses (403), and the console showed
 * its raw reason ("Missing permission roles:view") and an empty column. Nothing is readable
 * until `me` is known.
 */
export function useMayRead(): MayRead {
  const { data: me } = useMe();
  return useCallback((resource: string) => !!me && mayRun(me, operationOf(resource, 'list')), [me]);
}

/** The items whose reference (if any) the user may read. */
export const readableOnly = <T extends { reference?: string }>(items: readonly T[], mayRead: MayRead): T[] =>
  items.filter((i) => !i.reference || mayRead(i.reference));
