import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { declareLabel, Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { RefersTo } from '../../common/validation';
import { OuOwned } from '../org/ou-owned.entity';
import { SkillQueue } from './skill-queue.entity';
import { QueueMediaClass } from './skill-queue.enums';
import { VisibleRefs } from './skill-queue-group.visible';

/**
 * A skill queue group (SPEC §6): a named set of skill queues of one media class, what an agent
 * may be given instead of single queues (SPEC §5).
 */
@ObjectType({ description: 'A named set of skill queues of one media class, given to agents instead of single queues' })
@Entity()
@Unique({
  name: 'skill_queue_group_name_lower_unique',
  properties: ['tenant', 'name'],
  expression: 'create unique index "skill_queue_group_name_lower_unique" on "skill_queue_group" ("tenant_id", lower("name"))',
})
@RowScope({ subject: 'SkillQueueGroup', ouField: 'ou', menu: 'skill-queue-groups' })
export class SkillQueueGroup extends OuOwned<'description' | 'skillQueueIds'> {
  @Sortable()
  @Searchable()
  @Field({ description: 'Name, 1 to 100 characters, unique in the tenant (ignoring case)' })
  @Property({ length: 100 })
  name!: string;

  @Field({ description: 'Description, up to 255 characters' })
  @Property({ length: 255 })
  description: string = '';

  @Sortable()
  @Field(() => QueueMediaClass, { description: 'The media class of its queues: VOICE_VIDEO (VOICE, VIDEO) or MULTIMEDIA (MULTIMEDIA and click-to-dial)' })
  @Enum({ items: () => QueueMediaClass, nativeEnumName: 'queue_media_class' })
  mediaClass!: QueueMediaClass;

  /**
   * The pivot rows, not a many-to-many of queues: a populated many-to-many would leave out the
   * queues outside the caller's scope, and a save would then drop them. The pivot has no row
   * scope, so every member is loaded and a save keeps those the caller cannot see.
   */
  @OneToMany({ entity: () => SkillQueueGroupMember, mappedBy: 'group', orphanRemoval: true })
  members = new Collection<SkillQueueGroupMember>(this);

  /** Every member for the audit; the caller sees only the queues it may locate. */
  @VisibleRefs('SkillQueue')
  @RefersTo('SkillQueue')
  @Field(() => [ID], { description: 'Ids of its skill queues (those outside your scope are left out)' })
  get skillQueueIds(): string[] {
    const members = this.members.isInitialized() ? this.members.getItems() : [];
    return members.map((m) => m.skillQueue.id).sort();
  }
}

/**
 * Which queues a group holds. No tenant column of its own: a member is reached only through its
 * group, whose row scope applies. Restrict on the queue: a queue a group holds cannot be deleted
 * (the kernel answers HAS_RECORDS naming the groups); deleting the group removes its members.
 */
@Entity({ tableName: 'skill_queue_group_member' })
export class SkillQueueGroupMember {
  @ManyToOne(() => SkillQueueGroup, { primary: true, deleteRule: 'cascade' })
  group!: SkillQueueGroup;

  @ManyToOne(() => SkillQueue, { primary: true, deleteRule: 'restrict', index: true })
  skillQueue!: SkillQueue;
}
// A refused queue delete names the table that points at it: call its rows what an admin sees.
declareLabel(SkillQueueGroupMember, 'Skill queue group');
