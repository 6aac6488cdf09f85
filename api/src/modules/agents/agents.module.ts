import type { ModuleManifest } from '../../common/module';
import { Agent, AgentSkill } from './agent.entity';
import { AgentBatchResolver } from './agent-batch';
import { AgentLiveStateResolver, AgentStateResolver } from './agent-state.resolver';
import { AgentState } from './agent-state.entity';
import { AgentFieldsResolver, AgentQuotaResolver, agents } from './agents.resolver';
import { PersonalCenterResolver } from './personal-center.resolver';

/** Agents (SPEC §5): agent configuration with its skills, within the tenant's quotas, their live states, batch configuration, and each agent's personal center. */
export const agentsModule: ModuleManifest = {
  name: 'agents',
  entities: [Agent, AgentSkill, AgentState],
  resolvers: [agents.resolver, AgentFieldsResolver, AgentQuotaResolver, AgentStateResolver, AgentLiveStateResolver, PersonalCenterResolver, AgentBatchResolver],
};
