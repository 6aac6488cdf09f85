import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FormattedExecutionResult, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { PUBLIC } from '../authz/access';
import type { Context } from '../base/context';
import { ErrorCode } from '../base/errors';

/** The statuses of a request refused as a whole, by the code of its errors. */
export const REFUSAL_STATUS: Partial<Record<string, number>> = { [ErrorCode.UNAUTHENTICATED]: 401, [ErrorCode.FORBIDDEN]: 403 };

/**
 * The response keys of the operation's root fields that are declared public (login, clientLogin):
 * their UNAUTHENTICATED is the operation's answer (wrong credentials), not a refusal of the caller.
 */
export function publicRootKeys(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const root = schema.getRootType(operation.operation);
  const fields = root?.getFields() ?? {};
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const keys = new Set<string>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (fields[s.name.value]?.extensions?.access === PUBLIC) keys.add(s.alias?.value ?? s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        visit(s.selectionSet);
      } else if (!visited.has(s.name.value)) {
        visited.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) visit(fragment);
      }
    }
  };
  visit(operation.selectionSet);
  return keys;
}

/**
 * The HTTP status of a reply that refuses the whole request for being unauthenticated (401) or
 * not allowed (403); undefined for any other reply. A request is refused as a whole when every
 * error is UNAUTHENTICATED or FORBIDDEN and the reply delivers nothing: no data (a refusal before
 * execution, or a refused non-null root field nulled it all), or data whose root fields are each
 * null and refused (a nullable root field answered null without an error was not refused). A
 * reply with any root field answered, or any other error, or an error of a public root field
 * (`publicKeys`: a failed login answers, it refuses no one), keeps Apollo's status (200 for field
 * errors). UNAUTHENTICATED wins over FORBIDDEN: signing in again is the first thing to do.
 */
export function refusalStatus(result: FormattedExecutionResult, publicKeys: ReadonlySet<string> = new Set()): number | undefined {
  const errors = result.errors ?? [];
  if (!errors.length) return undefined;
  const codes = errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : ''));
  if (!codes.every((c) => REFUSAL_STATUS[c] !== undefined)) return undefined;
  if (errors.some((e) => typeof e.path?.[0] === 'string' && publicKeys.has(e.path[0]))) return undefined;
  if (result.data) {
    const refused = new Set(errors.map((e) => e.path?.[0]));
    if (!Object.entries(result.data).every(([key, value]) => value === null && refused.has(key))) return undefined;
  }
  return codes.includes(ErrorCode.UNAUTHENTICATED) ? 401 : 403;
}

/**
 * A request refused as a whole answers 401 / 403, so stock clients react: react-admin's
 * `authProvider.checkError` signs out on the status its data provider reports, Apollo Client's
 * error links and plain `fetch` callers see it too. The reply carries the errors and no `data`
 * (the shape of a request error, as the GraphQL-over-HTTP spec has it for 4xx): it delivers
 * nothing, and Apollo Client reports a 4xx reply as the network error with that status only when
 * it has no data. A 401 names the scheme (RFC 9110, RFC 6750). Partial results keep HTTP 200.
 * WebSocket operations have no status; their errors carry the same codes.
 */
export const refusalStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, schema, document, operation }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const status = refusalStatus(result, document && operation ? publicRootKeys(schema, document, operation) : undefined);
        if (!status) return;
        response.http.status = status;
        if (status === 401) response.http.headers.set('www-authenticate', 'Bearer');
        delete (result as { data?: unknown }).data;
      },
    };
  },
};
