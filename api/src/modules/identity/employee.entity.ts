import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { EmployeeRole } from './role-holder.entity';
import { Role } from './role.entity';
import { Sortable } from '../../common/sortable';
import { RowScope } from '../../common/row-scope';
import { RefersTo } from '../../common/validation';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender of an employee or a customer',
  valuesConfig: {
    MALE: { description: 'Male' },
    FEMALE: { description: 'Female' },
    UNKNOWN: { description: 'Not known or not given (the default)' },
  },
});

/** A business account (SPEC §2). The account name is unique across all tenants. */
@ObjectType({ description: 'A business account: a person who signs in to the console or a workbench, with roles and OU grants' })
@Entity()
// Accounts are unique across tenants, ignoring case (login matches the same way).
@Unique({ name: 'employee_account_lower_unique', expression: 'create unique index "employee_account_lower_unique" on "employee" (lower("account"))' })
@RowScope({ subject: 'Employee', ouField: 'homeOu', menu: 'employees' })
export class Employee extends TenantOwned<
  'gender' | 'phone' | 'email' | 'position' | 'isTenantAdmin' | 'enabled' | 'mustChangePassword' | 'homeOuId' | 'managerId' | 'roles' | 'credentialVersion'
> {
  @Field({ description: 'Sign-in name, unique across all tenants (ignoring case): 1 to 64 letters, digits, "_", "." or "-"' })
  /** Unique case-insensitively across tenants: index on lower(account), see the migration. */
  @Sortable()
  @Property({ length: 64 })
  account!: string;

  @Sortable()
  @Field({ description: 'Full name, 1 to 80 characters' })
  @Property({ length: 80 })
  name!: string;

  @Field(() => Gender, { description: 'As the employee gave it (default UNKNOWN)' })
  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  gender: Gender = Gender.UNKNOWN;

  @Field({ description: 'Contact phone, up to 20 characters (empty: none)' })
  @Property({ length: 20 })
  phone: string = '';

  @Field({ description: 'Contact e-mail address, up to 128 characters (empty: none)' })
  @Property({ length: 128 })
  email: string = '';

  @Sortable()
  @Field({ description: 'Job title, up to 80 characters (empty: none)' })
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

  @Field({ description: 'Tenant administrator: holds every permission on every OU of the tenant' })
  @Property()
  isTenantAdmin: boolean = false;

  @Sortable()
  @Field({ description: 'May sign in (default true); disabling invalidates its tokens at once' })
  @Property()
  enabled: boolean = true;

  @Field({ description: 'Set when an admin gave the password; until changed, only changePassword and me work' })
  @Property()
  mustChangePassword: boolean = false;

  @ManyToMany({ entity: () => Role, pivotEntity: () => EmployeeRole })
  roles = new Collection<Role>(this);

  /** Exposed through a field resolver: a manager outside the caller's scope reads as null. */
  @RefersTo('Employee')
  get managerId(): string | null {
    return this.manager?.id ?? null;
  }

  @Field(() => ID, { nullable: true, description: 'Home OU id: its writers manage the employee, who gets no access from it; null = Unorganized' })
  @RefersTo('OrgUnit')
  get homeOuId(): string | null {
    return this.homeOu?.id ?? null;
  }
}
