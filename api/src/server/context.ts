import type { AppServices, Context } from '../base/context';
import { bindRowScope } from '../common/row-scope';
import { loadPrincipal } from '../modules/identity/principal.loader';

export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

export async function createContext(services: AppServices, token: string | undefined, clientAddress: string): Promise<Context> {
  const em = services.em.fork();
  const claims = token ? await services.tokens.verify(token) : null;
  const principal = claims ? await loadPrincipal(em, claims) : undefined;
  if (principal) bindRowScope(em, principal);
  return { em, principal, services, clientAddress, memo: new Map() };
}
