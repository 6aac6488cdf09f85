import { Index, ManyToOne } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RefersTo } from '../../common/validation';
import { OrgUnit } from './org-unit.entity';

/**
 * A tenant's record that belongs to one OU (null = Unorganized): customers, routing
 * configuration and the like. Extending it gives the OU column (an OU that still owns records
 * cannot be deleted), its `ouId` field and the (tenant, OU) index every scoped list needs; the
 * entity still declares its subject with `@RowScope({ subject, ouField: 'ou', menu })`.
 */
@ObjectType()
@Index({ properties: ['tenant', 'ou'] })
export abstract class OuOwned<Defaulted extends string = never> extends TenantOwned<'ouId' | Defaulted> {
  @ManyToOne(() => OrgUnit, { nullable: true, deleteRule: 'restrict' })
  ou?: OrgUnit | null;

  @RefersTo('OrgUnit')
  @Field(() => ID, { nullable: true, description: 'Id of the owning OU; null = Unorganized' })
  get ouId(): string | null {
    return this.ou?.id ?? null;
  }
}
