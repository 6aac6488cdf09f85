import { randomUUID } from 'node:crypto';
import { Check, Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { OrgUnit } from '../org/org-unit.entity';
import { Tenant } from '../../common/tenant.entity';
import type { ApiClient } from './api-client.entity';
import type { Employee } from './employee.entity';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

/**
 * Access to an OU and its whole subtree, held by an employee or an API client. Deleting the OU
 * removes the grant (the authz epoch is bumped with it).
 */
@ObjectType({ description: 'Access to an OU and its whole subtree, held by an employee or an API client' })
@Entity()
// A grant belongs to exactly one holder, once per OU.
@Check({ name: 'ou_grant_one_holder', expression: '("employee_id" is null) <> ("api_client_id" is null)' })
@Unique({
  name: 'ou_grant_employee_ou_unique',
  expression: 'create unique index "ou_grant_employee_ou_unique" on "ou_grant" ("employee_id", "ou_id") where "employee_id" is not null',
})
@Unique({
  name: 'ou_grant_client_ou_unique',
  expression: 'create unique index "ou_grant_client_ou_unique" on "ou_grant" ("api_client_id", "ou_id") where "api_client_id" is not null',
})
@RowScope()
export class OuGrant {
  [OptionalProps]?: 'ouId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  @ManyToOne('Employee', { nullable: true, deleteRule: 'cascade', index: true })
  employee?: Employee | null;

  @ManyToOne('ApiClient', { nullable: true, deleteRule: 'cascade', index: true })
  apiClient?: ApiClient | null;

  @ManyToOne(() => OrgUnit, { deleteRule: 'cascade', index: true })
  ou!: OrgUnit;

  @Field({ description: 'Read the OU and its subtree' })
  @Property()
  canRead!: boolean;

  @Field({ description: 'Write the OU and its subtree (implies read)' })
  @Property()
  canWrite!: boolean;

  @Field(() => ID, { description: 'Id of the granted OU (the grant covers its subtree too)' })
  @RefersTo('OrgUnit')
  get ouId(): string {
    return this.ou.id;
  }
}
