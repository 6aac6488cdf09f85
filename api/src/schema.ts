import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './authz/access';
import { GuardArgs } from './common/arg-guard';
import { validateArgs } from './common/validation';
import { RecordOperation } from './server/operation.middleware';
import { AuditEntryFieldsResolver, AuditEntryResolver } from './modules/audit/audit.resolver';
import {
  ActivityCrudResolver,
  ActivityFieldsResolver,
  CustomerRequestCrudResolver,
  CustomerRequestFieldsResolver,
  FieldDefinitionCrudResolver,
} from './modules/context/context.resolver';
import { AddressOptionCrudResolver, ContactRecordFieldsResolver, CustomerCrudResolver, CustomerFieldsResolver } from './modules/customer/customer.resolver';
import { ApiClientCrudResolver, ApiClientFieldsResolver } from './modules/identity/api-client.resolver';
import { AuthResolver } from './modules/identity/auth.resolver';
import { EmployeeCrudResolver, EmployeeFieldsResolver, OuGrantFieldsResolver, PasswordResolver } from './modules/identity/employee.resolver';
import { PermissionCatalogueResolver, RoleCrudResolver } from './modules/identity/role.resolver';
import { OrgUnitCrudResolver, OrgUnitFieldsResolver } from './modules/org/org-unit.resolver';
import { TenantResolver } from './modules/tenant/tenant.resolver';

export const RESOLVERS = [
  AuthResolver,
  PasswordResolver,
  TenantResolver,
  OrgUnitCrudResolver,
  OrgUnitFieldsResolver,
  EmployeeCrudResolver,
  EmployeeFieldsResolver,
  OuGrantFieldsResolver,
  RoleCrudResolver,
  PermissionCatalogueResolver,
  ApiClientCrudResolver,
  ApiClientFieldsResolver,
  AuditEntryResolver,
  AuditEntryFieldsResolver,
  CustomerCrudResolver,
  CustomerFieldsResolver,
  ContactRecordFieldsResolver,
  AddressOptionCrudResolver,
  CustomerRequestCrudResolver,
  CustomerRequestFieldsResolver,
  ActivityCrudResolver,
  ActivityFieldsResolver,
  FieldDefinitionCrudResolver,
] as const;

/** Built once at start-up; `npm run schema:emit` prints the same schema to schema/schema.graphql. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS] as unknown as [Function, ...Function[]],
    authChecker,
    authMode: 'error',
    validateFn: validateArgs,
    globalMiddlewares: [RecordOperation, GuardArgs],
  });
}
