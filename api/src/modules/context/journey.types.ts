import { Field, ObjectType } from 'type-graphql';
import { ListSize } from '../../base/list-size';
import { Activity } from './activity.entity';

/** The most activities one page of a journey holds. */
export const JOURNEY_MAX_PAGE = 100;

@ObjectType({ description: "One activity of a customer's journey and where the next page starts after it" })
export class JourneyEdge {
  @Field({ description: 'Opaque position of this activity: the `after` of the page that follows it' })
  cursor!: string;

  @Field(() => Activity, { description: 'The activity, with its request (open or closed) or none, its contact record and its comment count' })
  node!: Activity;
}

@ObjectType({ description: 'Where a page of a journey ends' })
export class JourneyPageInfo {
  @Field(() => String, { nullable: true, description: "The last activity's cursor (the next page's `after`); null for an empty page" })
  endCursor!: string | null;

  @Field({ description: 'Whether older activities follow' })
  hasNextPage!: boolean;
}

@ObjectType({
  description:
    'A page of a customer\'s journey: "a collection of recorded interactions between the customer and your organization", newest first (a Relay-style connection)',
})
export class CustomerJourney {
  @Field(() => [JourneyEdge], { description: 'The activities of the page, newest first' })
  @ListSize(JOURNEY_MAX_PAGE)
  edges!: JourneyEdge[];

  @Field(() => JourneyPageInfo, { description: 'Where the page ends, and whether older activities follow' })
  pageInfo!: JourneyPageInfo;
}
