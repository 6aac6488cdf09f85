import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../../common/tenant.entity';
import { Activity } from './activity.entity';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

/** A note on an activity: text, author, time. */
@ObjectType({ description: 'A note on an activity' })
@Entity({ tableName: 'activity_comment' })
@Index({ properties: ['activity', 'at'] })
@RowScope({ subject: 'CustomerContext', ouField: 'activity.customer.ou' })
export class Comment {
  [OptionalProps]?: 'at' | 'activityId';

  @Field(() => ID, { description: 'Record id (a UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  @ManyToOne(() => Activity, { deleteRule: 'cascade' })
  activity!: Activity;

  @Field({ description: 'The note, 1 to 2000 characters' })
  @Property({ length: 2000 })
  text!: string;

  @Field({ description: 'Account or client id of the author' })
  @Property({ length: 64 })
  author!: string;

  @Field(() => Date, { description: 'When it was written' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Field(() => ID, { description: "The activity's id" })
  @RefersTo('Activity')
  get activityId(): string {
    return this.activity.id;
  }
}
