import type { ModuleManifest } from '../../common/module';
// Registers the agents' check on queue type and group changes with routing.
import './agent-queue-check';
import { Agent, AgentSkill } from './agent.entity';
import { AgentBatchResolver } from './agent-batch';
import { AgentParameter } from './agent-parameter.entity';
import { AgentParameterBatchResolver } from './agent-parameter-batch';
import { AgentParameterResolver, AgentParametersFieldResolver } from './agent-parameter.resolver';
import { AgentLiveStateResolver, AgentStateResolver } from './agent-state.resolver';
import { AgentState } from './agent-state.entity';
import { AgentFieldsResolver, AgentQuotaResolver, agents } from './agents.resolver';
import { PersonalCenterResolver } from './personal-center.resolver';

/** Agents (SPEC §5): agent configuration with its skills, within the tenant's quotas, their live states, batch configuration, each agent's personal center and its parameters. */
export const agentsModule: ModuleManifest = {
  name: 'agents',
  entities: [Agent, AgentSkill, AgentState, AgentParameter],
  resolvers: [
    agents.resolver,
    AgentFieldsResolver,
    AgentQuotaResolver,
    AgentStateResolver,
    AgentLiveStateResolver,
    PersonalCenterResolver,
    AgentBatchResolver,
    AgentParameterResolver,
    AgentParametersFieldResolver,
    AgentParameterBatchResolver,
  ],
};
