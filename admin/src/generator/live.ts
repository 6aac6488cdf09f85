import { useEffect } from 'react';
import { useRefresh } from 'react-admin';
import { subscribe } from '../providers/live';

const RESOURCE_CHANGED = 'subscription($r: String!, $after: SafeInt) { resourceChanged(resource: $r, after: $after) { seq type ids } }';

/**
 * A list refreshes when a record of its resource is created, changed or deleted by anyone
 * (react-admin's real-time topic resource/<name>), without a reload. Changes arriving together
 * are one refresh.
 */
export function useLiveRefresh(resource: string): void {
  const refresh = useRefresh();
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe(RESOURCE_CHANGED, { r: resource }, () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        refresh();
      }, 200);
    });
    return () => {
      clearTimeout(pending);
      unsubscribe();
    };
  }, [resource, refresh]);
}
