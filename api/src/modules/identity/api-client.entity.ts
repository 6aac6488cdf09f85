import { Collection, Entity, ManyToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { ApiClientRole } from './role-holder.entity';
import { Role } from './role.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';

/** A machine principal (CRM, CTI integration) with its own roles and OU grants. */
@ObjectType({ description: 'A machine principal (a CRM or CTI integration) that signs in with clientLogin, with its own roles and OU grants' })
@Entity()
@RowScope({ subject: 'ApiClient', menu: 'api-clients' })
export class ApiClient extends TenantOwned<'description' | 'enabled' | 'revokedAt' | 'lastUsedAt' | 'roles' | 'credentialVersion'> {
  @Sortable()
  @Field({ description: 'Name, 1 to 80 characters' })
  @Property({ length: 80 })
  name!: string;

  @Field({ description: 'What the client is for, up to 255 characters (empty: none)' })
  @Property({ length: 255 })
  description: string = '';

  /** Public identifier used with the secret in clientLogin. */
  @Sortable()
  @Field({ description: 'Public identifier, given by the server; used with the secret in clientLogin' })
  @Property({ length: 40 })
  @Unique()
  clientId!: string;

  /** argon2id hash of the secret; the secret itself is shown once and never stored. */
  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  /** Tokens carry the version they were issued at; a database trigger bumps it on every secret, enabled or revoked change. */
  @Property({ default: 0 })
  credentialVersion: number = 0;

  @Field({ description: 'May sign in (default true); disabling invalidates its tokens at once' })
  @Property()
  enabled: boolean = true;

  @Field(() => Date, { nullable: true, description: 'When the client was revoked (for good); null while it is not' })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null = null;

  @Sortable()
  @Field(() => Date, { nullable: true, description: 'When the client last signed in; null if never' })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null = null;

  @ManyToMany({ entity: () => Role, pivotEntity: () => ApiClientRole })
  roles = new Collection<Role>(this);
}
