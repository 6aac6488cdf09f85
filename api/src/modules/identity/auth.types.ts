import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../../common/tenant.entity';
import { RefersTo } from '../../common/validation';

@ObjectType({ description: 'A signed-in session: the bearer token and when it expires' })
export class LoginPayload {
  @Field({ description: 'Signed bearer token: `Authorization: Bearer <token>` on HTTP, the same value as `authorization` in WebSocket connection parameters' })
  token!: string;

  @Field(() => Date, { description: 'When the token stops working (by default 8 hours after sign-in)' })
  expiresAt!: Date;

  @Field({ description: 'True until the first password change of an account created by an admin' })
  mustChangePassword!: boolean;
}

@ObjectType({ description: 'The signed-in principal: who it is and what it may do' })
export class Me {
  @Field(() => ID, { description: 'Id of the employee or API client' })
  id!: string;

  @Field({ description: 'employee or client' })
  kind!: string;

  @Field({ description: 'Account (employee) or client id (API client)' })
  account!: string;

  @Field({ description: 'Name of the employee or API client' })
  name!: string;

  @Field({ description: 'A tenant admin: every permission on every OU of the tenant' })
  isTenantAdmin!: boolean;

  @Field({ description: 'True until the first password change of an account created by an admin; only changePassword and me work until then' })
  mustChangePassword!: boolean;

  @Field(() => Tenant, { description: "The principal's tenant and its parameters" })
  tenant!: Tenant;

  @Field(() => [String], { description: 'Effective menu and operation permissions' })
  permissions!: string[];

  @Field(() => [ID], { description: 'OUs the principal may read (their whole subtrees included)' })
  @RefersTo('OrgUnit')
  readableOuIds!: string[];

  @Field(() => [ID], { description: 'OUs the principal may write: what OU pickers offer' })
  @RefersTo('OrgUnit')
  writableOuIds!: string[];

  @Field({ description: 'May read records of no OU (Unorganized)' })
  canReadUnorganized!: boolean;

  @Field({ description: 'May write records of no OU (Unorganized), e.g. create top-level OUs' })
  canWriteUnorganized!: boolean;
}
