import type { ModuleManifest } from '../../common/module';
import { OverviewResolver } from './overview.resolver';

/** Reads across resources for the console's overview pages (titles of referenced records, counts). */
export const overviewModule: ModuleManifest = { name: 'overview', entities: [], resolvers: [OverviewResolver] };
