import { gql } from '@apollo/client';
import { apolloClient } from './apollo';
import type { Me } from './permissions';

/**
 * The authProvider's requests, over the console's Apollo Client. A module of their own, loaded on
 * first use: the login page shows before Apollo Client and graphql are loaded.
 */

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
        contactRecordSpanDays
      }
      permissions
      readableOuIds
      writableOuIds
      canReadUnorganized
      canWriteUnorganized
    }
  }
`;

export async function requestLogin(account: string, password: string) {
  const { data } = await apolloClient.mutate<{ login: { token: string; expiresAt: string; mustChangePassword: boolean } }>({
    mutation: LOGIN,
    variables: { account, password },
  });
  return data!.login;
}

export async function requestMe(): Promise<Me> {
  return (await apolloClient.query<{ me: Me }>({ query: ME })).data.me;
}

export const clearStore = () => apolloClient.clearStore();
