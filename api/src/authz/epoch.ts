import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Bumps the tenant's authorization epoch inside the writing transaction. Cached principals of
 * that tenant (in every process) are rebuilt on their next request: roles, grants, the OU tree
 * and the isolation parameter all feed into scopes.
 */
export async function bumpAuthzEpoch(em: EntityManager, tenantId: string): Promise<void> {
  await em.getConnection().execute('update tenant set authz_epoch = authz_epoch + 1 where id = ?', [tenantId], 'run', em.getTransactionContext());
}
