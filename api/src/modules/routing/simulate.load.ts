import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import { unscoped } from '../../common/row-scope';
import { CalledRoute } from './called-route.entity';
import { Ivr } from './ivr.entity';
import { queueFactsLoader } from './queue-load.service';
import { HANDLERS } from './queue-handler.types';
import { calledRoutes, ivrs, skillQueues, webChannels } from './routing.resolver';
import type { SimFacts, SimQueue } from './simulate';
import { SkillQueue } from './skill-queue.entity';
import { WebChannel } from './web-channel.entity';
import { WorkTimeException } from './work-time-exception.entity';
import { localDateAt } from './work-time.evaluate';

/**
 * Loads what a simulated call to a number can meet, in a fixed number of statements whatever
 * the configuration: the route, the queues its transfers reach (one recursive statement), their
 * IVRs, the route's web channels and their exceptions of the local date at `at`, their live
 * loads, and which of them the caller may read.
 * Read past the row scope so a hidden step can be reported as hidden (its contents never leave
 * this module: the walk shows a record only when `visible`).
 */
const pastScope = () => unscoped('the call-route simulator walks through records outside the caller’s scope and reports them only as hidden steps');

/** Queue ids reached from `start` through the handlers' skill-queue targets (cycles end the recursion: `union`). */
async function reachableQueues(em: EntityManager, tenantId: string, start: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `with recursive reach(id) as (
       select ?::uuid
       union
       select t.id from reach r join skill_queue q on q.id = r.id and q.tenant_id = ?
         cross join lateral (values (q.on_timeout_skill_queue_id), (q.on_busy_skill_queue_id), (q.on_no_agent_skill_queue_id)) t(id)
        where t.id is not null
     ) select id from reach`,
    [start, tenantId],
  );
  return rows.map((r) => r.id);
}

/** Which of `ids` the caller may read, through the resource's scoped loader (one statement per resource). */
async function readable(loader: { loadMany(ids: readonly string[]): Promise<unknown[]> }, ids: string[]): Promise<Set<string>> {
  const found = await loader.loadMany(ids);
  return new Set(found.flatMap((r) => (r && !(r instanceof Error) ? [(r as { id: string }).id] : [])));
}

export async function loadSimFacts(ctx: Context, dialledNumber: string, at: Date): Promise<SimFacts> {
  const em = ctx.em;
  const tenant = ctx.principal!.tenantId;
  const route = await em.findOne(CalledRoute, { tenant, dialledNumber }, pastScope());
  if (!route) return { route: null, channels: [], queues: new Map(), ivrs: new Map() };

  const queueIds = route.skillQueue ? await reachableQueues(em, tenant, route.skillQueue.id) : [];
  const [queues, channels] = await Promise.all([
    queueIds.length ? em.find(SkillQueue, { tenant, id: { $in: queueIds } }, pastScope()) : Promise.resolve([]),
    em.find(WebChannel, { tenant, calledRoute: route.id }, { ...pastScope(), orderBy: { channelCode: 'ASC' } }),
  ]);
  const column = (q: SkillQueue, name: string) => (q as unknown as Record<string, { id: string } | null | undefined>)[name];
  const ivrIds = [...new Set([route.ivr?.id, ...queues.flatMap((q) => HANDLERS.map((k) => column(q, `${k}Ivr`)?.id))].filter((id): id is string => !!id))];
  // Each channel's exception of its own local date at `at` (zones differ): one statement for all.
  const [foundIvrs, exceptions] = await Promise.all([
    ivrIds.length ? em.find(Ivr, { tenant, id: { $in: ivrIds } }, pastScope()) : Promise.resolve([]),
    channels.length
      ? em.find(WorkTimeException, { tenant, $or: channels.map((c) => ({ channel: c.id, date: localDateAt(c.workTime.timeZone, at) })) }, pastScope())
      : Promise.resolve([]),
  ]);

  const [routesSeen, queuesSeen, ivrsSeen, channelsSeen, loads] = await Promise.all([
    readable(calledRoutes.service(ctx).loader(), [route.id]),
    readable(skillQueues.service(ctx).loader(), queueIds),
    readable(ivrs.service(ctx).loader(), ivrIds),
    readable(
      webChannels.service(ctx).loader(),
      channels.map((c) => c.id),
    ),
    queueFactsLoader(ctx).loadMany(queueIds),
  ]);
  const loadOf = new Map(queueIds.map((id, i) => [id, loads[i]]));

  const simQueue = (q: SkillQueue): SimQueue => ({
    id: q.id,
    name: q.name,
    type: q.type,
    maxWaitSeconds: q.maxWaitSeconds,
    maxQueuedCalls: q.maxQueuedCalls,
    handlers: Object.fromEntries(
      HANDLERS.map((k) => {
        const h = q[k];
        return [
          k,
          { action: h.action, targetType: h.targetType, ivrId: column(q, `${k}Ivr`)?.id ?? null, skillQueueId: column(q, `${k}SkillQueue`)?.id ?? null },
        ];
      }),
    ) as SimQueue['handlers'],
    queueUsageThreshold: q.onBusyQueueUsageThreshold ?? null,
    busyCondition: q.onBusyCondition ?? null,
    busyConditionValue: q.onBusyConditionValue ?? null,
    maxQueuedMode: q.onBusyMaxQueuedMode ?? null,
    maxQueuedValue: q.onBusyMaxQueuedValue ?? null,
    load: (loadOf.get(q.id) as SimQueue['load'] | undefined) ?? { signedIn: 0, busy: 0, queued: 0 },
    visible: queuesSeen.has(q.id),
  });

  return {
    route: {
      id: route.id,
      dialledNumber: route.dialledNumber,
      deviceType: route.deviceType,
      skillQueueId: route.skillQueue?.id ?? null,
      ivrId: route.ivr?.id ?? null,
      visible: routesSeen.has(route.id),
    },
    channels: channels.map((c) => ({
      id: c.id,
      channelCode: c.channelCode,
      workTime: c.workTime,
      exceptions: exceptions.filter((e) => e.channel.id === c.id),
      visible: channelsSeen.has(c.id),
    })),
    queues: new Map(queues.map((q) => [q.id, simQueue(q)])),
    ivrs: new Map(foundIvrs.map((i) => [i.id, { id: i.id, name: i.name, visible: ivrsSeen.has(i.id) }])),
  };
}
