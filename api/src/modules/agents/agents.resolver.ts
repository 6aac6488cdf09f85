import { Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { ListSize } from '../../base/list-size';
import { defineResource } from '../../common/resource';
import { Tenant } from '../../common/tenant.entity';
import { Agent } from './agent.entity';
import { AgentFields, AgentFilter } from './agent.inputs';
import { AGENT_NESTED, applyAgentNested, checkAgent } from './agent.rules';
import { AgentQuotaKind } from './agent.enums';
import { AGENT_LOCK, agentQuotaUsage, QUOTA_PARAMETER } from './agent-quota';

export const agents = defineResource({
  name: 'Agent',
  entity: Agent,
  label: 'Agent',
  filter: AgentFilter,
  fields: AgentFields,
  required: ['agentId', 'agentType', 'softphoneNumber'],
  title: 'agentId',
  defaultSort: { agentId: 'ASC' },
  populate: ['employee', 'skillRows'],
  nested: { fields: AGENT_NESTED, apply: applyAgentNested },
  check: checkAgent,
  serialize: AGENT_LOCK,
});

/** An agent's computed fields. */
@Resolver(() => Agent)
export class AgentFieldsResolver {
  @FieldResolver(() => Boolean, {
    description: "Whether smart form filling works now: set, with intelligent recognition and the tenant's intelligentFormFilling on",
  })
  async intelligentFormFillingActive(@Root() agent: Agent, @Ctx() ctx: Context): Promise<boolean> {
    if (!agent.smartFormFilling || !agent.intelligentRecognition) return false;
    const tenant = await ctx.em.findOne(Tenant, { id: ctx.principal!.tenantId });
    return tenant?.intelligentFormFilling === true;
  }
}

@ObjectType({ description: 'One agent quota of the tenant: what its agents use against what it allows' })
export class AgentQuotaUsage {
  @Field(() => AgentQuotaKind, { description: 'What it counts: the agents of a type, or those with intelligent recognition' })
  kind!: AgentQuotaKind;

  @Field({ description: 'The tenant parameter holding the quota, e.g. quotaVideoAgents' })
  parameter!: string;

  @Field(() => Int, { description: "The tenant's agents it counts, in every OU" })
  used!: number;

  @Field(() => Int, { description: 'The quota' })
  allowed!: number;
}

@Resolver()
export class AgentQuotaResolver {
  @Requires(permissionFor('Agent', 'read'))
  @ListSize(Object.keys(QUOTA_PARAMETER).length)
  @Query(() => [AgentQuotaUsage], { description: "The tenant's agent quotas, used against allowed, per agent type and for intelligent recognition" })
  async tenantQuotaUsage(@Ctx() ctx: Context): Promise<AgentQuotaUsage[]> {
    return (await agentQuotaUsage(ctx.em, ctx.principal!.tenantId)).map((u) => ({ ...u, parameter: QUOTA_PARAMETER[u.kind] }));
  }
}
