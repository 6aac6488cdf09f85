import type { ModuleManifest } from '../../common/module';
import { Agent, AgentSkill } from './agent.entity';
import { AgentFieldsResolver, AgentQuotaResolver, agents } from './agents.resolver';

/** Agents (SPEC §5): agent configuration with its skills, within the tenant's quotas. */
export const agentsModule: ModuleManifest = {
  name: 'agents',
  entities: [Agent, AgentSkill],
  resolvers: [agents.resolver, AgentFieldsResolver, AgentQuotaResolver],
};
