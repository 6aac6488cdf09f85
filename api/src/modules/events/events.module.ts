import type { ModuleManifest } from '../../common/module';
import { LiveEventsResolver } from './events.resolver';

/** Live events: GraphQL subscriptions over the transactional outbox (its tables are the kernel's, common/event-outbox.entity.ts). */
export const eventsModule: ModuleManifest = {
  name: 'events',
  entities: [],
  resolvers: [LiveEventsResolver],
};
