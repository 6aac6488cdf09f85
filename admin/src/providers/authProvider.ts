import type { AuthProvider } from 'react-admin';
import { PASSWORD_CHANGE_REQUIRED, reasonOf, toHttpError } from './errors';
import type { Me } from './permissions';
import { queryClient } from './queryClient';
import { clearSession, getSession, setSession } from './session';

/**
 * Apollo Client (authRequests) and the permission rules (permissions, which read the schema) are
 * loaded when first needed, at sign-in or with a kept session: the login page does without them.
 */
let requests: Promise<typeof import('./authRequests')> | undefined;
const loadRequests = () => (requests ??= import('./authRequests'));

/** One `me` request per signed-in token, shared by identity, permissions and canAccess. */
let meCache: { token: string; promise: Promise<Me> } | undefined;

export function getMe(): Promise<Me> {
  const session = getSession();
  if (!session) return Promise.reject(toHttpError({ graphQLErrors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] }));
  if (meCache?.token !== session.token) {
    const promise = loadRequests()
      .then((r) => r.requestMe())
      .catch((error: unknown) => {
        meCache = undefined;
        throw toHttpError(error);
      });
    meCache = { token: session.token, promise };
  }
  return meCache.promise;
}

/** Forgets the cached `me` (e.g. after the password change) and lets every `useMe` read it again. */
export async function refreshMe(): Promise<void> {
  meCache = undefined;
  await queryClient.invalidateQueries({ queryKey: ['me'] });
}

const statusOf = (error: unknown) => (error && typeof error === 'object' ? (error as { status?: number }).status : undefined);

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      setSession(await (await loadRequests()).requestLogin(username, password));
      meCache = undefined;
    } catch (error) {
      const mapped = toHttpError(error);
      throw new Error(mapped instanceof Error ? mapped.message : 'app.errors.sign_in_failed');
    }
  },

  async logout() {
    clearSession();
    meCache = undefined;
    // Signing out of the login page (no session yet) has no Apollo cache to clear: none is loaded for it.
    if (requests) await (await requests).clearStore();
  },

  async checkAuth() {
    if (!getSession()) throw { message: false };
  },

  async checkError(error: unknown) {
    if (statusOf(error) === 401) {
      clearSession();
      meCache = undefined;
      throw { message: 'app.errors.session_ended' };
    }
    // The server asks for the initial password change first: the layout shows that page only.
    if (statusOf(error) === 403 && reasonOf(error) === PASSWORD_CHANGE_REQUIRED) {
      const session = getSession();
      if (session && !session.mustChangePassword) setSession({ ...session, mustChangePassword: true });
      await refreshMe();
      return;
    }
    // 403 and the rest: stay signed in, the page shows the error.
  },

  async getIdentity() {
    const me = await getMe();
    return { id: me.id, fullName: me.name, account: me.account, tenantName: me.tenant.name, tenantCode: me.tenant.code };
  },

  async getPermissions() {
    if (!getSession()) return [];
    return (await getMe()).permissions;
  },

  async canAccess({ resource, action, record }) {
    if (!getSession()) return false;
    const [me, { isAllowed }] = await Promise.all([getMe(), import('./permissions')]);
    return isAllowed(me, resource, action, record);
  },
};
