import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { FoldsPrincipalCheck, Requires } from '../../authz/access';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../base/context';
import { Customer } from '../customer/customer.entity';
import { CustomerService } from '../customer/customer.service';
import { Activity } from './activity.entity';
import { ActivityService, AddCommentArgs, MoveActivityArgs } from './activity.service';
import { Comment } from './comment.entity';
import {
  ActivityFilter,
  CreateActivityArgs,
  CreateActivityFieldDefinitionArgs,
  CreateCustomerRequestArgs,
  CustomerRequestFilter,
  FieldDefinitionFilter,
  UpdateActivityArgs,
  UpdateActivityFieldDefinitionArgs,
  UpdateCustomerRequestArgs,
} from './context.inputs';
import { CustomerContext, customerContext } from './customer-context';
import { ActivityFieldDefinition } from './field-definition.entity';
import { FieldDefinitionService } from './field-definition.service';
import { activitiesLoader, commentCountLoader, commentsLoader, contactRecordLoader } from './loaders';
import { ContactRecord } from '../customer/contact-record.entity';
import { CustomerRequest } from './request.entity';
import { CustomerRequestService } from './request.service';
import { ListSize, DATA_SIZED_LIST } from '../../base/list-size';

export const CustomerRequestCrudResolver = createCrudResolver({
  name: 'CustomerRequest',
  type: CustomerRequest,
  filter: CustomerRequestFilter,
  createArgs: CreateCustomerRequestArgs,
  updateArgs: UpdateCustomerRequestArgs,
  service: (ctx) => new CustomerRequestService(ctx),
});

export const ActivityCrudResolver = createCrudResolver({
  name: 'Activity',
  type: Activity,
  filter: ActivityFilter,
  createArgs: CreateActivityArgs,
  updateArgs: UpdateActivityArgs,
  service: (ctx) => new ActivityService(ctx),
});

export const FieldDefinitionCrudResolver = createCrudResolver({
  name: 'ActivityFieldDefinition',
  type: ActivityFieldDefinition,
  filter: FieldDefinitionFilter,
  createArgs: CreateActivityFieldDefinitionArgs,
  updateArgs: UpdateActivityFieldDefinitionArgs,
  service: (ctx) => new FieldDefinitionService(ctx),
});

@Resolver(() => CustomerRequest)
export class CustomerRequestFieldsResolver {
  @FieldResolver(() => [Activity], { description: 'The activities of this request, newest first' })
  @ListSize(DATA_SIZED_LIST)
  activities(@Root() r: CustomerRequest, @Ctx() ctx: Context) {
    return activitiesLoader(ctx).load(r.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer, when the caller may read it' })
  customer(@Root() r: CustomerRequest, @Ctx() ctx: Context) {
    return new CustomerService(ctx).loader().load(r.customerId);
  }
}

@Resolver(() => Activity)
export class ActivityFieldsResolver {
  @FieldResolver(() => [Comment], { description: 'Notes on the activity, oldest first' })
  @ListSize(DATA_SIZED_LIST)
  comments(@Root() a: Activity, @Ctx() ctx: Context) {
    return commentsLoader(ctx).load(a.id);
  }

  @FieldResolver(() => ContactRecord, { nullable: true, description: 'The contact record it was recorded from; null for one entered by hand' })
  contactRecord(@Root() a: Activity, @Ctx() ctx: Context) {
    return a.contactRecordId ? contactRecordLoader(ctx).load(a.contactRecordId) : null;
  }

  @FieldResolver(() => Int, { description: 'How many comments it has' })
  commentCount(@Root() a: Activity, @Ctx() ctx: Context) {
    return commentCountLoader(ctx).load(a.id);
  }

  @FieldResolver(() => CustomerRequest, { nullable: true, description: 'The request it belongs to; null for none or when the caller may not read it' })
  request(@Root() a: Activity, @Ctx() ctx: Context) {
    return a.requestId ? new CustomerRequestService(ctx).loader().load(a.requestId) : null;
  }

  // Moving is also an edit of the activity (the write path checks it on both customers): both operations are declared.
  @Requires('customer-context:move-activity', 'customer-context:edit')
  @Mutation(() => Activity, {
    description:
      "Moves an activity within its customer's journey (to another of its requests, or out of any) or to another customer (write needed on both); joining a CLOSED request reopens it",
  })
  moveActivity(@Args(() => MoveActivityArgs) input: MoveActivityArgs, @Ctx() ctx: Context) {
    return new ActivityService(ctx).move(input);
  }

  @Requires('customer-context:edit')
  @Mutation(() => Comment, { description: 'Adds a note to an activity; the author is the caller' })
  addComment(@Args(() => AddCommentArgs) input: AddCommentArgs, @Ctx() ctx: Context) {
    return new ActivityService(ctx).addComment(input);
  }

  @Requires('customer-center:view')
  @FoldsPrincipalCheck()
  @Query(() => CustomerContext, {
    nullable: true,
    description: 'Call-time lookup by exactly one of phone (any format), e-mail or customer number; null when no customer in scope matches',
  })
  customerContext(
    @Arg('phone', () => String, { nullable: true, description: 'Any format; the same number first, then the longest common tail' }) phone: string | null,
    @Arg('email', () => String, { nullable: true, description: 'E-mail address, any case' }) email: string | null,
    @Arg('customerNumber', () => String, { nullable: true, description: 'Customer number, exact' }) customerNumber: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return customerContext(ctx, { phone, email, customerNumber }, info);
  }
}
