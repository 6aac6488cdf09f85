import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IsString, Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import type { CrudService } from '../../common/crud';
import { requiredText } from '../../common/text';
import { RefersTo } from '../../common/validation';
import { badInput } from '../../base/errors';
import type { Snapshot } from '../../common/audit.writer';
import { auditRequest } from '../../common/audit.writer';
import { Tenant } from '../../common/tenant.entity';
import { Activity } from './activity.entity';
import { Comment } from './comment.entity';
import type { ActivityFields, ActivityFilter, CreateActivityArgs, UpdateActivityArgs } from './context.inputs';
import { CustomerScopedService, joinRequest, touchRequest } from './customer-scoped.service';
import { checkActivityFields } from './field-definition.service';

@ArgsType()
export class AddCommentArgs {
  @Field(() => ID, { description: 'The activity to comment on' })
  @RefersTo('Activity')
  activityId!: string;

  @Field({ description: 'The note, 1 to 2000 characters' })
  @IsString()
  @Length(1, 2000, { message: 'A comment must be 1 to 2000 characters' })
  text!: string;
}

@ArgsType()
export class MoveActivityArgs {
  @Field(() => ID, { description: 'The activity to move' })
  @RefersTo('Activity')
  activityId!: string;

  @Field(() => ID, { nullable: true, description: 'The customer that gets the activity (write needed on both customers); omitted: it stays with its customer' })
  @RefersTo('Customer')
  toCustomerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The request of the (target) customer it joins, reopened if CLOSED; null: out of any request; omitted: none when it changes customer, else required',
  })
  @RefersTo('CustomerRequest')
  toRequestId?: string | null;
}

export class ActivityService
  extends CustomerScopedService<Activity, ActivityFilter>
  implements CrudService<Activity, ActivityFilter, CreateActivityArgs, UpdateActivityArgs>
{
  protected readonly entity = Activity;
  protected readonly label = 'Activity';
  protected readonly defaultSort = { createdAt: 'DESC' } as const;

  /** An activity has no name: its channel and when it happened (UTC). */
  override titleOf(a: Activity): string {
    return `${a.mediaType} ${a.createdAt.toISOString().slice(0, 16).replace('T', ' ')}`;
  }

  protected override snapshot(a: Activity): Snapshot {
    return { customerId: a.customerId, requestId: a.requestId, mediaType: a.mediaType, tags: a.tags, fields: a.fields };
  }

  protected override filterWhere(f: ActivityFilter): FilterQuery<Activity>[] {
    const parts: FilterQuery<Activity>[] = [];
    if (f.customerId) parts.push({ customer: f.customerId });
    if (f.requestId) parts.push({ request: f.requestId });
    if (f.tag) parts.push({ tags: { $contains: [f.tag] } });
    return parts;
  }

  protected override searchWhere(q: string): FilterQuery<Activity> {
    return { tags: { $overlap: [q] } };
  }

  create(input: CreateActivityArgs): Promise<Activity> {
    return this.write('create', null, async (em) => {
      const activity = em.create(Activity, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        customer: await this.customerFor(em, input.customerId),
        mediaType: input.mediaType,
      });
      await this.apply(em, activity, input, true);
      return activity;
    });
  }

  update(input: UpdateActivityArgs): Promise<Activity> {
    return this.write('update', input, async (em, activity) => {
      await touchRequest(em, activity!.requestId);
      await this.apply(em, activity!, input, false);
      return activity!;
    });
  }

  override delete(id: string): Promise<Activity> {
    return this.write('delete', { id }, async (em, activity) => {
      await touchRequest(em, activity!.requestId);
      return activity!;
    });
  }

  /**
   * Moves an activity within its customer's journey (to another of its requests, or out of any)
   * or to another customer: write on both customers' OUs. Requests belong to one customer, so
   * a move to another customer drops the link unless a request of that customer is named.
   */
  move(input: MoveActivityArgs): Promise<Activity> {
    return this.write('update', { id: input.activityId }, async (em, activity) => {
      const a = activity!;
      const toOther = input.toCustomerId != null && input.toCustomerId !== a.customerId;
      if (!toOther && input.toRequestId === undefined) {
        throw badInput({ toCustomerId: 'The activity already belongs to this customer: name another customer, or a request (toRequestId)' });
      }
      if (!toOther && input.toRequestId === a.requestId) {
        throw badInput({ toRequestId: a.requestId ? 'The activity is already in this request' : 'The activity is already outside any request' });
      }
      const customer = toOther ? await this.customerFor(em, input.toCustomerId!, 'toCustomerId') : a.customer;
      await touchRequest(em, a.requestId);
      a.customer = customer;
      a.request = input.toRequestId ? await joinRequest(em, customer.id, input.toRequestId, 'toRequestId') : null;
      return a;
    });
  }

  async addComment(input: AddCommentArgs): Promise<Comment> {
    return this.ctx.em.transactional(async (em) => {
      const activity = await this.get(input.activityId, em, 'locate');
      this.assertAllowed('update', this.ouOf(activity));
      const comment = em.create(Comment, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        activity,
        text: requiredText(input.text, 'text'),
        author: this.principal.handle,
      });
      await em.flush();
      await touchRequest(em, activity.requestId);
      await auditRequest(this.ctx, em, {
        operation: 'addComment',
        action: 'created',
        recordType: 'Comment',
        recordId: comment.id,
        ouId: this.ouOf(activity),
        before: null,
        after: { activityId: activity.id, text: comment.text },
        event: { subject: 'CustomerContext', topics: { customerId: activity.customerId } },
      });
      return comment;
    });
  }

  private async apply(em: EntityManager, a: Activity, input: ActivityFields, creating: boolean): Promise<void> {
    if (input.tags !== undefined) a.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    if (input.fields !== undefined || creating) a.fields = await checkActivityFields(em, this.principal.tenantId, input.fields ?? a.fields);
    if (input.requestId !== undefined) a.request = input.requestId === null ? null : await joinRequest(em, a.customer.id, input.requestId, 'requestId');
  }
}
