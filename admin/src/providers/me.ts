import { useQuery } from '@tanstack/react-query';
import { getMe } from './authProvider';
import type { Me } from './permissions';
import { getToken } from './session';

/** The signed-in principal (`me`), shared with the authProvider's cache: one request per token. */
export function useMe() {
  const token = getToken();
  return useQuery<Me>({ queryKey: ['me', token], queryFn: getMe, enabled: !!token, staleTime: Infinity, retry: false });
}
