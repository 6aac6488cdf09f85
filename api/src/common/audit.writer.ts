import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../authz/principal';
import type { Context } from '../base/context';
import { AuditEntry } from './audit-entry.entity';
import { writeEvents, type ChangeType, type EventRecord } from './event.writer';

/** Fields whose values never reach the audit log, whatever record they belong to. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'secret', 'secretHash', 'clientSecret']);

/** Adds a snapshot field whose values are masked (an entity property marked `@Secret`). */
export function declareSecretField(name: string): void {
  SECRET_FIELDS.add(name);
}
export const MASK = '***';

export type Snapshot = Record<string, unknown>;
export type AuditAction = 'created' | 'updated' | 'deleted';

/** Who made a change: a principal, or the platform (CLI, seed). */
export type Actor = Pick<Principal, 'kind' | 'id' | 'handle'> | { kind: 'platform'; id: null; handle: string };

/** The platform itself (creating a tenant, an import run, the demo seed): no principal made the change. */
export const PLATFORM: Actor = { kind: 'platform', id: null, handle: 'platform' };

export interface AuditRecord {
  tenantId: string;
  actor: Actor;
  operation: string;
  action: AuditAction;
  recordType: string;
  recordId: string;
  ouId: string | null;
  before: Snapshot | null;
  after: Snapshot | null;
  /**
   * How the change reads as a live event, where it differs from the audit record: the resource
   * name (default: recordType), the guarded subject (default: recordType), the OUs (default: ouId)
   * and the topics subscriptions filter on.
   */
  event?: Partial<Pick<EventRecord, 'resource' | 'subject' | 'ouIds' | 'topics'>>;
}

const AUDIT_ROWS_PER_STATEMENT = 1000;

const CHANGE_TYPE: Record<AuditAction, ChangeType> = { created: 'CREATED', updated: 'UPDATED', deleted: 'DELETED' };

/** `{ field: { before, after } }` for the fields that differ; secrets masked. */
export function diff(before: Snapshot | null, after: Snapshot | null): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of [...keys].sort()) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes[key] = SECRET_FIELDS.has(key) ? { before: b === null ? null : MASK, after: a === null ? null : MASK } : { before: b, after: a };
  }
  return changes;
}

/**
 * Writes the audit entries of changes, and their live events, in the caller's transaction (`em`
 * must be the transactional fork), so both exist exactly when the changes do. Every write of
 * the product comes through here: the CRUD write path and the non-CRUD ones alike; a batch of
 * changes (configureAgents) writes them together, in a few statements.
 */
export async function writeAudits(em: EntityManager, records: readonly AuditRecord[]): Promise<void> {
  const changed = records
    .map((record) => ({ record, changes: diff(record.before, record.after) }))
    // An update that changed nothing changed no data: nothing to audit.
    .filter(({ record, changes }) => record.action !== 'updated' || Object.keys(changes).length > 0);
  if (!changed.length) return;
  // Whatever the caller left pending is written first, as a single change's flush always did.
  await em.flush();
  const rows = changed.map(({ record, changes }) => ({
    id: randomUUID(),
    tenant: record.tenantId,
    at: new Date(),
    principalKind: record.actor.kind,
    principalId: record.actor.id,
    principalHandle: record.actor.handle,
    operation: record.operation,
    action: record.action,
    recordType: record.recordType,
    recordId: record.recordId,
    ouId: record.ouId,
    changes,
  }));
  // A few statements for a batch of changes (within PostgreSQL's limit on parameters per statement).
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_STATEMENT) await em.insertMany(AuditEntry, rows.slice(i, i + AUDIT_ROWS_PER_STATEMENT) as never);
  await writeEvents(
    em,
    changed.map(({ record }) => ({
      tenantId: record.tenantId,
      resource: record.event?.resource ?? record.recordType,
      subject: record.event?.subject ?? record.recordType,
      type: CHANGE_TYPE[record.action],
      recordId: record.recordId,
      ouIds: record.event?.ouIds ?? [record.ouId],
      topics: record.event?.topics ?? {},
    })),
  );
}

/** The audit entry of one change, and its live event (see writeAudits). */
export const writeAudit = (em: EntityManager, record: AuditRecord): Promise<void> => writeAudits(em, [record]);

/**
 * The audit entry of a change the request's principal made outside a CRUD write (an append
 * such as a contact record or a comment, its own password): the tenant, the actor and the
 * operation come from the request, so such paths state only what changed.
 */
export function auditRequest(
  ctx: Context,
  em: EntityManager,
  change: Omit<AuditRecord, 'tenantId' | 'actor' | 'operation'> & { operation: string },
): Promise<void> {
  const principal = ctx.principal!;
  return writeAudit(em, { ...change, tenantId: principal.tenantId, actor: principal, operation: ctx.operation ?? change.operation });
}
