import { Entity, OneToOne, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';
import { SkillQueue } from './skill-queue.entity';

/**
 * The calls waiting in one skill queue, as an integration last reported them. Kept apart from
 * the queue so that a report never bumps the queue's version under an admin editing it; scoped
 * by the queue's OU, and reported with the skill queue page's own operation.
 */
@ObjectType({ description: 'The calls waiting in a skill queue, as last reported' })
@Entity()
@RowScope({
  subject: 'QueueLoad',
  ouField: 'queue.ou',
  menu: 'skill-queues',
  operations: { create: 'report-load', update: 'report-load', delete: 'report-load' },
})
export class QueueLoad extends TenantOwned<'queueId'> {
  @OneToOne(() => SkillQueue, { owner: true, unique: true, deleteRule: 'cascade' })
  queue!: SkillQueue;

  @RefersTo('SkillQueue')
  @Field(() => ID, { description: 'The skill queue' })
  get queueId(): string {
    return this.queue.id;
  }

  @Field(() => Int, { description: 'Calls waiting, 0 or more' })
  @Property()
  queued!: number;
}
