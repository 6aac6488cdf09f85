import { Entity, ManyToOne } from '@mikro-orm/core';
import type { ApiClient } from './api-client.entity';
import type { Employee } from './employee.entity';
import { Role } from './role.entity';

/*
 * Who holds a role: the pivots of Employee.roles and ApiClient.roles, declared so that their
 * rule is part of the model. Restrict: a role still assigned cannot be deleted (RoleService
 * answers HAS_RECORDS); removing the holder removes its assignments.
 */

@Entity({ tableName: 'employee_role' })
export class EmployeeRole {
  @ManyToOne('Employee', { primary: true, deleteRule: 'cascade' })
  employee!: Employee;

  @ManyToOne(() => Role, { primary: true, deleteRule: 'restrict', index: true })
  role!: Role;
}

@Entity({ tableName: 'api_client_role' })
export class ApiClientRole {
  @ManyToOne('ApiClient', { primary: true, deleteRule: 'cascade' })
  apiClient!: ApiClient;

  @ManyToOne(() => Role, { primary: true, deleteRule: 'restrict', index: true })
  role!: Role;
}
