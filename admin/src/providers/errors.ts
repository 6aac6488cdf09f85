import { HttpError } from 'react-admin';

interface GqlError {
  message: string;
  extensions?: { code?: string; reason?: string; fields?: Record<string, string>; [k: string]: unknown };
}

interface ApolloLikeError {
  message?: string;
  graphQLErrors?: GqlError[];
  networkError?: { statusCode?: number; message?: string; result?: { errors?: GqlError[] } } | null;
}

/**
 * The console's own wording for two refusals (translation keys, shown through react-admin's
 * notifications); any other server message is shown as the server sends it.
 */
export const CONFLICT_MESSAGE = 'app.errors.conflict';

export const MISSING_PERMISSION_MESSAGE = 'app.errors.missing_permission';

/** The server's `extensions.reason` while the signed-in employee still has to change its initial password. */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/** The Apollo error behind an error from ra-data-graphql (wrapped in an HttpError body) or from Apollo itself. */
function apolloErrorOf(error: unknown): ApolloLikeError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const body = (error as { body?: unknown }).body;
  if (body && typeof body === 'object' && ('graphQLErrors' in body || 'networkError' in body)) return body as ApolloLikeError;
  if ('graphQLErrors' in error || 'networkError' in error) return error as ApolloLikeError;
  return undefined;
}

/**
 * Maps GraphQL errors to what react-admin understands: field errors (BAD_USER_INPUT with
 * `extensions.fields`) become `HttpError(message, 400, { errors })`, shown under each input;
 * UNAUTHENTICATED is a 401 (the authProvider signs out); CONFLICT gets a clear message;
 * FORBIDDEN keeps its `reason` (e.g. PASSWORD_CHANGE_REQUIRED).
 *
 * This stays the console's: stock ra-data-graphql cannot do it whatever the server answers. ra-core
 * shows server validation under the inputs from `error.body.errors` ({ field: message }), and
 * ra-data-graphql's HttpError has as body the ApolloError for GraphQL errors in a 2xx reply (no
 * `errors` there: `graphQLErrors`) and no body at all for any other reply (status only). The
 * statuses are the server's: 401 / 403 are what it answers a request refused as a whole with.
 */
export function toHttpError(error: unknown): unknown {
  if (error instanceof HttpError && !apolloErrorOf(error)) return error;
  const apollo = apolloErrorOf(error);
  if (!apollo) return error;
  const errors = apollo.graphQLErrors?.length ? apollo.graphQLErrors : (apollo.networkError?.result?.errors ?? []);
  const first = errors[0];
  const code = first?.extensions?.code;
  const message = first?.message ?? apollo.networkError?.message ?? apollo.message ?? 'Request failed';
  switch (code) {
    case 'UNAUTHENTICATED':
      return new HttpError(message, 401, { code });
    case 'FORBIDDEN':
      // The server names the permission codes it missed ("Missing permission roles:view"): for integrators, not for the screen.
      return new HttpError(/^Missing permission/.test(message) ? MISSING_PERMISSION_MESSAGE : message, 403, { code, reason: first?.extensions?.reason });
    case 'NOT_FOUND':
      return new HttpError(message, 404, { code });
    case 'CONFLICT':
      return new HttpError(CONFLICT_MESSAGE, 409, { code });
    case 'BAD_USER_INPUT': {
      const fields = first?.extensions?.fields;
      if (fields && Object.keys(fields).length > 0) {
        return new HttpError(message, 400, { code, errors: { ...fields, root: { serverError: message } } });
      }
      return new HttpError(message, 400, { code });
    }
    default:
      return new HttpError(message, apollo.networkError?.statusCode ?? (code ? 400 : 500), { code });
  }
}

/** The per-field messages of a mapped error (BAD_USER_INPUT), if any. */
export function fieldErrorsOf(error: unknown): Record<string, string> | undefined {
  const errors = (error as { body?: { errors?: Record<string, unknown> } } | null)?.body?.errors;
  if (!errors) return undefined;
  const fields = Object.fromEntries(Object.entries(errors).filter(([k, v]) => k !== 'root' && typeof v === 'string')) as Record<string, string>;
  return Object.keys(fields).length ? fields : undefined;
}

export const reasonOf = (error: unknown): string | undefined => (error as { body?: { reason?: string } } | null)?.body?.reason;
