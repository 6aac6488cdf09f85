import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../base/context';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../base/db-failures';
import { ErrorCode } from '../base/errors';

/** How soon a client should try again after SERVICE_UNAVAILABLE (Retry-After, seconds). */
export const RETRY_AFTER_SECONDS = '2';

/** A request refused because the database cannot serve it (thrown before execution, e.g. while signing the caller in). */
export function databaseUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: new HeaderMap([['retry-after', RETRY_AFTER_SECONDS]]) } },
  });
}

/**
 * A reply with an error that the database was unavailable answers HTTP 503 with Retry-After, so
 * a client, a proxy or a load balancer can tell "try again shortly" from a fault (RFC 9110 §15.6.4).
 * The WebSocket has no status: its errors carry the same code.
 */
export const unavailableStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', RETRY_AFTER_SECONDS);
      },
    };
  },
};
