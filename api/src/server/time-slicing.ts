import { performance } from 'node:perf_hooks';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { batchIsCollecting } from '../common/request-loader';

/** The longest stretch field resolvers run before the event loop gets a turn. */
const SLICE_MS = 20;

let sliceStarted = performance.now();
let nextSlice: Promise<void> | undefined;

/** Resolves on the event loop's next check phase, after pending I/O (other requests) ran. */
function yieldToEventLoop(): Promise<void> {
  return (nextSlice ??= new Promise((resolve) =>
    setImmediate(() => {
      nextSlice = undefined;
      sliceStarted = performance.now();
      resolve();
    }),
  ));
}

const sliced = new WeakSet<object>();

/**
 * graphql-js completes a large reply in one chain of microtasks: nothing else (another request,
 * /healthz) runs until it is done. Every field resolver of the schema is made to wait for the
 * event loop's next turn once the current stretch has run SLICE_MS, so a large reply is built in
 * slices with other requests served in between. In place and once per schema.
 */
export function resolveInTimeSlices(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || sliced.has(field)) continue;
      sliced.add(field);
      const inSlices: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) =>
        performance.now() - sliceStarted > SLICE_MS && !batchIsCollecting()
          ? yieldToEventLoop().then(() => resolve(source, args, context, info))
          : resolve(source, args, context, info);
      field.resolve = inSlices;
    }
  }
}
