import type { ModuleManifest } from '../../common/module';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitCrudResolver, OrgUnitFieldsResolver } from './org-unit.resolver';

/** The OU tree. */
export const orgModule: ModuleManifest = { name: 'org', entities: [OrgUnit], resolvers: [OrgUnitCrudResolver, OrgUnitFieldsResolver] };
