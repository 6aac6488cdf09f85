import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, Observable, from, type FetchResult } from '@apollo/client';
import { getToken } from './session';

/** Same origin as the console (the API serves it under /admin); overridable for development. */
export const GRAPHQL_URL: string = import.meta.env.VITE_GRAPHQL_URL ?? '/graphql';
/** The API's HTTP endpoints (file uploads), beside /graphql. */
export const API_URL: string = GRAPHQL_URL.replace(/\/graphql$/, '/api');

const authLink = new ApolloLink((operation, forward) => {
  const token = getToken();
  if (token) {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: `Bearer ${token}` },
    }));
  }
  return forward(operation);
});

/**
 * A non-2xx reply that carries GraphQL errors (a refusal answered 401 / 403, a validation failure
 * answered 400) is handed on as those errors, so the console reads their code, message, reason and
 * fields (errors.ts). Apollo Client reports it as a network error, and ra-data-graphql keeps only
 * the status of a network error: "Response not successful: Received status code 403", no reason.
 */
const replyErrorsLink = new ApolloLink(
  (operation, forward) =>
    new Observable<FetchResult>((observer) => {
      const subscription = forward(operation).subscribe({
        next: (result) => observer.next(result),
        complete: () => observer.complete(),
        error: (error: { result?: { errors?: FetchResult['errors'] } }) => {
          const errors = error?.result?.errors;
          if (!Array.isArray(errors) || errors.length === 0) return observer.error(error);
          observer.next({ errors });
          observer.complete();
        },
      });
      return () => subscription.unsubscribe();
    }),
);

export const apolloClient = new ApolloClient({
  link: from([replyErrorsLink, authLink, new HttpLink({ uri: GRAPHQL_URL })]),
  cache: new InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: 'no-cache' },
    watchQuery: { fetchPolicy: 'no-cache' },
    mutate: { fetchPolicy: 'no-cache' },
  },
});
