import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../authz/principal';
import type { Logger } from '../logger';

/** Long-lived collaborators, built once in the composition root. */
export interface AppServices {
  em: EntityManager;
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
