import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import type { FieldErrors } from '../../base/errors';
import type { RoutingMediaType } from '../routing/media-type';
import { addQueueMediaCheck, type QueueMediaChange } from '../routing/queue-dependents';
import { Agent } from './agent.entity';
import type { AgentType } from './agent.enums';
import { skillTypesErrors } from './agent.rules';
import { agents } from './agents.resolver';

/**
 * A queue's type or a group's queues change what its agents serve: the change is refused when it
 * would make an agent break its skill rules (one media class, click-to-dial beside multimedia,
 * WebRTC's voice-related queue) that it keeps today, naming those agents, rather than leaving
 * them invalid. SQL naming the tenant: agents outside the caller's scope hold the queue too (they
 * are counted, not named).
 */

interface Holder {
  id: string;
  agentId: number;
  agentType: AgentType;
  webrtc: boolean;
  grouped: boolean;
  before: RoutingMediaType[];
  after: RoutingMediaType[];
}

/** The agents holding the queue (as a skill or through their group), with their queue types before and after its type changes. */
const queueHolders = (em: EntityManager, tenantId: string, queueId: string, type: RoutingMediaType) =>
  em.execute<Holder[]>(
    `with affected as (
       select s.agent_id as id from agent_skill s join agent a on a.id = s.agent_id where a.tenant_id = ? and s.skill_queue_id = ?::uuid
       union
       select a.id from agent a join skill_queue_group_member m on m.group_id = a.skill_queue_group_id where a.tenant_id = ? and m.skill_queue_id = ?::uuid
     )
     select a.id, a.agent_id as "agentId", a.agent_type as "agentType", a.webrtc_enabled as webrtc, a.skill_queue_group_id is not null as grouped,
       array_agg(q.type::text) as before, array_agg(case when q.id = ?::uuid then ? else q.type::text end) as after
     from affected f join agent a on a.id = f.id
     join lateral (select s.skill_queue_id as qid from agent_skill s where s.agent_id = a.id
                   union all select m.skill_queue_id from skill_queue_group_member m where m.group_id = a.skill_queue_group_id) k on true
     join skill_queue q on q.id = k.qid
     group by a.id order by a.agent_id`,
    [tenantId, queueId, tenantId, queueId, queueId, type],
  );

/** The agents of the group, with its queue types as stored and with the given members. */
const groupHolders = (em: EntityManager, tenantId: string, groupId: string, memberIds: readonly string[]) =>
  em.execute<Holder[]>(
    `select a.id, a.agent_id as "agentId", a.agent_type as "agentType", a.webrtc_enabled as webrtc, true as grouped,
       array(select q.type::text from skill_queue_group_member m join skill_queue q on q.id = m.skill_queue_id where m.group_id = a.skill_queue_group_id) as before,
       array(select q.type::text from skill_queue q where q.tenant_id = a.tenant_id and q.id = any(?::uuid[])) as after
     from agent a where a.tenant_id = ? and a.skill_queue_group_id = ?::uuid order by a.agent_id`,
    [`{${memberIds.join(',')}}`, tenantId, groupId],
  );

const NAMED = 10;

async function checkAgentsHolding(em: EntityManager, ctx: Context, change: QueueMediaChange): Promise<FieldErrors> {
  const tenantId = ctx.principal!.tenantId;
  const holders =
    change.kind === 'queue'
      ? await queueHolders(em, tenantId, change.queueId, change.type)
      : await groupHolders(em, tenantId, change.groupId, change.memberIds);
  const broken = holders
    .map((h) => {
      const rules = { agentType: h.agentType, webrtcEnabled: h.webrtc, grouped: h.grouped };
      const kept = skillTypesErrors(rules, h.before);
      const after = Object.entries(skillTypesErrors(rules, h.after)).filter(([field]) => !kept[field]);
      return { holder: h, problem: after[0]?.[1] };
    })
    .filter((b) => b.problem);
  if (!broken.length) return {};
  // Only the agents the caller may locate are named by their agent ids; the others are counted.
  const ids = broken.map((b) => b.holder.id);
  const named = new Set(
    (await em.find(Agent, { $and: [{ id: { $in: ids } }, agents.service(ctx).inScope('locate')] } as never, { fields: ['id'] })).map((a) => a.id),
  );
  const visible = broken.filter((b) => named.has(b.holder.id)).map((b) => b.holder.agentId);
  const hidden = broken.length - visible.length;
  const list = [
    ...(visible.length
      ? [`agent id${visible.length > 1 ? 's' : ''} ${visible.slice(0, NAMED).join(', ')}${visible.length > NAMED ? ` and ${visible.length - NAMED} more` : ''}`]
      : []),
    ...(hidden ? [`${hidden} outside your scope`] : []),
  ].join('; ');
  const n = broken.length;
  const field = change.kind === 'queue' ? 'type' : 'skillQueueIds';
  return {
    [field]: `${n} agent${n > 1 ? 's' : ''} would break ${n > 1 ? 'their' : 'its'} skill rules (${list}): ${broken[0]!.problem}; change their skills first`,
  };
}

addQueueMediaCheck(checkAgentsHolding);
