import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentQuotaKind } from './agent.enums';

/**
 * The tenant's agent quotas (SPEC §1) against what its agents use. Hand-written SQL naming the
 * tenant: quotas hold for the whole tenant, whatever OUs the caller may see, and a count is all
 * it tells. Agent writes and quota changes of a tenant take one advisory lock, so two creates
 * cannot both take the last slot and a quota cannot drop under a create in flight.
 */

export type QuotaKind = AgentQuotaKind;

/** The tenant parameter holding each quota. */
export const QUOTA_PARAMETER: Record<QuotaKind, string> = {
  [AgentQuotaKind.AUDIO]: 'quotaAudioAgents',
  [AgentQuotaKind.VIDEO]: 'quotaVideoAgents',
  [AgentQuotaKind.MULTIMEDIA]: 'quotaMultimediaAgents',
  [AgentQuotaKind.VERSATILE]: 'quotaVersatileAgents',
  [AgentQuotaKind.INTELLIGENT]: 'quotaIntelligentAgents',
};

/** What each quota counts, in messages ("VIDEO agents", "agents with intelligent recognition"). */
export const quotaNoun = (kind: QuotaKind): string => (kind === AgentQuotaKind.INTELLIGENT ? 'agents with intelligent recognition' : `${kind} agents`);

/** The lock agent writes take first (the resource's `serialize`) and quota changes take too. */
export const AGENT_LOCK = 'agent-quotas';

/** Serialises one tenant's agent writes and quota changes for the rest of the transaction (the kernel's `serialize` key). */
export async function lockAgentQuotas(em: EntityManager, tenantId: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${AGENT_LOCK}:${tenantId}`]);
}

export interface QuotaUse {
  kind: QuotaKind;
  used: number;
  allowed: number;
}

/** Used and allowed per quota, in one statement (the quotas as the tenant row holds them now). */
export async function agentQuotaUsage(em: EntityManager, tenantId: string): Promise<QuotaUse[]> {
  const [row] = await em.execute<Record<string, string | number>[]>(
    `select
       count(*) filter (where a.agent_type = 'AUDIO') as "usedAUDIO",
       count(*) filter (where a.agent_type = 'VIDEO') as "usedVIDEO",
       count(*) filter (where a.agent_type = 'MULTIMEDIA') as "usedMULTIMEDIA",
       count(*) filter (where a.agent_type = 'VERSATILE') as "usedVERSATILE",
       count(*) filter (where a.intelligent_recognition) as "usedINTELLIGENT",
       t.quota_audio_agents as "AUDIO", t.quota_video_agents as "VIDEO", t.quota_multimedia_agents as "MULTIMEDIA",
       t.quota_versatile_agents as "VERSATILE", t.quota_intelligent_agents as "INTELLIGENT"
     from tenant t left join agent a on a.tenant_id = t.id where t.id = ? group by t.id`,
    [tenantId],
  );
  return (Object.keys(QUOTA_PARAMETER) as QuotaKind[]).map((kind) => ({ kind, used: Number(row?.[`used${kind}`] ?? 0), allowed: Number(row?.[kind] ?? 0) }));
}

/**
 * The quotas a tenant parameter change would set below what is used, as field errors on the
 * parameters, with the numbers (the tenant service calls it before it saves).
 */
export async function quotaLoweringErrors(em: EntityManager, tenantId: string, wanted: Partial<Record<string, number>>): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const use of await agentQuotaUsage(em, tenantId)) {
    const parameter = QUOTA_PARAMETER[use.kind];
    const value = wanted[parameter];
    if (value != null && value < use.used) errors[parameter] = `${use.used} ${quotaNoun(use.kind)} exist; the quota cannot be lower than ${use.used}`;
  }
  return errors;
}
