import type { ModuleManifest } from '../../common/module';
import { ApiClient } from './api-client.entity';
import { ApiClientCrudResolver, ApiClientFieldsResolver } from './api-client.resolver';
import { AuthResolver, MeFieldsResolver } from './auth.resolver';
import { Employee } from './employee.entity';
import { EmployeeCrudResolver, EmployeeFieldsResolver, OuGrantFieldsResolver, PasswordResolver } from './employee.resolver';
import { LoginThrottleCounter } from './login-throttle.entity';
import { OuGrant } from './ou-grant.entity';
import { ApiClientRole, EmployeeRole } from './role-holder.entity';
import { Role } from './role.entity';
import { PermissionCatalogueResolver, RoleCrudResolver } from './role.resolver';

/** Employees, roles, API clients, sign-in. */
export const identityModule: ModuleManifest = {
  name: 'identity',
  entities: [Employee, Role, EmployeeRole, ApiClientRole, OuGrant, LoginThrottleCounter, ApiClient],
  resolvers: [
    AuthResolver,
    MeFieldsResolver,
    PasswordResolver,
    EmployeeCrudResolver,
    EmployeeFieldsResolver,
    OuGrantFieldsResolver,
    RoleCrudResolver,
    PermissionCatalogueResolver,
    ApiClientCrudResolver,
    ApiClientFieldsResolver,
  ],
};
