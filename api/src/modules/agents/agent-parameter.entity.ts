import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Agent } from './agent.entity';
import { AgentParameterName, AgentParameterSyncState, PARAMETER_VALUE_MAX } from './agent-parameter.rules';

/**
 * One agent parameter an agent has been given (SPEC §5): its value and whether it was
 * synchronized. A parameter without a row has its default value and is SYNCED (the serving
 * cache knows the defaults). Kept apart from the agent, so a parameter change never bumps the
 * version of an admin's open agent form. Reached only through its agent, whose scope is checked
 * first (the table carries its tenant, so the row scope still limits it to the caller's tenant).
 */
@Entity()
@Unique({ properties: ['agent', 'name'] })
export class AgentParameter extends TenantOwned<'syncState'> {
  @ManyToOne(() => Agent, { deleteRule: 'cascade' })
  agent!: Agent;

  @Enum({ items: () => AgentParameterName, nativeEnumName: 'agent_parameter_name' })
  name!: AgentParameterName;

  @Property({ length: PARAMETER_VALUE_MAX })
  value!: string;

  @Enum({ items: () => AgentParameterSyncState, nativeEnumName: 'agent_parameter_sync_state' })
  syncState: AgentParameterSyncState = AgentParameterSyncState.SAVED;
}
