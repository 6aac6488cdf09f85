import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../authz/principal';
import type { Logger } from '../logger';
import type { LoginThrottle } from '../modules/identity/throttle';
import type { TokenService } from '../modules/identity/token';
import { loadPrincipal } from '../modules/identity/principal.loader';

/** Long-lived collaborators, built once in the composition root. */
export interface AppServices {
  em: EntityManager;
  tokens: TokenService;
  throttle: LoginThrottle;
  logger: Logger;
}

/** Per-operation context: its own EntityManager fork and the verified principal (if any). */
export interface Context {
  em: EntityManager;
  principal?: Principal;
  services: AppServices;
  clientAddress: string;
  /** Per-request memo (data loaders), so nested fields batch their reads. */
  memo: Map<string, unknown>;
  /** The root mutation being executed (mutations run one at a time), for the audit log. */
  operation?: string;
}

export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

export async function createContext(services: AppServices, token: string | undefined, clientAddress: string): Promise<Context> {
  const em = services.em.fork();
  const claims = token ? await services.tokens.verify(token) : null;
  const principal = claims ? await loadPrincipal(em, claims) : undefined;
  return { em, principal, services, clientAddress, memo: new Map() };
}
