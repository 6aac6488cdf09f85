import type { QueryOrderMap } from '@mikro-orm/core';
import { badInput } from '../../base/errors';
import type { Context } from '../../base/context';
import { isUuid } from '../../common/ids';
import type { BaseFilter } from '../../common/list';
import { requestLoader } from '../../common/request-loader';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { Tenant } from '../../common/tenant.entity';
import { QueueLoad } from './queue-load.entity';
import type { QueueLoadFacts } from './queue-usage';
import { SkillQueue } from './skill-queue.entity';

/**
 * Reported queue loads, through the one write path (OU scope of the queue, the report-load
 * operation, an audit entry per report).
 */
export class QueueLoadService extends TenantCrudService<QueueLoad, BaseFilter> {
  protected readonly entity = QueueLoad;
  protected readonly label = 'Queue load';
  protected readonly defaultSort: QueryOrderMap<QueueLoad> = { id: 'ASC' };
  protected override readonly populate = ['queue'];
  protected override readonly titleField = 'queued';

  constructor(ctx: Context) {
    super(ctx);
  }

  /** A load report changes its queue's statistics. */
  protected override eventTopics(load: QueueLoad): Record<string, unknown> {
    return { queueIds: [load.queueId] };
  }

  /** Sets the calls waiting in a queue the caller may locate and write in. */
  async report(queueId: string, queued: number): Promise<QueueLoad> {
    if (queued < 0) throw badInput({ queued: 'Queued calls must be 0 or more' });
    const queue = isUuid(queueId) ? await this.em.findOne(SkillQueue, { id: queueId }) : null;
    if (!queue) throw badInput({ queueId: 'SkillQueue not found' });
    const known = await this.em.findOne(QueueLoad, { queue });
    if (known) {
      return this.write('update', { id: known.id }, async (_em, load) => {
        load!.queued = queued;
        return load!;
      });
    }
    // The queue as the transaction sees it: its OU is where the report is placed (and checked).
    return this.write('create', null, async (em) => {
      const placed = await em.findOneOrFail(SkillQueue, { id: queue.id });
      return em.create(QueueLoad, { tenant: em.getReference(Tenant, this.principal.tenantId), queue: placed, queued });
    });
  }
}

/**
 * The live facts of a page of queues in one statement: the calls last reported, and the agents
 * whose reported state (the agents module's `agent_state`) signs them in to each queue. Not idle
 * (busy) counts BUSY and WRAP_UP, and a signed-in agent whose answering phone (its bound phone,
 * else its softphone) was last reported UNREGISTERED: no call can reach it. SQL naming the
 * tenant: every agent signed in counts, whatever OUs the caller may see (the queue's numbers
 * are the queue's, and counts are all they tell).
 */
export function queueFactsLoader(ctx: Context) {
  return requestLoader<string, QueueLoadFacts>(ctx, 'queueFacts', async (ids) => {
    const tenantId = ctx.principal!.tenantId;
    const rows = await ctx.em.execute<{ id: string; queued: number | null; signedIn: string; busy: string }[]>(
      `select q.id, (select l.queued from queue_load l where l.tenant_id = ? and l.queue_id = q.id) as queued, c."signedIn", c.busy
       from (values ${ids.map(() => '(?::uuid)').join(', ')}) as q(id)
       cross join lateral (
         select count(*) as "signedIn",
           count(*) filter (where s.state in ('BUSY', 'WRAP_UP')
             or s.phone_states ->> (case when a.phone <> '' then a.phone else a.softphone_number end) = 'UNREGISTERED') as busy
         from agent_state s join agent a on a.id = s.agent_id and a.tenant_id = s.tenant_id
         where s.tenant_id = ? and s.state <> 'SIGNED_OUT' and q.id = any(s.signed_in_queue_ids)
       ) c`,
      [tenantId, ...ids, tenantId],
    );
    const byId = new Map(rows.map((r) => [r.id, { signedIn: Number(r.signedIn), busy: Number(r.busy), queued: r.queued ?? 0 }]));
    return ids.map((id) => byId.get(id) ?? { signedIn: 0, busy: 0, queued: 0 });
  });
}
