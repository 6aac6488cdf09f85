import type { ModuleManifest } from '../common/module';
import { agentsModule } from './agents/agents.module';
import { auditModule } from './audit/audit.module';
import { contextModule } from './context/context.module';
import { customerModule } from './customer/customer.module';
import { eventsModule } from './events/events.module';
import { identityModule } from './identity/identity.module';
import { orgModule } from './org/org.module';
import { overviewModule } from './overview/overview.module';
import { routingModule } from './routing/routing.module';
import { tenantModule } from './tenant/tenant.module';

/** Every domain module of the product: a new one is one line here and a manifest in its folder. */
export const MODULES: readonly ModuleManifest[] = [
  tenantModule,
  orgModule,
  identityModule,
  auditModule,
  customerModule,
  contextModule,
  routingModule,
  agentsModule,
  eventsModule,
  overviewModule,
];
