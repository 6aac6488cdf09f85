import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import { badInput, type FieldErrors } from '../../base/errors';
import { isUuid } from '../../common/ids';
import type { RoutingMediaType } from './media-type';
import { queueMediaErrors } from './queue-dependents';
import { SkillQueue } from './skill-queue.entity';
import { mediaClassOf, QueueMediaClass } from './skill-queue.enums';
import { type SkillQueueGroup, SkillQueueGroupMember } from './skill-queue-group.entity';
import { MAX_GROUP_QUEUES } from './skill-queue-group.inputs';

/**
 * The rules of SPEC §6 for skill queue groups: every queue of the group's media class, checked
 * by the kernel before anything is written. Queue types are read with SQL naming the tenant, so
 * the members the caller cannot see are checked too; the caller learns only their type.
 */

const CLASS_TYPES: Record<QueueMediaClass, string> = {
  [QueueMediaClass.VOICE_VIDEO]: 'VOICE and VIDEO',
  [QueueMediaClass.MULTIMEDIA]: 'MULTIMEDIA and click-to-dial',
};

/**
 * The resource's `nested.apply`: a given `skillQueueIds` replaces the members the caller may
 * locate, each found in its scope (else a field error); members outside its scope are kept.
 */
export async function applyGroupQueues(em: EntityManager, group: SkillQueueGroup, values: Record<string, unknown>): Promise<void> {
  if (!('skillQueueIds' in values)) return;
  const wanted = ((values.skillQueueIds as string[] | null) ?? []).map((id) => id.trim());
  const held = group.members.getItems();
  const candidates = [...new Set([...wanted, ...held.map((m) => m.skillQueue.id)])].filter(isUuid);
  const found = new Map((candidates.length ? await em.find(SkillQueue, { id: { $in: candidates } }) : []).map((q) => [q.id, q]));
  const missing = wanted.find((id) => !found.has(id));
  if (missing) throw badInput({ skillQueueIds: `Skill queue not found: ${missing}` });
  let changed = false;
  for (const member of held) {
    if (found.has(member.skillQueue.id) && !wanted.includes(member.skillQueue.id)) {
      group.members.remove(member);
      changed = true;
    }
  }
  const kept = new Set(group.members.getItems().map((m) => m.skillQueue.id));
  for (const id of wanted.filter((i) => !kept.has(i))) {
    group.members.add(em.create(SkillQueueGroupMember, { group, skillQueue: found.get(id)! }));
    changed = true;
  }
  // Members are rows of their own: touching the group makes its version count their change too.
  if (changed) group.updatedAt = new Date();
}

/** The members' names and types, whatever the caller's scope (one statement). */
async function memberFacts(em: EntityManager, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return em.execute<{ id: string; name: string; type: RoutingMediaType }[]>(
    `select id, name, type from skill_queue where tenant_id = ? and id in (${ids.map(() => '?::uuid').join(', ')}) order by lower(name), id`,
    [tenantId, ...ids],
  );
}

export async function checkSkillQueueGroup(em: EntityManager, group: SkillQueueGroup, ctx: Context): Promise<FieldErrors> {
  const ids = group.skillQueueIds;
  if (ids.length > MAX_GROUP_QUEUES) {
    return { skillQueueIds: `A group holds at most ${MAX_GROUP_QUEUES} skill queues; with those outside your scope this one would hold ${ids.length}` };
  }
  const tenantId = ctx.principal!.tenantId;
  const wrong = (await memberFacts(em, tenantId, ids)).filter((q) => mediaClassOf(q.type) !== group.mediaClass);
  if (!wrong.length) return queueMediaErrors(em, ctx, { kind: 'group', groupId: group.id, memberIds: ids });
  // Only a queue the caller may locate is named; the type of any other is all it learns.
  const visible = new Set((await em.find(SkillQueue, { id: { $in: wrong.map((q) => q.id) } })).map((q) => q.id));
  const first = wrong[0]!;
  const which = visible.has(first.id) ? `Skill queue "${first.name}"` : 'A skill queue outside your scope';
  const more = wrong.length > 1 ? ` (and ${wrong.length - 1} more of another class)` : '';
  return { skillQueueIds: `${which} is ${first.type}${more}; a ${group.mediaClass} group holds only ${CLASS_TYPES[group.mediaClass]} queues` };
}

/** A queue that groups hold keeps a type of their media class (called from the skill queue's check). */
export async function checkQueueGroups(em: EntityManager, queue: SkillQueue, tenantId: string): Promise<FieldErrors> {
  const [row] = await em.execute<{ n: string }[]>(
    `select count(*) as n from skill_queue_group_member m join skill_queue_group g on g.id = m.group_id
      where g.tenant_id = ? and m.skill_queue_id = ?::uuid and g.media_class::text <> ?`,
    [tenantId, queue.id, mediaClassOf(queue.type)],
  );
  const n = Number(row?.n ?? 0);
  if (!n) return {};
  const other = mediaClassOf(queue.type) === QueueMediaClass.VOICE_VIDEO ? QueueMediaClass.MULTIMEDIA : QueueMediaClass.VOICE_VIDEO;
  return {
    type: `${n} skill queue group${n > 1 ? 's' : ''} of ${CLASS_TYPES[other]} queues hold${n > 1 ? '' : 's'} this queue; take it out of ${n > 1 ? 'them' : 'it'} first`,
  };
}
