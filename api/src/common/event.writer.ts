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

/** Rows per insert statement: a batch of changes writes its events in a few statements, not one per change. */
const EVENTS_PER_STATEMENT = 500;

/**
 * Writes the events of changes in the caller's transaction (`em` must be the transactional
 * fork): rolled back with the changes, or committed with them. Sequence numbers are assigned after
 * commit by the relay (modules/events/relay.ts), so concurrent writers never wait on each other here.
 */
export async function writeEvents(em: EntityManager, events: readonly EventRecord[]): Promise<void> {
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    const chunk = events.slice(i, i + EVENTS_PER_STATEMENT);
    await em.execute(
      `insert into event_outbox (tenant_id, resource, subject, type, record_id, ou_ids, topics)
       values ${chunk.map(() => '(?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)').join(', ')}`,
      chunk.flatMap((e) => [e.tenantId, e.resource, e.subject, e.type, e.recordId, JSON.stringify([...new Set(e.ouIds)]), JSON.stringify(e.topics)]),
      'run',
    );
  }
}

/** The event of one change (see writeEvents). */
export const writeEvent = (em: EntityManager, e: EventRecord): Promise<void> => writeEvents(em, [e]);
