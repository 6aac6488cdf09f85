import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RefersTo } from '../../common/validation';
import { OrgUnit } from '../org/org-unit.entity';
import { CallMediaType } from './media-type';

/** A recorded prompt (SPEC §6): the custom wait, hold and answer tones of voice and video skill queues. */
@ObjectType({ description: "A recorded prompt played to callers: a voice or video skill queue's custom wait, hold or answer tone" })
@Entity()
@Unique({
  name: 'voice_prompt_name_lower_unique',
  properties: ['tenant', 'name'],
  expression: 'create unique index "voice_prompt_name_lower_unique" on "voice_prompt" ("tenant_id", lower("name"))',
})
@Index({ properties: ['tenant', 'ou'] })
@RowScope({ subject: 'VoicePrompt', ouField: 'ou', menu: 'skill-queues' })
export class VoicePrompt extends TenantOwned<'ouId'> {
  @Sortable()
  @Searchable()
  @Field({ description: 'Name, 1 to 100 characters, unique in the tenant (ignoring case)' })
  @Property({ length: 100 })
  name!: string;

  @Sortable()
  @Field(() => CallMediaType, { description: 'The calls it is played to: voice or video' })
  @Enum({ items: () => CallMediaType, nativeEnumName: 'call_media_type' })
  mediaType!: CallMediaType;

  @Field({ description: 'Where the recording is: an http or https URL of at most 2048 characters' })
  @Property({ length: 2048 })
  fileUrl!: string;

  /** Restrict: an OU that still has voice prompts cannot be deleted. */
  @ManyToOne(() => OrgUnit, { nullable: true, deleteRule: 'restrict' })
  ou?: OrgUnit | null;

  @RefersTo('OrgUnit')
  @Field(() => ID, { nullable: true, description: 'Id of the owning OU; null = Unorganized' })
  get ouId(): string | null {
    return this.ou?.id ?? null;
  }
}
