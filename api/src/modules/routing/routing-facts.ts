import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallMediaType, RoutingMediaType } from './media-type';
import type { MultimediaSubtype } from './skill-queue.enums';

/**
 * Facts about the records a routing record points to, read whatever the caller's OU scope:
 * the rules between a route and its access code, queue or IVR hold for the whole tenant, and a
 * target the caller may set or keep need not be one it may read. Hand-written SQL naming its
 * tenant (no row scope sees SQL); the caller learns from them only whether a rule holds.
 */
export interface TargetFacts {
  accessCode: { code: string; mediaType: RoutingMediaType } | null;
  skillQueue: { type: RoutingMediaType; subtypes: MultimediaSubtype[] } | null;
  ivr: { mediaType: CallMediaType } | null;
}

export interface TargetIds {
  accessCode?: string | null;
  skillQueue?: string | null;
  ivr?: string | null;
}

/** One statement: the facts of each record named (null when none is named). */
export async function targetFacts(em: EntityManager, tenantId: string, ids: TargetIds): Promise<TargetFacts> {
  const [row] = await em.execute<Record<keyof TargetFacts, unknown>[]>(
    `select
       (select json_build_object('code', code, 'mediaType', media_type) from access_code where id = ?::uuid and tenant_id = ?) as "accessCode",
       (select json_build_object('type', type, 'subtypes', subtypes) from skill_queue where id = ?::uuid and tenant_id = ?) as "skillQueue",
       (select json_build_object('mediaType', media_type) from ivr where id = ?::uuid and tenant_id = ?) as "ivr"`,
    [ids.accessCode ?? null, tenantId, ids.skillQueue ?? null, tenantId, ids.ivr ?? null, tenantId],
  );
  return row as unknown as TargetFacts;
}

export interface RouteFacts {
  deviceType: string;
  mediaType: RoutingMediaType;
  /** The subtypes of its skill queue; null when it goes to an IVR. */
  queueSubtypes: MultimediaSubtype[] | null;
}

/** One statement: the facts of each called route named, by id. */
export async function routeFacts(em: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, RouteFacts>> {
  if (!ids.length) return new Map();
  const unique = [...new Set(ids)];
  const rows = await em.execute<(RouteFacts & { id: string })[]>(
    `select r.id, r.device_type as "deviceType", r.media_type as "mediaType", q.subtypes as "queueSubtypes"
       from called_route r left join skill_queue q on q.id = r.skill_queue_id where r.tenant_id = ? and r.id in (${unique.map(() => '?::uuid').join(', ')})`,
    [tenantId, ...unique],
  );
  return new Map(rows.map(({ id, ...facts }) => [id, facts]));
}
