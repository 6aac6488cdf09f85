import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../server/context';
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
import { activitiesLoader, commentsLoader } from './loaders';
import { CustomerRequest } from './request.entity';
import { CustomerRequestService } from './request.service';
import { ListSize, DATA_SIZED_LIST } from '../../server/list-size';

export const CustomerRequestCrudResolver = createCrudResolver({
  name: 'CustomerRequest',
  type: CustomerRequest,
  filter: CustomerRequestFilter,
  createArgs: CreateCustomerRequestArgs,
  updateArgs: UpdateCustomerRequestArgs,
  subject: 'CustomerContext',
  service: (ctx) => new CustomerRequestService(ctx),
});

export const ActivityCrudResolver = createCrudResolver({
  name: 'Activity',
  type: Activity,
  filter: ActivityFilter,
  createArgs: CreateActivityArgs,
  updateArgs: UpdateActivityArgs,
  subject: 'CustomerContext',
  service: (ctx) => new ActivityService(ctx),
});

export const FieldDefinitionCrudResolver = createCrudResolver({
  name: 'ActivityFieldDefinition',
  type: ActivityFieldDefinition,
  filter: FieldDefinitionFilter,
  createArgs: CreateActivityFieldDefinitionArgs,
  updateArgs: UpdateActivityFieldDefinitionArgs,
  subject: 'ActivityFieldDefinition',
  service: (ctx) => new FieldDefinitionService(ctx),
});

@Resolver(() => CustomerRequest)
export class CustomerRequestFieldsResolver {
  @FieldResolver(() => [Activity])
  @ListSize(DATA_SIZED_LIST)
  activities(@Root() r: CustomerRequest, @Ctx() ctx: Context) {
    return activitiesLoader(ctx).load(r.id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() r: CustomerRequest, @Ctx() ctx: Context) {
    return new CustomerService(ctx).loader().load(r.customerId);
  }
}

@Resolver(() => Activity)
export class ActivityFieldsResolver {
  @FieldResolver(() => [Comment], { description: 'Oldest first' })
  @ListSize(DATA_SIZED_LIST)
  comments(@Root() a: Activity, @Ctx() ctx: Context) {
    return commentsLoader(ctx).load(a.id);
  }

  @FieldResolver(() => CustomerRequest, { nullable: true })
  request(@Root() a: Activity, @Ctx() ctx: Context) {
    return a.requestId ? new CustomerRequestService(ctx).loader().load(a.requestId) : null;
  }

  @Requires('customer-context:move-activity')
  @Mutation(() => Activity, { description: 'Moves an activity to another customer (write needed on both)' })
  moveActivity(@Args(() => MoveActivityArgs) input: MoveActivityArgs, @Ctx() ctx: Context) {
    return new ActivityService(ctx).move(input.activityId, input.toCustomerId);
  }

  @Requires('customer-context:edit')
  @Mutation(() => Comment)
  addComment(@Args(() => AddCommentArgs) input: AddCommentArgs, @Ctx() ctx: Context) {
    return new ActivityService(ctx).addComment(input);
  }

  @Requires('customer-center:view')
  @Query(() => CustomerContext, {
    nullable: true,
    description: 'Call-time lookup by phone (any format), e-mail or customer number; null when no customer in scope matches',
  })
  customerContext(
    @Arg('phone', () => String, { nullable: true }) phone: string | null,
    @Arg('email', () => String, { nullable: true }) email: string | null,
    @Arg('customerNumber', () => String, { nullable: true }) customerNumber: string | null,
    @Ctx() ctx: Context,
  ) {
    return customerContext(ctx, { phone, email, customerNumber });
  }
}
