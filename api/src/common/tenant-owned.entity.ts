import { ManyToOne } from '@mikro-orm/core';
import { ObjectType } from 'type-graphql';
import { Tenant } from './tenant.entity';
import { Versioned } from './versioned.entity';
import { RowScope } from './row-scope';

/** Every row of a tenant's data carries its tenant; queries always filter on it. */
@ObjectType()
@RowScope()
export abstract class TenantOwned<Defaulted extends string = never> extends Versioned<Defaulted> {
  @ManyToOne(() => Tenant, { deleteRule: 'cascade', index: true })
  tenant!: Tenant;
}
