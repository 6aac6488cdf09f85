import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './authz/access';
import { validateArgs } from './common/validation';
import { AuthResolver } from './modules/identity/auth.resolver';
import { OrgUnitCrudResolver, OrgUnitFieldsResolver } from './modules/org/org-unit.resolver';
import { TenantResolver } from './modules/tenant/tenant.resolver';

export const RESOLVERS = [AuthResolver, TenantResolver, OrgUnitCrudResolver, OrgUnitFieldsResolver] as const;

/** Built once at start-up; `npm run schema:emit` prints the same schema to schema/schema.graphql. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS] as unknown as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
    validateFn: validateArgs,
  });
}
