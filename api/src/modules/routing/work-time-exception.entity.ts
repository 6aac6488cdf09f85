import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ListSize } from '../../base/list-size';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RefersTo } from '../../common/validation';
import { VisibleRef } from './visible-ref';
import { WebChannel } from './web-channel.entity';
import { MAX_SEGMENTS } from './work-time.rules';
import { type ExceptionValue, type SegmentValue, TimeSegment } from './work-time.types';

/**
 * A dated exception of a web channel's work time (issue 10 item 6): a holiday closed all day, or
 * special hours for one local date, which win over the weekday hours. Rows rather than a list in
 * the channel's work time: no fixed cap, a channel page that costs the same whatever its
 * holidays, and an audit entry per date. Scoped by its channel's OU, on the channels page.
 */
@ObjectType({ description: "A date whose hours differ from its weekday in a web channel's work time: a holiday closed all day, or special hours" })
@Entity()
// The field a duplicate is reported on is the first property besides the tenant: `date`.
@Unique({
  name: 'work_time_exception_channel_date_unique',
  properties: ['date', 'channel'],
  expression: 'create unique index "work_time_exception_channel_date_unique" on "work_time_exception" ("channel_id", "date")',
})
@Index({ properties: ['tenant', 'date'] })
@RowScope({ subject: 'WorkTimeException', ouField: 'channel.ou', menu: 'channels' })
export class WorkTimeException extends TenantOwned<'closed' | 'segments' | 'note' | 'channelId'> implements ExceptionValue {
  /** Deleting the channel deletes its exceptions. */
  @ManyToOne(() => WebChannel, { deleteRule: 'cascade' })
  channel!: WebChannel;

  @Sortable()
  @Field({ description: 'The local date, "YYYY-MM-DD", in the time zone of the channel; one exception per channel and date' })
  @Property({ type: 'string', columnType: 'date' })
  date!: string;

  @Sortable()
  @Field({ description: 'Closed all day (a holiday); false: open in the segments only' })
  @Property()
  closed: boolean = false;

  @ListSize(MAX_SEGMENTS)
  @Field(() => [TimeSegment], { description: 'The special hours of the date (1 to 4 non-overlapping segments); empty when closed' })
  @Property({ type: 'json' })
  segments: SegmentValue[] = [];

  @Searchable()
  @Field({ description: 'Why the date differs, e.g. "New Year" (shown to operators; empty: none)' })
  @Property({ length: 200 })
  note: string = '';

  @VisibleRef('WebChannel')
  @RefersTo('WebChannel')
  @Field(() => ID, { nullable: true, description: 'The web channel whose work time it changes (null when outside your scope)' })
  get channelId(): string {
    return this.channel.id;
  }
}
