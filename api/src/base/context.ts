import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../authz/principal';
import type { Logger } from '../logger';

/** Long-lived collaborators, built once in the composition root. */
export interface AppServices {
  em: EntityManager;
  logger: Logger;
}

/**
 * A cached principal still to be confirmed by its head statement: a request's first hot
 * statement may carry that check (common/hot-query.ts `requestHotQuery`), and every other root
 * field waits for it on its own (server/verified-principal.ts).
 */
export interface PendingPrincipalCheck {
  /** Whether this context's principal is the one the check found. */
  verifiedFor(ctx: Context): boolean;
  /** The head statement, to run inside another one: a row while the principal stands. */
  readonly head: { sql: string; bindings: readonly unknown[] };
  /** Confirms the context's principal with the head row a statement read; throws PrincipalChanged when it does not. */
  confirm(ctx: Context, head: unknown): void;
  /** Runs the head statement on its own (once per request) and sets the context's principal from it. */
  settle(ctx: Context): Promise<void>;
}

/** Per-operation context: its own EntityManager fork and the verified principal (if any). */
export interface Context {
  em: EntityManager;
  principal?: Principal;
  /** Set while `principal` is the cached one of the token, not yet confirmed in this request. */
  principalCheck?: PendingPrincipalCheck;
  services: AppServices;
  clientAddress: string;
  /** Per-request memo (data loaders), so nested fields batch their reads. */
  memo: Map<string, unknown>;
  /** The root mutation being executed (mutations run one at a time), for the audit log. */
  operation?: string;
}
