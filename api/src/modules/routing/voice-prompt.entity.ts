import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { OuOwned } from '../org/ou-owned.entity';
import { CallMediaType } from './media-type';

/** A recorded prompt (SPEC §6): the custom wait, hold and answer tones of voice and video skill queues. */
@ObjectType({ description: "A recorded prompt played to callers: a voice or video skill queue's custom wait, hold or answer tone" })
@Entity()
@Unique({
  name: 'voice_prompt_name_lower_unique',
  properties: ['tenant', 'name'],
  expression: 'create unique index "voice_prompt_name_lower_unique" on "voice_prompt" ("tenant_id", lower("name"))',
})
@RowScope({ subject: 'VoicePrompt', ouField: 'ou', menu: 'skill-queues' })
export class VoicePrompt extends OuOwned {
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
}
