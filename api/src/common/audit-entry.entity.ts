import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from './tenant.entity';
import { Sortable } from './sortable';
import { RowScope } from './row-scope';
import { RefersTo } from './validation';

/**
 * One data change (SPEC §8), written in the transaction of the change. Rows are immutable: a
 * database trigger refuses UPDATE and DELETE.
 */
@ObjectType({ description: 'One data change: who made it, with which operation, on which record; never edited' })
@Entity()
@Index({ properties: ['tenant', 'at'] })
@Index({ properties: ['tenant', 'recordType', 'recordId'] })
@Index({ properties: ['tenant', 'principalId'] })
@RowScope({ subject: 'AuditEntry', ouField: 'ouId', menu: 'audit' })
export class AuditEntry {
  [OptionalProps]?: 'at';

  @Field(() => ID, { description: 'Entry id (a UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  @Sortable()
  @Field(() => Date, { description: 'When the change was made' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Field({ description: 'employee, client or platform' })
  @Property({ length: 16 })
  principalKind!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the employee or API client who made it; null for the platform operator' })
  @Property({ type: 'uuid', nullable: true })
  principalId?: string | null;

  @Sortable()
  @Field({ description: 'Account or client id of the principal at the time' })
  @Property({ length: 64 })
  principalHandle!: string;

  @Sortable()
  @Field({ description: 'The GraphQL mutation (or command) that made the change' })
  @Property({ length: 64 })
  operation!: string;

  @Field({ description: 'created, updated or deleted' })
  @Property({ length: 8 })
  action!: string;

  @Sortable()
  @Field({ description: 'GraphQL type of the changed record, e.g. Customer' })
  @Property({ length: 64 })
  recordType!: string;

  @Field(() => ID, { description: "The changed record's id" })
  @Property({ type: 'uuid' })
  recordId!: string;

  /** The record's OU at the time of the change (after it, for moves); null = Unorganized. */
  @Field(() => ID, { nullable: true, description: "The record's OU at the time (after the change, for moves); null = Unorganized" })
  @Property({ type: 'uuid', nullable: true })
  @RefersTo('OrgUnit')
  ouId?: string | null;

  /** Exposed through a field resolver that hides OU ids the reader may not read. */
  @Property({ type: 'jsonb' })
  changes!: Record<string, { before: unknown; after: unknown }>;
}
