import type { EntityManager } from '@mikro-orm/postgresql';
import type { RoutingMediaType } from '../routing/media-type';
import type { Agent } from './agent.entity';

/**
 * Facts an agent's rules need from the whole tenant, whatever the caller's OU scope: agent ids,
 * softphone numbers and quotas are tenant-wide, and skills outside the caller's scope still count.
 * Hand-written SQL naming the tenant; the caller learns only whether a rule holds.
 */
export interface AgentFacts {
  agentIdTaken: boolean;
  softphoneTaken: boolean;
  /** The agent id of another agent of the same employee, if any. */
  employeeAgent: number | null;
  /** Other agents of the record's type, and other agents with intelligent recognition. */
  sameType: number;
  intelligent: number;
  /** The record as stored before this write (null on create). */
  storedType: string | null;
  storedIntelligent: boolean | null;
  tenantFormFilling: boolean;
  quotas: Record<string, number>;
}

/** One statement: uniqueness, quota counts and the stored record, for the agent being written. */
export async function agentFacts(em: EntityManager, tenantId: string, agent: Agent): Promise<AgentFacts> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select
       exists(select 1 from agent where tenant_id = t.id and agent_id = ? and id <> ?::uuid) as "agentIdTaken",
       exists(select 1 from agent where tenant_id = t.id and softphone_number = ? and id <> ?::uuid) as "softphoneTaken",
       (select agent_id from agent where tenant_id = t.id and employee_id = ?::uuid and id <> ?::uuid) as "employeeAgent",
       (select count(*) from agent where tenant_id = t.id and agent_type::text = ? and id <> ?::uuid) as "sameType",
       (select count(*) from agent where tenant_id = t.id and intelligent_recognition and id <> ?::uuid) as "intelligent",
       (select agent_type::text from agent where tenant_id = t.id and id = ?::uuid) as "storedType",
       (select intelligent_recognition from agent where tenant_id = t.id and id = ?::uuid) as "storedIntelligent",
       t.intelligent_form_filling as "tenantFormFilling",
       json_build_object('AUDIO', t.quota_audio_agents, 'VIDEO', t.quota_video_agents, 'MULTIMEDIA', t.quota_multimedia_agents,
         'VERSATILE', t.quota_versatile_agents, 'INTELLIGENT', t.quota_intelligent_agents) as "quotas"
     from tenant t where t.id = ?`,
    [
      agent.agentId ?? null,
      agent.id,
      agent.softphoneNumber ?? null,
      agent.id,
      agent.employee?.id ?? null,
      agent.id,
      agent.agentType ?? null,
      agent.id,
      agent.id,
      agent.id,
      agent.id,
      tenantId,
    ],
  );
  return {
    agentIdTaken: row?.agentIdTaken === true,
    softphoneTaken: row?.softphoneTaken === true,
    employeeAgent: row?.employeeAgent == null ? null : Number(row.employeeAgent),
    sameType: Number(row?.sameType ?? 0),
    intelligent: Number(row?.intelligent ?? 0),
    storedType: (row?.storedType as string | null) ?? null,
    storedIntelligent: (row?.storedIntelligent as boolean | null) ?? null,
    tenantFormFilling: row?.tenantFormFilling === true,
    quotas: (row?.quotas as Record<string, number>) ?? {},
  };
}

/** The types of the queues an agent's skills name, or of its group's queues (one statement). */
export async function skillQueueTypes(em: EntityManager, tenantId: string, queueIds: readonly string[], groupId: string | null): Promise<RoutingMediaType[]> {
  if (groupId) {
    const rows = await em.execute<{ type: RoutingMediaType }[]>(
      `select q.type from skill_queue_group_member m join skill_queue q on q.id = m.skill_queue_id where q.tenant_id = ? and m.group_id = ?::uuid`,
      [tenantId, groupId],
    );
    return rows.map((r) => r.type);
  }
  if (!queueIds.length) return [];
  const rows = await em.execute<{ type: RoutingMediaType }[]>(
    `select type from skill_queue where tenant_id = ? and id in (${queueIds.map(() => '?::uuid').join(', ')})`,
    [tenantId, ...queueIds],
  );
  return rows.map((r) => r.type);
}

/** The tenant-wide facts a batch of agents is checked against, and each selected agent's skill queue types: two statements. */
export interface TenantAgentFacts {
  /** Agents per type, and with intelligent recognition, in the whole tenant. */
  byType: Record<string, number>;
  intelligent: number;
  tenantFormFilling: boolean;
  quotas: Record<string, number>;
  typesOf: Map<string, RoutingMediaType[]>;
}

export async function tenantAgentFacts(em: EntityManager, tenantId: string, agentIds: readonly string[]): Promise<TenantAgentFacts> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select
       (select coalesce(json_object_agg(agent_type, n), '{}') from (select agent_type, count(*) as n from agent where tenant_id = t.id group by agent_type) c) as "byType",
       (select count(*) from agent where tenant_id = t.id and intelligent_recognition) as "intelligent",
       t.intelligent_form_filling as "tenantFormFilling",
       json_build_object('AUDIO', t.quota_audio_agents, 'VIDEO', t.quota_video_agents, 'MULTIMEDIA', t.quota_multimedia_agents,
         'VERSATILE', t.quota_versatile_agents, 'INTELLIGENT', t.quota_intelligent_agents) as "quotas"
     from tenant t where t.id = ?`,
    [tenantId],
  );
  const types = agentIds.length
    ? await em.execute<{ id: string; type: RoutingMediaType }[]>(
        `select a.id, q.type from agent a join agent_skill s on s.agent_id = a.id join skill_queue q on q.id = s.skill_queue_id
          where a.tenant_id = ? and a.id = any(?::uuid[])
         union all
         select a.id, q.type from agent a join skill_queue_group_member m on m.group_id = a.skill_queue_group_id join skill_queue q on q.id = m.skill_queue_id
          where a.tenant_id = ? and a.id = any(?::uuid[])`,
        [tenantId, `{${agentIds.join(',')}}`, tenantId, `{${agentIds.join(',')}}`],
      )
    : [];
  const typesOf = new Map<string, RoutingMediaType[]>();
  for (const t of types) typesOf.set(t.id, [...(typesOf.get(t.id) ?? []), t.type]);
  const byType = Object.fromEntries(Object.entries((row?.byType as Record<string, unknown>) ?? {}).map(([k, v]) => [k, Number(v)]));
  return {
    byType,
    intelligent: Number(row?.intelligent ?? 0),
    tenantFormFilling: row?.tenantFormFilling === true,
    quotas: (row?.quotas as Record<string, number>) ?? {},
    typesOf,
  };
}
