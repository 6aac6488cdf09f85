import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { getNamedType, isLeafType, isObjectType } from 'graphql';
import type { RequestMemo } from '../common/request-loader';
import { later, sliceIsSpent } from '../common/event-loop-slices';

const sliced = new WeakSet<object>();

/**
 * graphql-js completes a large reply in one chain of microtasks: nothing else (another request,
 * /healthz) runs until it is done. Every field resolver of the schema is made to wait for the
 * event loop's next turn once the current stretch has run its slice, so a large reply is built in
 * slices with other requests served in between. A loader's batch waits for the request's deferred
 * resolvers (request-loader.ts), so slicing never splits a level's batch. In place and once per schema.
 */
export function resolveInTimeSlices(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      // A leaf is a value at hand: making it wait would cost more than reading it. Its parent waited.
      if (!resolve || sliced.has(field) || isLeafType(getNamedType(field.type))) continue;
      sliced.add(field);
      const inSlices: GraphQLFieldResolver<unknown, RequestMemo | undefined> = (source, args, context, info) =>
        sliceIsSpent() ? later(context?.memo).then(() => resolve(source, args, context, info)) : resolve(source, args, context, info);
      field.resolve = inSlices;
    }
  }
}
