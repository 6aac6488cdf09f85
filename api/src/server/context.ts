import type { AppServices, Context } from '../base/context';
import { principalFor } from '../modules/identity/principal-check';

export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/**
 * A request's context. With `deferPrincipalCheck` (GraphQL over HTTP, whose root fields wait for
 * the check or fold it: server/verified-principal.ts), a cached principal is confirmed during the
 * request; otherwise it is confirmed before the context is returned.
 */
export async function createContext(
  services: AppServices,
  token: string | undefined,
  clientAddress: string,
  options: { deferPrincipalCheck?: boolean } = {},
): Promise<Context> {
  const ctx: Context = { em: services.em.fork(), services, clientAddress, memo: new Map() };
  const claims = token ? await services.tokens.verify(token) : null;
  if (claims) await principalFor(ctx, claims, { deferCheck: options.deferPrincipalCheck ?? false });
  return ctx;
}
