import { gql } from '@apollo/client';
import type { AuthProvider } from 'react-admin';
import { apolloClient } from './apollo';
import { PASSWORD_CHANGE_REQUIRED, reasonOf, toHttpError } from './errors';
import { isAllowed, type Me } from './permissions';
import { queryClient } from './queryClient';
import { clearSession, getSession, setSession } from './session';

const LOGIN = gql`
  mutation login($account: String!, $password: String!) {
    login(account: $account, password: $password) {
      token
      expiresAt
      mustChangePassword
    }
  }
`;

const ME = gql`
  query me {
    me {
      id
      kind
      account
      name
      isTenantAdmin
      mustChangePassword
      tenant {
        code
        name
      }
      permissions
      readableOuIds
      writableOuIds
      canReadUnorganized
      canWriteUnorganized
    }
  }
`;

/** One `me` request per signed-in token, shared by identity, permissions and canAccess. */
let meCache: { token: string; promise: Promise<Me> } | undefined;

export function getMe(): Promise<Me> {
  const session = getSession();
  if (!session) return Promise.reject(toHttpError({ graphQLErrors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] }));
  if (meCache?.token !== session.token) {
    const promise = apolloClient
      .query<{ me: Me }>({ query: ME })
      .then((res) => res.data.me)
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
      const { data } = await apolloClient.mutate<{ login: { token: string; expiresAt: string; mustChangePassword: boolean } }>({
        mutation: LOGIN,
        variables: { account: username, password },
      });
      setSession(data!.login);
      meCache = undefined;
    } catch (error) {
      const mapped = toHttpError(error);
      throw new Error(mapped instanceof Error ? mapped.message : 'app.errors.sign_in_failed');
    }
  },

  async logout() {
    clearSession();
    meCache = undefined;
    await apolloClient.clearStore();
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
    return isAllowed(await getMe(), resource, action, record);
  },
};
