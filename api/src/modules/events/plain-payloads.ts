import type { GraphQLSchema } from 'graphql';

/**
 * An event is delivered to many subscribers, each delivery executing the subscription's
 * selection on its payload. The payload is already the field's value (built, scoped and checked
 * by the hub at delivery), and the subscription's arguments were read at subscribe time: the
 * per-call machinery type-graphql puts on every field (its middleware chain and argument
 * validation) would run once per field per subscriber and event for nothing — measured as most
 * of a delivery's CPU. Subscription fields return their payload; the payload types' fields are
 * read as plain properties (`@PlainFields()`, events.types.ts). Authorization stays on
 * `subscribe`, where type-graphql keeps it.
 */
export function deliverPayloadsPlainly(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) field.resolve = (payload: unknown) => payload;
  return schema;
}
