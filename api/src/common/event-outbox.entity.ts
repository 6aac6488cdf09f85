import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from './tenant.entity';
import { RowScope } from './row-scope';

/**
 * One committed change as a live event (SPEC §7): written in the transaction of the change
 * (common/event.writer.ts), so a rolled-back change has none and a committed one is never lost.
 * `seq` (per tenant) and `pos` (across tenants) are left empty by the writer and assigned by a
 * relay after commit, in the order rows become visible (docs/decisions.md, "event sequence"):
 * a reader that sees seq n has seen every seq below it. Read and written through SQL only.
 */
@Entity({ tableName: 'event_outbox' })
@Unique({ properties: ['tenant', 'seq'] })
@Index({ properties: ['assignedAt'] })
@RowScope()
export class EventOutbox {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  /** The tenant's sequence number: gapless, in commit order (null until the relay assigns it). */
  @Property({ type: 'bigint', nullable: true })
  seq?: string | null;

  /** Position across tenants, what each relay reads from (null until assigned). */
  @Property({ type: 'bigint', nullable: true, unique: true })
  pos?: string | null;

  /** GraphQL resource name (`Customer`), what resourceChanged subscribes to. */
  @Property({ length: 64 })
  resource!: string;

  /** The guarded subject whose read rule decides who receives the event. */
  @Property({ length: 64 })
  subject!: string;

  /** CREATED, UPDATED or DELETED. */
  @Property({ length: 8 })
  type!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  /** The OUs the record was in before and after the change (null = Unorganized); a reader of either receives it. */
  @Property({ type: 'jsonb' })
  ouIds!: (string | null)[];

  /** Small topic values the typed subscriptions filter on (customer, agent, queues, state). */
  @Property({ type: 'jsonb' })
  topics!: Record<string, unknown>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  assignedAt?: Date | null;
}

/** Per tenant: the last assigned sequence number, and the last one pruned (resuming from before it is too late). */
@Entity({ tableName: 'event_sequence' })
@RowScope()
export class EventSequence {
  @ManyToOne(() => Tenant, { primary: true, deleteRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'bigint', default: 0 })
  lastSeq!: string;

  @Property({ type: 'bigint', default: 0 })
  prunedThrough!: string;
}
