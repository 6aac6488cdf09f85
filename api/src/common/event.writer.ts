import type { EntityManager } from '@mikro-orm/postgresql';

export type ChangeType = 'CREATED' | 'UPDATED' | 'DELETED';

/** A change as a live event: small (ids, type, topics), never the record itself. */
export interface EventRecord {
  tenantId: string;
  /** GraphQL resource name (`Customer`), or the record type of a non-CRUD change. */
  resource: string;
  /** The guarded subject whose read rule decides who receives it. */
  subject: string;
  type: ChangeType;
  recordId: string;
  /** The OUs the record was in before and after (null = Unorganized). */
  ouIds: (string | null)[];
  /** Values the typed subscriptions filter on (`customerId`, `agentId`, `queueIds`, …). */
  topics: Record<string, unknown>;
}

/**
 * Writes the event of one change in the caller's transaction (`em` must be the transactional
 * fork): rolled back with the change, or committed with it. Sequence numbers are assigned after
 * commit by the relay (modules/events/relay.ts), so concurrent writers never wait on each other here.
 */
export async function writeEvent(em: EntityManager, e: EventRecord): Promise<void> {
  await em.execute(
    `insert into event_outbox (tenant_id, resource, subject, type, record_id, ou_ids, topics)
     values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`,
    [e.tenantId, e.resource, e.subject, e.type, e.recordId, JSON.stringify([...new Set(e.ouIds)]), JSON.stringify(e.topics)],
    'run',
  );
}
