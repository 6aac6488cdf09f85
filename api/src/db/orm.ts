import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { AuditEntry } from '../common/audit-entry.entity';
import { Activity } from '../modules/context/activity.entity';
import { Comment } from '../modules/context/comment.entity';
import { ActivityFieldDefinition } from '../modules/context/field-definition.entity';
import { CustomerRequest } from '../modules/context/request.entity';
import { AddressOption } from '../modules/customer/address-option.entity';
import { ContactRecord } from '../modules/customer/contact-record.entity';
import { CustomerEmail, CustomerPhone } from '../modules/customer/customer-contact.entity';
import { Customer } from '../modules/customer/customer.entity';
import { RecentCustomer } from '../modules/customer/recent-customer.entity';
import { ApiClient } from '../modules/identity/api-client.entity';
import { Employee } from '../modules/identity/employee.entity';
import { OuGrant } from '../modules/identity/ou-grant.entity';
import { LoginThrottleCounter } from '../modules/identity/login-throttle.entity';
import { ApiClientRole, EmployeeRole } from '../modules/identity/role-holder.entity';
import { Role } from '../modules/identity/role.entity';
import { OrgUnit } from '../modules/org/org-unit.entity';
import { Tenant } from '../common/tenant.entity';
import { migrationsList } from './migrations';
import { PlatformSetting } from './platform-setting.entity';

export const ENTITIES = [
  Tenant,
  OrgUnit,
  Employee,
  Role,
  EmployeeRole,
  ApiClientRole,
  OuGrant,
  LoginThrottleCounter,
  ApiClient,
  AuditEntry,
  Customer,
  CustomerPhone,
  CustomerEmail,
  AddressOption,
  ContactRecord,
  CustomerRequest,
  Activity,
  Comment,
  ActivityFieldDefinition,
  RecentCustomer,
  PlatformSetting,
];

export function ormOptions(clientUrl: string, extra: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: 'api/src/db/migrations',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    forceUtcTimezone: true,
    // The global EntityManager must never be used for requests; forks only.
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    ...extra,
  });
}

/**
 * Every statement of the pool's connections is cancelled by PostgreSQL after `ms` (0: never), so
 * a request that slipped past the query limits cannot hold a connection and its locks for long.
 * The server sends a cancelled statement's error (57014), answered as QUERY_TIMEOUT.
 */
export function statementTimeout(ms: number): Partial<Options> {
  return { driverOptions: { connection: { statement_timeout: ms } } };
}

export function openOrm(clientUrl: string, extra: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, extra));
}
