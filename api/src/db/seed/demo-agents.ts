import type { EntityManager } from '@mikro-orm/postgresql';
import type { Tenant } from '../../common/tenant.entity';
import { Agent, AgentSkill } from '../../modules/agents/agent.entity';
import { AgentType } from '../../modules/agents/agent.enums';
import { AgentState, AgentStateValue } from '../../modules/agents/agent-state.entity';
import { Employee } from '../../modules/identity/employee.entity';
import { hashPassword } from '../../modules/identity/password';
import type { OrgUnit } from '../../modules/org/org-unit.entity';
import { SkillQueue } from '../../modules/routing/skill-queue.entity';
import { SkillQueueGroup } from '../../modules/routing/skill-queue-group.entity';

/** The demo agents: an employee each (no roles: they sign in to their own personal center), one per agent type. */
export const DEMO_AGENTS = [
  {
    account: 'demo.agent.voice',
    name: 'Vera Voice',
    homeOu: 'North',
    agentId: 1001,
    type: AgentType.AUDIO,
    queues: ['Hotline', 'Hotline overflow'],
    state: AgentStateValue.IDLE,
  },
  {
    account: 'demo.agent.video',
    name: 'Victor Video',
    homeOu: 'North',
    agentId: 1002,
    type: AgentType.VIDEO,
    queues: ['Video desk'],
    state: AgentStateValue.BUSY,
  },
  {
    account: 'demo.agent.chat',
    name: 'Chloe Chat',
    homeOu: 'South',
    agentId: 1003,
    type: AgentType.MULTIMEDIA,
    queues: ['Web chat', 'Messaging', 'Web voice'],
    state: AgentStateValue.IDLE,
  },
  {
    account: 'demo.agent.all',
    name: 'Val Versatile',
    homeOu: 'DefaultOU',
    agentId: 1004,
    type: AgentType.VERSATILE,
    group: 'Voice and video',
    state: AgentStateValue.SIGNED_OUT,
  },
] as const;

/**
 * Step 4 of the demo seed (issue 11, item 7): quotas for every agent type, and one agent of each
 * type bound to an employee and the demo queues (the first queue its default), with states
 * reported, so queues show signed-in and busy agents and `simulateCall` meets live numbers.
 * Written as the API would leave it: inside the quotas, one media class per agent but the
 * versatile one, click-to-dial beside a multimedia queue.
 */
export async function seedDemoAgents(em: EntityManager, tenant: Tenant, ous: Record<string, OrgUnit>, password: string): Promise<void> {
  Object.assign(tenant, { quotaAudioAgents: 20, quotaVideoAgents: 10, quotaMultimediaAgents: 20, quotaVersatileAgents: 5, quotaIntelligentAgents: 5 });
  const queues = new Map((await em.find(SkillQueue, { tenant })).map((q) => [q.name, q]));
  const groups = new Map((await em.find(SkillQueueGroup, { tenant })).map((g) => [g.name, g]));
  const hashes = await Promise.all(DEMO_AGENTS.map(() => hashPassword(password)));
  DEMO_AGENTS.forEach((spec, i) => {
    const employee = em.create(Employee, {
      tenant,
      account: spec.account,
      name: spec.name,
      passwordHash: hashes[i]!,
      homeOu: ous[spec.homeOu]!,
      mustChangePassword: false,
    });
    const group = 'group' in spec ? groups.get(spec.group)! : null;
    const agent = em.create(Agent, {
      tenant,
      agentId: spec.agentId,
      agentType: spec.type,
      softphoneNumber: String(8000 + spec.agentId),
      employee,
      skillQueueGroup: group,
    });
    const names: readonly string[] = 'queues' in spec ? spec.queues : [];
    names.forEach((name, n) => {
      em.create(AgentSkill, { agent, skillQueue: queues.get(name)!, isDefault: n === 0 });
    });
    const signedIn = spec.state === AgentStateValue.SIGNED_OUT ? [] : names.map((name) => queues.get(name)!.id);
    em.create(AgentState, { tenant, agent, state: spec.state, signedInQueueIds: signedIn });
  });
  await em.flush();
}
