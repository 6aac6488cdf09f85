import { SUBJECTS, allows } from '../../authz/ability';
import type { Principal } from '../../authz/principal';
import type { ChangeType } from '../../common/event.writer';

/** One committed, numbered outbox row as the relay hands it on. */
export interface OutboxEvent {
  /** Position across tenants (the relay's cursor). */
  pos: number;
  tenantId: string;
  /** The tenant's sequence number: what clients resume after. */
  seq: number;
  resource: string;
  subject: string;
  type: ChangeType;
  recordId: string;
  ouIds: (string | null)[];
  topics: Record<string, unknown>;
}

/** The outbox columns an event is read from, as SQL returns them. */
export const EVENT_COLUMNS = 'pos, tenant_id, seq, resource, subject, type, record_id, ou_ids, topics';

export interface EventRow {
  pos: string;
  tenant_id: string;
  seq: string;
  resource: string;
  subject: string;
  type: ChangeType;
  record_id: string;
  ou_ids: (string | null)[];
  topics: Record<string, unknown>;
}

export const asEvent = (r: EventRow): OutboxEvent => ({
  pos: Number(r.pos),
  tenantId: r.tenant_id,
  seq: Number(r.seq),
  resource: r.resource,
  subject: r.subject,
  type: r.type,
  recordId: r.record_id,
  ouIds: r.ou_ids,
  topics: r.topics,
});

/**
 * Whether a principal may read the record an event is about, now: the same rule as a query of
 * it (tenant, the subject's view operation, the OU scope) on any OU the record was in before or
 * after the change. An event of an undeclared subject reaches nobody.
 */
export function mayRead(principal: Principal, e: OutboxEvent): boolean {
  if (principal.tenantId !== e.tenantId || !SUBJECTS[e.subject] || principal.mustChangePassword) return false;
  return e.ouIds.some((ou) => allows(principal.ability, 'read', e.subject, ou));
}

const keys = new WeakMap<Principal, string>();

/**
 * Principals whose abilities have the same rules decide every event alike: the key that groups
 * subscribers, so one event is checked once per distinct scope, not once per subscriber.
 */
export function scopeKey(principal: Principal): string {
  let key = keys.get(principal);
  if (key === undefined) {
    key = `${principal.tenantId}:${principal.mustChangePassword}:${JSON.stringify(principal.ability.rules)}`;
    keys.set(principal, key);
  }
  return key;
}

/**
 * The verdicts on one event: decided once per distinct scope (principals whose rules are the same
 * decide alike), and found by the principal itself first, which the subscriptions of one token
 * share: a fan-out to a thousand subscribers takes a handful of decisions and no key building.
 */
export class Verdicts {
  private readonly byPrincipal = new Map<Principal, boolean>();
  private readonly byScope = new Map<string, boolean>();

  constructor(private readonly decide: (principal: Principal) => boolean) {}

  of(principal: Principal): boolean {
    let ok = this.byPrincipal.get(principal);
    if (ok === undefined) {
      const key = scopeKey(principal);
      ok = this.byScope.get(key);
      if (ok === undefined) this.byScope.set(key, (ok = this.decide(principal)));
      this.byPrincipal.set(principal, ok);
    }
    return ok;
  }
}
