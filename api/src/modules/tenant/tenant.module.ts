import type { ModuleManifest } from '../../common/module';
import { TenantResolver } from './tenant.resolver';

/** Tenant parameters (the Tenant entity itself is the kernel's: every row belongs to one). */
export const tenantModule: ModuleManifest = { name: 'tenant', entities: [], resolvers: [TenantResolver] };
