import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../tenant/tenant.entity';

@ObjectType()
export class LoginPayload {
  @Field()
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field({ description: 'True until the first password change of an account created by an admin' })
  mustChangePassword!: boolean;
}

@ObjectType({ description: 'The signed-in principal: who it is and what it may do' })
export class Me {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'employee or client' })
  kind!: string;

  @Field({ description: 'Account (employee) or client id (API client)' })
  account!: string;

  @Field()
  name!: string;

  @Field()
  isTenantAdmin!: boolean;

  @Field()
  mustChangePassword!: boolean;

  @Field(() => Tenant)
  tenant!: Tenant;

  @Field(() => [String], { description: 'Effective menu and operation permissions' })
  permissions!: string[];

  @Field(() => [ID], { description: 'OUs the principal may read (their whole subtrees included)' })
  readableOuIds!: string[];

  @Field(() => [ID], { description: 'OUs the principal may write: what OU pickers offer' })
  writableOuIds!: string[];

  @Field({ description: 'May read records of no OU (Unorganized)' })
  canReadUnorganized!: boolean;

  @Field({ description: 'May write records of no OU (Unorganized), e.g. create top-level OUs' })
  canWriteUnorganized!: boolean;
}
