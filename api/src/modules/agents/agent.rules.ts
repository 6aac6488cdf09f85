import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import type { FieldErrors } from '../../base/errors';
import { isUuid } from '../../common/ids';
import { hashPassword, passwordProblem } from '../identity/password';
import { RoutingMediaType } from '../routing/media-type';
import { SkillQueue } from '../routing/skill-queue.entity';
import { mediaClassOf } from '../routing/skill-queue.enums';
import { type Agent, AgentSkill } from './agent.entity';
import { AgentQuotaKind, AgentType } from './agent.enums';
import type { AgentSkillInput } from './agent.inputs';
import { type AgentFacts, agentFacts, skillQueueTypes } from './agent-facts';
import { type QuotaKind, quotaNoun } from './agent-quota';

/**
 * The rules of SPEC §5 across an agent's fields and the tenant, checked by the kernel before
 * anything is written (resource `nested.apply`, then `check`, in the write's transaction, under
 * the tenant's agent lock the resource's `serialize` takes first: uniqueness and quotas hold).
 */

/** Arguments the resource applies itself: a list of references with a flag, a secret to hash, a switch whose turning on is checked. */
export const AGENT_NESTED = ['skills', 'softphonePassword', 'smartFormFilling'] as const;

/** Problems `apply` finds, reported by `check` together with every other broken rule. */
const pending = new WeakMap<Agent, FieldErrors>();
/** Agents whose smart form filling this write turns on: only turning it on needs the tenant feature and intelligent recognition. */
const turningOn = new WeakSet<Agent>();

const CLICK_TO_DIAL = new Set<RoutingMediaType>([RoutingMediaType.VOICE_CLICK_TO_DIAL, RoutingMediaType.VIDEO_CLICK_TO_DIAL]);
/** Queues a WebRTC softphone serves: the voice-related ones. */
const VOICE_RELATED = new Set<RoutingMediaType>([RoutingMediaType.VOICE, RoutingMediaType.VIDEO, ...CLICK_TO_DIAL]);

/** Why a set of skill queue types does not suit an agent of `type`, or null (SPEC §5). */
export function skillMediaProblem(type: AgentType | undefined, types: readonly RoutingMediaType[]): string | null {
  const classes = new Set(types.map(mediaClassOf));
  if (type !== AgentType.VERSATILE && classes.size > 1) {
    return 'Skill queues must share one media class (VOICE and VIDEO, or MULTIMEDIA with click-to-dial); only a VERSATILE agent mixes them';
  }
  if (types.some((t) => CLICK_TO_DIAL.has(t)) && !types.includes(RoutingMediaType.MULTIMEDIA)) {
    return 'Click-to-dial skill queues accompany multimedia: add at least one MULTIMEDIA skill queue beside them';
  }
  return null;
}

/** The rules on an agent's skill queue types (media class, click-to-dial, WebRTC's voice-related queue), by the agent's field they concern. */
export function skillTypesErrors(agent: { agentType?: AgentType; webrtcEnabled: boolean; grouped: boolean }, types: readonly RoutingMediaType[]): FieldErrors {
  const errors: FieldErrors = {};
  const media = skillMediaProblem(agent.agentType, types);
  if (media) errors[agent.grouped ? 'skillQueueGroupId' : 'skills'] = media;
  if (agent.webrtcEnabled && !types.some((t) => VOICE_RELATED.has(t))) {
    errors.webrtcEnabled = 'WebRTC needs at least one voice-related skill queue (VOICE, VIDEO or click-to-dial)';
  }
  return errors;
}

async function applySkills(em: EntityManager, agent: Agent, given: AgentSkillInput[], errors: FieldErrors): Promise<void> {
  const wanted = given.map((s) => ({ id: s.skillQueueId.trim(), isDefault: s.isDefault === true }));
  const ids = wanted.map((s) => s.id);
  const duplicate = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (duplicate >= 0) {
    errors[`skills.${duplicate}.skillQueueId`] = 'Each skill queue at most once';
    return;
  }
  const held = agent.skillRows.getItems();
  const candidates = [...new Set([...ids, ...held.map((r) => r.skillQueue.id)])].filter(isUuid);
  // Found in the caller's scope: a queue outside it is "not found", like a missing one.
  const found = new Map((candidates.length ? await em.find(SkillQueue, { id: { $in: candidates } }) : []).map((q) => [q.id, q]));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    errors[`skills.${missing}.skillQueueId`] = 'Skill queue not found';
    return;
  }
  const choosesDefault = wanted.some((s) => s.isDefault);
  let changed = false;
  for (const row of held) {
    const wish = wanted.find((s) => s.id === row.skillQueue.id);
    if (found.has(row.skillQueue.id) && !wish) {
      agent.skillRows.remove(row);
      changed = true;
      continue;
    }
    // A kept skill outside the caller's scope stops being the default when the caller names one.
    const isDefault = wish ? wish.isDefault : row.isDefault && !choosesDefault;
    if (row.isDefault !== isDefault) {
      row.isDefault = isDefault;
      changed = true;
    }
  }
  const kept = new Set(agent.skillRows.getItems().map((r) => r.skillQueue.id));
  for (const s of wanted.filter((w) => !kept.has(w.id))) {
    agent.skillRows.add(em.create(AgentSkill, { agent, skillQueue: found.get(s.id)!, isDefault: s.isDefault }));
    changed = true;
  }
  // Skills are rows of their own: touching the agent makes its version count their change too.
  if (changed) agent.updatedAt = new Date();
}

