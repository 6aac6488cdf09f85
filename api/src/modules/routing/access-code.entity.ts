import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RefersTo } from '../../common/validation';
import { OrgUnit } from '../org/org-unit.entity';
import { RoutingMediaType } from './media-type';

/** A hotline number customers dial (SPEC §6): called routes map it, with an optional extension, to a skill queue or an IVR. */
@ObjectType({ description: 'A hotline number customers dial; called routes send its calls to a skill queue or an IVR' })
@Entity()
@Unique({ properties: ['tenant', 'code'] })
@Index({ properties: ['tenant', 'ou'] })
@RowScope({ subject: 'AccessCode', ouField: 'ou', menu: 'access-codes' })
export class AccessCode extends TenantOwned<'ouId'> {
  @Sortable()
  @Searchable()
  @Field({ description: 'The number dialled: 1 to 24 digits, unique in the tenant' })
  @Property({ length: 24 })
  code!: string;

  @Sortable()
  @Field(() => RoutingMediaType, { description: 'Which calls it takes: the skill queues its called routes may reach are of this type' })
  @Enum({ items: () => RoutingMediaType, nativeEnumName: 'routing_media_type' })
  mediaType!: RoutingMediaType;

  /** Restrict: an OU that still has access codes cannot be deleted. */
  @ManyToOne(() => OrgUnit, { nullable: true, deleteRule: 'restrict' })
  ou?: OrgUnit | null;

  @RefersTo('OrgUnit')
  @Field(() => ID, { nullable: true, description: 'Id of the owning OU; null = Unorganized' })
  get ouId(): string | null {
    return this.ou?.id ?? null;
  }
}
