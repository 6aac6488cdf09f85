import type { QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, type FieldErrors } from '../../base/errors';
import { isUuid } from '../../common/ids';
import type { Snapshot } from '../../common/audit.writer';
import type { BaseFilter } from '../../common/list';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { Tenant } from '../../common/tenant.entity';
import { Agent } from './agent.entity';
import { agents } from './agents.resolver';
import { AgentState, AgentStateValue, type PhoneRegistrationState } from './agent-state.entity';

/** The skill queues an agent has: its own, or its group's (one statement naming the tenant: hidden skills count). */
async function skillQueueIdsOf(em: EntityManager, tenantId: string, agent: Agent): Promise<Set<string>> {
  const rows = await em.execute<{ id: string }[]>(
    `select s.skill_queue_id as id from agent_skill s join agent a on a.id = s.agent_id where a.tenant_id = ? and a.id = ?::uuid
     union select m.skill_queue_id from skill_queue_group_member m join agent a on a.skill_queue_group_id = m.group_id where a.tenant_id = ? and a.id = ?::uuid`,
    [tenantId, agent.id, tenantId, agent.id],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Reported agent states, through the one write path (the agent's scope, the agent state page's
 * edit operation, an audit entry per report).
 */
export class AgentStateService extends TenantCrudService<AgentState, BaseFilter> {
  protected readonly entity = AgentState;
  protected readonly label = 'Agent state';
  protected readonly defaultSort: QueryOrderMap<AgentState> = { id: 'ASC' };
  protected override readonly populate = ['agent', 'agent.employee'];
  protected override readonly titleField = 'state';

  /** A state report concerns the agent and every queue it was or is signed in to (their statistics change). */
  protected override eventTopics(s: AgentState, before: Snapshot | null): Record<string, unknown> {
    const earlier = Array.isArray(before?.signedInQueueIds) ? (before.signedInQueueIds as string[]) : [];
    return { agentId: s.agentId, state: s.state, signedInQueueIds: s.signedInQueueIds, queueIds: [...new Set([...earlier, ...s.signedInQueueIds])] };
  }

  /** The agent a report is about, found in the caller's OU scope (BAD_USER_INPUT on agentId otherwise, as for any reference). */
  private async reported(agentId: string): Promise<Agent> {
    const agent = isUuid(agentId)
      ? await this.em.findOne(Agent, { $and: [{ id: agentId }, agents.service(this.ctx).inScope('locate')] } as never, { populate: ['employee', 'skillRows'] })
      : null;
    if (!agent) throw badInput({ agentId: 'Agent not found' });
    return agent;
  }

  /** Writes the agent's state row: updates the known one, or creates it in the agent's employee's OU. */
  private async save(agent: Agent, set: (s: AgentState) => AgentState): Promise<AgentState> {
    const known = await this.em.findOne(AgentState, { agent });
    if (known) return this.write('update', { id: known.id }, async (_em, s) => set(s!));
    // The agent as the transaction sees it: its employee's OU is where the report is placed (and checked).
    return this.write('create', null, async (em) => {
      const placed = await em.findOneOrFail(Agent, { id: agent.id }, { populate: ['employee'] });
      return set(
        em.create(AgentState, {
          tenant: em.getReference(Tenant, this.principal.tenantId),
          agent: placed,
          state: AgentStateValue.SIGNED_OUT,
          signedInQueueIds: [],
        }),
      );
    });
  }

  /**
   * Sets the registration state of one of the agent's phones (its softphone number or its bound
   * phone); the phones that are no longer the agent's are dropped, so what is kept is current.
   */
  async registerPhone(agentId: string, phoneNumber: string, state: PhoneRegistrationState): Promise<AgentState> {
    const agent = await this.reported(agentId);
    const phone = phoneNumber.trim();
    const phones = [agent.softphoneNumber, agent.phone].filter((p) => p !== '');
    if (!phones.includes(phone)) throw badInput({ phoneNumber: `Phone ${phone || '(empty)'} is not the agent's softphone number or bound phone` });
    return this.save(agent, (s) => {
      const kept = Object.entries(s.phoneStates ?? {}).filter(([n]) => phones.includes(n) && n !== phone);
      s.phoneStates = Object.fromEntries([...kept, [phone, state]].sort(([a], [b]) => String(a).localeCompare(String(b))));
      return s;
    });
  }

  /** Sets the state of an agent the caller may locate and write in; only an agent with an employee and skills signs in, to queues it has. */
  async report(agentId: string, state: AgentStateValue, signedInQueueIds: readonly string[]): Promise<AgentState> {
    const agent = await this.reported(agentId);
    const queues = [...new Set(signedInQueueIds.map((id) => id.trim()))];
    const errors: FieldErrors = {};
    if (state !== AgentStateValue.SIGNED_OUT) {
      if (!agent.employee) errors.state = 'An agent without an employee cannot sign in';
      else if (!agent.skills.length && !agent.skillQueueGroup) errors.state = 'An agent without skills cannot sign in';
    }
    if (state === AgentStateValue.SIGNED_OUT && queues.length) errors.signedInQueueIds = 'A signed-out agent is signed in to no queue';
    else if (!errors.state) {
      const has = await skillQueueIdsOf(this.em, this.principal.tenantId, agent);
      const foreign = queues.find((id) => !has.has(id));
      if (foreign) errors.signedInQueueIds = `Skill queue ${foreign} is not one of the agent's skills`;
    }
    if (Object.keys(errors).length) throw badInput(errors);

    return this.save(agent, (s) => {
      s.state = state;
      s.signedInQueueIds = queues.sort();
      return s;
    });
  }
}
