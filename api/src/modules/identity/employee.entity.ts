import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { EmployeeRole } from './role-holder.entity';
import { Role } from './role.entity';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(Gender, { name: 'Gender' });

/** A business account (SPEC §2). The account name is unique across all tenants. */
@ObjectType()
@Entity()
// Accounts are unique across tenants, ignoring case (login matches the same way).
@Unique({ name: 'employee_account_lower_unique', expression: 'create unique index "employee_account_lower_unique" on "employee" (lower("account"))' })
export class Employee extends TenantOwned<
  'gender' | 'phone' | 'email' | 'position' | 'isTenantAdmin' | 'enabled' | 'mustChangePassword' | 'homeOuId' | 'managerId' | 'roles' | 'credentialVersion'
> {
  @Field()
  /** Unique case-insensitively across tenants: index on lower(account), see the migration. */
  @Property({ length: 64 })
  account!: string;

  @Field()
  @Property({ length: 80 })
  name!: string;

  @Field(() => Gender)
  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  gender: Gender = Gender.UNKNOWN;

  @Field()
  @Property({ length: 20 })
  phone: string = '';

  @Field()
  @Property({ length: 128 })
  email: string = '';

  @Field()
  @Property({ length: 80 })
  position: string = '';

  @ManyToOne(() => Employee, { nullable: true, deleteRule: 'set null' })
  manager?: Employee | null;

  /** Restrict: an OU that is still someone's home OU cannot be deleted. */
  @ManyToOne(() => OrgUnit, { nullable: true, deleteRule: 'restrict', index: true })
  homeOu?: OrgUnit | null;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  /** Tokens carry the version they were issued at; a database trigger bumps it on every password or enabled change. */
  @Property({ default: 0 })
  credentialVersion: number = 0;

  @Field()
  @Property()
  isTenantAdmin: boolean = false;

  @Field()
  @Property()
  enabled: boolean = true;

  @Field()
  @Property()
  mustChangePassword: boolean = false;

  @ManyToMany({ entity: () => Role, pivotEntity: () => EmployeeRole })
  roles = new Collection<Role>(this);

  /** Exposed through a field resolver: a manager outside the caller's scope reads as null. */
  get managerId(): string | null {
    return this.manager?.id ?? null;
  }

  @Field(() => ID, { nullable: true })
  get homeOuId(): string | null {
    return this.homeOu?.id ?? null;
  }
}
