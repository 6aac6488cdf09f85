import type { ModuleManifest } from '../../common/module';
import { AccessCode } from './access-code.entity';
import { accessCodes } from './routing.resolver';

/** Routing configuration (SPEC §6): access codes so far. */
export const routingModule: ModuleManifest = {
  name: 'routing',
  entities: [AccessCode],
  resolvers: [accessCodes.resolver],
};
