import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { OuOwned } from '../org/ou-owned.entity';
import { CallMediaType } from './media-type';

/**
 * An IVR flow as a routing target (SPEC §6): the flow itself is designed elsewhere; queue
 * handlers, queuing prompts, called routes and channels point at it.
 */
@ObjectType({ description: 'An IVR flow as a routing target (the flow is designed elsewhere): reached by its access code' })
@Entity()
@Unique({
  name: 'ivr_name_lower_unique',
  properties: ['tenant', 'name'],
  expression: 'create unique index "ivr_name_lower_unique" on "ivr" ("tenant_id", lower("name"))',
})
@Unique({ properties: ['tenant', 'accessCode'] })
@RowScope({ subject: 'Ivr', ouField: 'ou', menu: 'called-routes' })
export class Ivr extends OuOwned {
  @Sortable()
  @Searchable()
  @Field({ description: 'Name, 1 to 100 characters, unique in the tenant (ignoring case)' })
  @Property({ length: 100 })
  name!: string;

  @Sortable()
  @Searchable()
  @Field({ description: "The flow's own access code: 1 to 24 digits, unique among the tenant's IVRs" })
  @Property({ length: 24 })
  accessCode!: string;

  @Sortable()
  @Field(() => CallMediaType, { description: 'The calls it answers: voice or video' })
  @Enum({ items: () => CallMediaType, nativeEnumName: 'call_media_type' })
  mediaType!: CallMediaType;
}
