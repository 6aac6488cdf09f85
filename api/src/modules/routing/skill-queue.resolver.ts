import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { isUuid } from '../../common/ids';
import { RefersTo } from '../../common/validation';
import { QueueLoad } from './queue-load.entity';
import { QueueLoadService, queueFactsLoader } from './queue-load.service';
import { acceptsTransfer, deviceUsage, effectiveMaxQueued, effectiveWrapUp } from './queue-usage';
import { SkillQueue } from './skill-queue.entity';

async function capacity(ctx: Context, q: SkillQueue) {
  const facts = await queueFactsLoader(ctx).load(q.id);
  const max = effectiveMaxQueued(
    { maxQueuedCalls: q.maxQueuedCalls, maxQueuedMode: q.onBusyMaxQueuedMode, maxQueuedValue: q.onBusyMaxQueuedValue },
    facts.signedIn,
  );
  return { facts, max };
}

/** A queue's computed and live fields. */
@Resolver(() => SkillQueue)
export class SkillQueueFieldsResolver {
  @FieldResolver(() => Int, { description: 'The wrap-up time applied: the next multiple of 5 above wrapUpSeconds (1–4 → 5, 5 → 10); 0 stays 0' })
  effectiveWrapUpSeconds(@Root() q: SkillQueue): number {
    return effectiveWrapUp(q.wrapUpSeconds);
  }

  @FieldResolver(() => Int, { description: 'Calls waiting now, as last reported with reportQueueLoad (0 before any report)' })
  async queuedCalls(@Root() q: SkillQueue, @Ctx() ctx: Context): Promise<number> {
    return (await queueFactsLoader(ctx).load(q.id)).queued;
  }

  @FieldResolver(() => Int, { description: 'Agents signed in to it now, as their reported states say' })
  async signedInAgents(@Root() q: SkillQueue, @Ctx() ctx: Context): Promise<number> {
    return (await queueFactsLoader(ctx).load(q.id)).signedIn;
  }

  @FieldResolver(() => Int, { description: 'Signed-in agents free for a call: not busy, not wrapping up, their answering phone not reported unregistered' })
  async idleAgents(@Root() q: SkillQueue, @Ctx() ctx: Context): Promise<number> {
    const facts = await queueFactsLoader(ctx).load(q.id);
    return facts.signedIn - facts.busy;
  }

  @FieldResolver(() => Int, { description: 'Signed-in agents not idle: busy, wrapping up, or their answering phone reported unregistered' })
  async busyAgents(@Root() q: SkillQueue, @Ctx() ctx: Context): Promise<number> {
    return (await queueFactsLoader(ctx).load(q.id)).busy;
  }

  @FieldResolver(() => Int, {
    description:
      "The most calls it holds now: the busy rule's max queued value (under PERCENT_OF_SIGNED_IN that percent of the signed-in agents, rounded up); without one, maxQueuedCalls",
  })
  async effectiveMaxQueuedCalls(@Root() q: SkillQueue, @Ctx() ctx: Context): Promise<number> {
    return (await capacity(ctx, q)).max;
  }

  @FieldResolver(() => Float, {
    description:
      'Device usage now, in percent: non-idle / signed-in agents × 70 + queued / effective max queued calls × 30; a share with nothing to divide by counts as 100%',
  })
  async deviceUsage(@Root() q: SkillQueue, @Ctx() ctx: Context): Promise<number> {
    const { facts, max } = await capacity(ctx, q);
    return deviceUsage(facts, max);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether a call could be transferred to that queue now: of the same type, not this one, and its usage with the call below this queue's onBusy.queueUsageThreshold (none: no usage condition); null when it is not found or not given",
  })
  async canTransferTo(
    @Root() q: SkillQueue,
    @Arg('queueId', () => ID, {
      nullable: true,
      description:
        'The skill queue the call would go to (optional only so that stock clients, which select every field without arguments, can list queues: none gives null)',
    })
    @RefersTo('SkillQueue')
    queueId: string | null,
    @Ctx() ctx: Context,
  ): Promise<boolean | null> {
    const target = queueId && isUuid(queueId) ? await ctx.em.findOne(SkillQueue, { id: queueId }) : null;
    if (!target) return null;
    if (target.id === q.id || target.type !== q.type) return false;
    const { facts, max } = await capacity(ctx, target);
    return acceptsTransfer(facts, max, q.onBusyQueueUsageThreshold ?? null);
  }
}

@Resolver()
export class QueueLoadResolver {
  @Requires(permissionFor('QueueLoad', 'create'))
  @Mutation(() => QueueLoad, { description: "Reports the calls waiting in a skill queue (integrations); needs write in the queue's OU" })
  reportQueueLoad(
    @Arg('queueId', () => ID, { description: 'The skill queue' }) @RefersTo('SkillQueue') queueId: string,
    @Arg('queued', () => Int, { description: 'Calls waiting now, 0 or more' }) queued: number,
    @Ctx() ctx: Context,
  ): Promise<QueueLoad> {
    return new QueueLoadService(ctx).report(queueId, queued);
  }
}
