import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { OuOwned } from '../org/ou-owned.entity';
import { RoutingMediaType } from './media-type';

/** A hotline number customers dial (SPEC §6): called routes map it, with an optional extension, to a skill queue or an IVR. */
@ObjectType({ description: 'A hotline number customers dial; called routes send its calls to a skill queue or an IVR' })
@Entity()
@Unique({ properties: ['tenant', 'code'] })
@RowScope({ subject: 'AccessCode', ouField: 'ou', menu: 'access-codes' })
export class AccessCode extends OuOwned {
  @Sortable()
  @Searchable()
  @Field({ description: 'The number dialled: 1 to 24 digits, unique in the tenant' })
  @Property({ length: 24 })
  code!: string;

  @Sortable()
  @Field(() => RoutingMediaType, { description: 'Which calls it takes: the skill queues its called routes may reach are of this type' })
  @Enum({ items: () => RoutingMediaType, nativeEnumName: 'routing_media_type' })
  mediaType!: RoutingMediaType;
}