/** What is wrong with a softphone password: the sign-in password rules, the softphone number in the account's place. */
export function softphonePasswordProblem(password: string, softphoneNumber: string): string | null {
  return (
    passwordProblem(password, softphoneNumber)
      ?.replace(/^Password/, 'Softphone password')
      .replace('account name', 'softphone number') ?? null
  );
}

/** The resource's `nested.apply`: skills replace those the caller may locate, a password is hashed, smart form filling is set. */
export async function applyAgentNested(em: EntityManager, agent: Agent, values: Record<string, unknown>): Promise<void> {
  const errors: FieldErrors = {};
  if (values.skills !== undefined) await applySkills(em, agent, (values.skills as AgentSkillInput[] | null) ?? [], errors);
  if (values.smartFormFilling !== undefined) {
    const on = values.smartFormFilling === true;
    if (on && !agent.smartFormFilling) turningOn.add(agent);
    agent.smartFormFilling = on;
  }
  if (values.softphonePassword === null) agent.softphonePasswordHash = null;
  else if (typeof values.softphonePassword === 'string') {
    const problem = softphonePasswordProblem(values.softphonePassword, agent.softphoneNumber ?? '');
    if (problem) errors.softphonePassword = problem;
    else agent.softphonePasswordHash = await hashPassword(values.softphonePassword);
  }
  pending.set(agent, errors);
}

const quotaError = (kind: QuotaKind, allowed: number, used: number) =>
  `The tenant's quota of ${quotaNoun(kind)} is ${allowed}, and ${used} ${used === 1 ? 'is' : 'are'} used`;

export async function checkAgent(em: EntityManager, agent: Agent, ctx: Context): Promise<FieldErrors> {
  const tenantId = ctx.principal!.tenantId;
  const facts = await agentFacts(em, tenantId, agent);
  const types = await skillQueueTypes(
    em,
    tenantId,
    agent.skills.map((s) => s.skillQueueId),
    agent.skillQueueGroup?.id ?? null,
  );
  return agentRuleErrors(agent, facts, types);
}

/** The rules given the tenant's facts and the agent's skill queue types (a batch reads them for all its agents at once). */
export function agentRuleErrors(agent: Agent, facts: AgentFacts, types: readonly RoutingMediaType[]): FieldErrors {
  const errors: FieldErrors = { ...pending.get(agent) };
  pending.delete(agent);

  if (facts.agentIdTaken) errors.agentId ??= `Agent id ${agent.agentId} is already taken`;
  if (facts.softphoneTaken) errors.softphoneNumber ??= `Softphone number ${agent.softphoneNumber} is already taken`;
  if (facts.employeeAgent != null) errors.employeeId ??= `The employee already has an agent (agent id ${facts.employeeAgent})`;

  const skills = agent.skills;
  if (skills.length && agent.skillQueueGroup) errors.skillQueueGroupId ??= 'An agent has skill queues or a skill queue group, not both';
  const defaults = skills.filter((s) => s.isDefault).length;
  if (skills.length && defaults !== 1 && !Object.keys(errors).some((k) => k.startsWith('skills'))) {
    errors.skills = `Mark exactly one skill queue as the default (${defaults} marked)`;
  }
  if (agent.webrtcEnabled && agent.phone) errors.webrtcEnabled ??= 'WebRTC is only for an agent with no phone bound; clear the phone first';
  const typeErrors = skillTypesErrors({ agentType: agent.agentType, webrtcEnabled: agent.webrtcEnabled, grouped: !!agent.skillQueueGroup }, types);
  for (const [field, message] of Object.entries(typeErrors)) errors[field] ??= message;

  if (turningOn.has(agent)) {
    turningOn.delete(agent);
    if (!facts.tenantFormFilling) errors.smartFormFilling ??= "Smart form filling needs the tenant's intelligent TT filling feature (intelligentFormFilling)";
    else if (!agent.intelligentRecognition) errors.smartFormFilling ??= 'Smart form filling needs intelligent recognition: turn it on first';
  }

  // Only what this write adds to a count is checked against its quota.
  if (agent.agentType && agent.agentType !== facts.storedType) {
    const allowed = facts.quotas[agent.agentType] ?? 0;
    if (facts.sameType + 1 > allowed) errors.agentType ??= quotaError(agent.agentType as unknown as QuotaKind, allowed, facts.sameType);
  }
  if (agent.intelligentRecognition && facts.storedIntelligent !== true) {
    const allowed = facts.quotas.INTELLIGENT ?? 0;
    if (facts.intelligent + 1 > allowed) errors.intelligentRecognition ??= quotaError(AgentQuotaKind.INTELLIGENT, allowed, facts.intelligent);
  }
  return errors;
}
