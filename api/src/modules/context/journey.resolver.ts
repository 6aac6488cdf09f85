import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { RefersTo } from '../../common/validation';
import type { Context } from '../../base/context';
import { CustomerContext } from './customer-context';
import { customerJourney, journeyPage } from './journey';
import { CustomerJourney } from './journey.types';

export const JOURNEY_PAGE = 20;
export const CONTEXT_JOURNEY_PAGE = 10;

@Resolver()
export class JourneyResolver {
  @Requires('customer-context:view')
  @Query(() => CustomerJourney, {
    description:
      "A page of a customer's journey: every activity, newest first, with its request (open or closed) or none; keyset-paged, stable while new activities arrive",
  })
  customerJourney(
    @Arg('customerId', () => ID, { description: 'The customer' }) @RefersTo('Customer') customerId: string,
    @Arg('first', () => Int, { defaultValue: JOURNEY_PAGE, description: 'Activities per page, 1 to 100' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor; omitted: the newest activities" }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return customerJourney(ctx, customerId, first, after);
  }
}

@Resolver(() => CustomerContext)
export class CustomerContextFieldsResolver {
  @FieldResolver(() => CustomerJourney, {
    nullable: true,
    description: "The first page of the customer's journey, read with the rest of the context; null without customer-context:view",
  })
  journey(
    @Root() c: CustomerContext,
    @Arg('first', () => Int, { defaultValue: CONTEXT_JOURNEY_PAGE, description: 'Activities, 1 to 100' }) first: number,
    @Ctx() ctx: Context,
  ) {
    if (!c.journeyRows) return null;
    return journeyPage(ctx, ctx.em, c.customer.id, c.journeyRows, first);
  }
}
