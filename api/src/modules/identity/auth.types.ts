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

  @Field()
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
}
