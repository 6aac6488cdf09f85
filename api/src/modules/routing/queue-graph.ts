import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Facts about skill queues that must hold across the whole tenant, whatever the caller's OU
 * scope: a transfer cycle or a queue of another type pointing here may pass through queues the
 * caller cannot see. Hand-written SQL (no row scope sees it), so every statement names its
 * tenant; the answers are yes/no or counts, never the hidden records themselves.
 */

const TARGETS = ['on_timeout_skill_queue_id', 'on_busy_skill_queue_id', 'on_no_agent_skill_queue_id'];

/** Whether following the stored transfers from `from` reaches `self` (its own stored transfers are the ones being replaced). */
export async function leadsBackTo(em: EntityManager, tenantId: string, self: string, from: string): Promise<boolean> {
  const next = TARGETS.map((c) => `select q.${c} as id from skill_queue q where q.id = r.id and q.tenant_id = ? and q.${c} is not null`).join(' union all ');
  const rows = await em.execute<{ found: boolean }[]>(
    `with recursive reach(id) as (select ?::uuid union select t.id from reach r cross join lateral (${next}) t where r.id <> ?::uuid)
     select exists(select 1 from reach where id = ?::uuid) as found`,
    [from, ...TARGETS.map(() => tenantId), self, self],
  );
  return rows[0]?.found === true;
}

/** How many other queues transfer to `queueId` although they are not of type `type`. */
export async function transfersFromOtherTypes(em: EntityManager, tenantId: string, queueId: string, type: string): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    `select count(*) as n from skill_queue where tenant_id = ? and id <> ? and type::text <> ? and ? in (${TARGETS.join(', ')})`,
    [tenantId, queueId, type, queueId],
  );
  return Number(rows[0]?.n ?? 0);
}
