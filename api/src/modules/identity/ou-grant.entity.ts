import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { OrgUnit } from '../org/org-unit.entity';
import { Tenant } from '../tenant/tenant.entity';
import type { ApiClient } from './api-client.entity';
import type { Employee } from './employee.entity';

/**
 * Access to an OU and its whole subtree, held by an employee or an API client. Deleting the OU
 * removes the grant (the authz epoch is bumped with it).
 */
@ObjectType()
@Entity()
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

  @Field(() => ID)
  get ouId(): string {
    return this.ou.id;
  }
}
