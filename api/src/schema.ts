import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './authz/access';
import { guardArgumentsIn } from './common/arg-guard';
import { validateArgs } from './common/validation';
import { recordOperationsIn } from './server/operation-name';
import { verifyPrincipalFirst } from './server/verified-principal';
import type { ModuleManifest } from './common/module';
import { MODULES } from './modules';
import { deliverPayloadsPlainly } from './modules/events/plain-payloads';
import { readPlainFields } from './common/plain-fields';

const NO_PUBSUB = {
  publish: () => {
    throw new Error('Events are published through the outbox (common/event.writer.ts), not a PubSub');
  },
  subscribe: () => {
    throw new Error('Subscriptions declare their own `subscribe` (modules/events)');
  },
};

/** Every resolver, from the modules' manifests. */
export const RESOLVERS = MODULES.flatMap((m) => m.resolvers);

/** Built once at start-up; `npm run schema:emit` prints the same schema to schema/schema.graphql. */
export async function buildAppSchema(extra: readonly ModuleManifest[] = []): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS, ...extra.flatMap((m) => m.resolvers)] as unknown as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
    validateFn: validateArgs,
    // Every subscription brings its own source (modules/events); type-graphql wants a PubSub all the same.
    pubSub: NO_PUBSUB,
  });
  return readPlainFields(deliverPayloadsPlainly(verifyPrincipalFirst(recordOperationsIn(guardArgumentsIn(schema)))));
}
