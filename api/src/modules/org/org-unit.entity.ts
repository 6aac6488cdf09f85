import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

/**
 * An organization unit: one node of the tenant's OU tree. `Unorganized` is not a row; it is a
 * null OU on a record.
 */
@ObjectType({ description: "An organization unit: a node of the tenant's OU tree that owns records and scopes access; a record with no OU is Unorganized" })
@Entity()
@Index({ properties: ['tenant', 'path'] })
// Names are unique among siblings, ignoring case; top-level OUs are siblings too.
@Unique({
  name: 'org_unit_sibling_name_unique',
  expression: 'create unique index "org_unit_sibling_name_unique" on "org_unit" ("tenant_id", "parent_id", lower("name")) nulls not distinct',
})
@RowScope({ subject: 'OrgUnit', ouField: 'id', menu: 'org-units' })
export class OrgUnit extends TenantOwned<'parentId' | 'maxConcurrentSessions'> {
  @Sortable()
  @Field({ description: 'Name, 1 to 100 characters, unique among its siblings (ignoring case)' })
  @Property({ length: 100 })
  name!: string;

  /** Restrict: a parent with children cannot be deleted (checked first for a clear message). */
  @ManyToOne(() => OrgUnit, { nullable: true, deleteRule: 'restrict', index: true })
  parent?: OrgUnit | null;

  /**
   * Names from the root down, joined by " / "; kept current on rename and move, for display and
   * tree ordering. Exposed through a field resolver that shows only the part the caller may read.
   */
  @Sortable()
  @Property({ type: 'text' })
  path!: string;

  /** The OU level of an agent's concurrent sessions (SPEC §5): the nearest OU up from the agent's home OU with a non-zero value wins over the tenant's. */
  @Field(() => Int, {
    description:
      "OU level of the most concurrent sessions per agent: 0 to 60 (default 0 = inherit the parent OU's, then the tenant's); an agent's own value wins",
  })
  @Property({ type: 'smallint' })
  maxConcurrentSessions: number = 0;

  /** Exposed through a field resolver: a parent outside the caller's scope reads as null. */
  @RefersTo('OrgUnit')
  get parentId(): string | null {
    return this.parent?.id ?? null;
  }
}
