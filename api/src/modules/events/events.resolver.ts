import { RefersTo } from '../../common/validation';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Authenticated, Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { badInput, forbidden, unauthenticated } from '../../base/errors';
import { LIST_RESOURCES } from '../../common/crud';
import { rowScopeOf } from '../../common/row-scope';
import type { OutboxEvent } from './event';
import { AgentStateChange, type ChangeKind, ContactRecorded, CustomerChange, QueueStats, ResourceChange } from './events.types';
import type { QueueStatsValue } from './queue-stats';
import './services';

/** Most ids one subscription may name. */
const MAX_IDS = 500;

interface SubscribeData<A> {
  args: A;
  context: Context;
}

const AFTER = { nullable: true, description: 'Resume: first replay the events after this sequence number (the last one received), in order' } as const;

function sessionOf(ctx: Context) {
  if (!ctx.session) throw unauthenticated('Subscriptions run over a WebSocket connection authenticated in connection_init');
  return ctx.session;
}

function idList(name: string, ids: readonly string[] | null | undefined): Set<string> | null {
  if (ids == null) return null;
  if (ids.length > MAX_IDS) throw badInput({ [name]: `At most ${MAX_IDS} ids` });
  return new Set(ids);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Opens a hub subscription for the connection's principal, replaying after `after` when given. */
function open(ctx: Context, select: (e: OutboxEvent) => unknown, after?: number | null) {
  if (after != null && (!Number.isSafeInteger(after) || after < 0)) throw badInput({ after: 'A sequence number is a whole number, 0 or more' });
  return ctx.services.events.hub.subscribe(sessionOf(ctx), select, after);
}

/**
 * Live events (SPEC §7). Every event passes the subscriber's read rule for its record at
 * delivery time (tenant, view operation, OU before or after the change), on top of the
 * subscription's own declaration below.
 */
@Resolver()
export class LiveEventsResolver {
  @Authenticated()
  @Subscription(() => ResourceChange, {
    description:
      "Committed creates, changes and deletes of one resource's records the caller may read (all of them, or the given ids): react-admin's real-time topics resource/<name> and resource/<name>/<id>. Needs the resource's view operation",
    subscribe: ({ args, context }: SubscribeData<{ resource: string; ids?: string[] | null; after?: number | null }>) => {
      const entity = LIST_RESOURCES.get(args.resource);
      if (!entity) throw badInput({ resource: `Unknown resource "${args.resource}"` });
      const subject = rowScopeOf(entity)?.subject;
      const principal = sessionOf(context).principal();
      if (!subject || !principal?.ability.can('read', subject))
        throw forbidden(`Missing permission ${subject ? permissionFor(subject, 'read') : args.resource}`);
      const ids = idList('ids', args.ids);
      return open(
        context,
        (e): ResourceChange | undefined =>
          e.resource === args.resource && (!ids || ids.has(e.recordId))
            ? { seq: e.seq, resource: e.resource, type: e.type as ChangeKind, ids: [e.recordId] }
            : undefined,
        args.after,
      );
    },
  })
  resourceChanged(
    @Root() change: ResourceChange,
    @Arg('resource', { description: 'The resource (GraphQL type name), e.g. Customer' }) _resource: string,
    @Arg('ids', () => [ID], { nullable: true, description: 'Only these records (resource/<name>/<id>); omitted: all the caller may read' }) _ids?: string[],
    @Arg('after', () => GraphQLSafeInt, AFTER) _after?: number,
  ): ResourceChange {
    return change;
  }

  @Requires(permissionFor('Customer', 'read'))
  @Subscription(() => CustomerChange, {
    description: 'Committed changes of customers the caller may read (or of one), and of their context: requests, activities, comments and contact records',
    subscribe: ({ args, context }: SubscribeData<{ customerId?: string | null; after?: number | null }>) =>
      open(
        context,
        (e): CustomerChange | undefined => {
          const customerId = e.resource === 'Customer' ? e.recordId : text(e.topics.customerId);
          if (!customerId || (args.customerId != null && customerId !== args.customerId)) return undefined;
          return { seq: e.seq, customerId, resource: e.resource, type: e.type as ChangeKind, id: e.recordId };
        },
        args.after,
      ),
  })
  customerChanged(
    @Root() change: CustomerChange,
    @Arg('customerId', () => ID, { nullable: true, description: 'Only this customer; omitted: every customer the caller may read' })
    @RefersTo('Customer')
    _customerId?: string,
    @Arg('after', () => GraphQLSafeInt, AFTER) _after?: number,
  ): CustomerChange {
    return change;
  }

  @Requires(permissionFor('ContactRecord', 'read'))
  @Subscription(() => ContactRecorded, {
    description:
      'Contact records pushed by integrations, of customers the caller may read; filtered by the skill queue and agent the integration gave (matched as given)',
    subscribe: ({ args, context }: SubscribeData<{ queueId?: string | null; agentId?: string | null; after?: number | null }>) =>
      open(
        context,
        (e): ContactRecorded | undefined => {
          if (e.resource !== 'ContactRecord' || e.type !== 'CREATED') return undefined;
          const skillQueue = text(e.topics.skillQueue);
          const agent = text(e.topics.agent);
          if ((args.queueId != null && skillQueue !== args.queueId) || (args.agentId != null && agent !== args.agentId)) return undefined;
          return { seq: e.seq, id: e.recordId, customerId: text(e.topics.customerId), skillQueue, agent, channel: text(e.topics.channel) };
        },
        args.after,
      ),
  })
  contactRecorded(
    @Root() record: ContactRecorded,
    @Arg('queueId', () => ID, { nullable: true, description: 'Only contacts served by this skill queue (as the integration gave it)' })
    @RefersTo('SkillQueue')
    _queueId?: string,
    @Arg('agentId', () => ID, { nullable: true, description: 'Only contacts handled by this agent (as the integration gave it)' })
    @RefersTo('Agent')
    _agentId?: string,
    @Arg('after', () => GraphQLSafeInt, AFTER) _after?: number,
  ): ContactRecorded {
    return record;
  }

  @Requires(permissionFor('AgentState', 'read'))
  @Subscription(() => AgentStateChange, {
    description: 'Reported state changes of agents the caller may read (or of one agent, or of the agents signed in to or out of one queue)',
    subscribe: ({ args, context }: SubscribeData<{ agentId?: string | null; queueId?: string | null; after?: number | null }>) =>
      open(
        context,
        (e): AgentStateChange | undefined => {
          if (e.resource !== 'AgentState') return undefined;
          const agentId = text(e.topics.agentId);
          const queues = Array.isArray(e.topics.queueIds) ? (e.topics.queueIds as string[]) : [];
          if (!agentId || (args.agentId != null && agentId !== args.agentId) || (args.queueId != null && !queues.includes(args.queueId))) return undefined;
          const signedIn = Array.isArray(e.topics.signedInQueueIds) ? (e.topics.signedInQueueIds as string[]) : [];
          return { seq: e.seq, agentId, state: e.topics.state as AgentStateChange['state'], signedInQueueIds: signedIn };
        },
        args.after,
      ),
  })
  agentStateChanged(
    @Root() change: AgentStateChange,
    @Arg('agentId', () => ID, { nullable: true, description: 'Only this agent' }) @RefersTo('Agent') _agentId?: string,
    @Arg('queueId', () => ID, { nullable: true, description: 'Only agents signing in to or out of this skill queue, or changing state in it' })
    @RefersTo('SkillQueue')
    _queueId?: string,
    @Arg('after', () => GraphQLSafeInt, AFTER) _after?: number,
  ): AgentStateChange {
    return change;
  }

  @Requires(permissionFor('SkillQueue', 'read'))
  @Subscription(() => QueueStats, {
    description:
      'Live numbers of the skill queues the caller may read (or of the given ones, sent once at the start): signed-in, idle and busy agents, queued calls and device usage, pushed when they change and at most once a second per queue',
    subscribe: ({ args, context }: SubscribeData<{ queueIds?: string[] | null }>) => {
      const ids = idList('queueIds', args.queueIds);
      return context.services.events.stats.subscribe(sessionOf(context), ids ? [...ids] : null);
    },
  })
  queueStatsChanged(
    @Root() stats: QueueStatsValue,
    @Arg('queueIds', () => [ID], { nullable: true, description: 'Only these skill queues; omitted: every queue the caller may read' })
    @RefersTo('SkillQueue')
    _queueIds?: string[],
  ): QueueStats {
    return stats;
  }
}
