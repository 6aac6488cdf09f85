import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
import { RefersTo } from '../../common/validation';

export const OU_NAME_MAX = 100;

@InputType({ description: 'Narrows the OU list; `q` matches the name (contains, any case)' })
export class OrgUnitFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'Only the direct children of this OU' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be an OU id' })
  @RefersTo('OrgUnit')
  parentId?: string | null;
}

@ArgsType()
export class CreateOrgUnitArgs {
  @NameArg(OU_NAME_MAX, { description: 'OU name, unique among its siblings (ignoring case)' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Parent OU; omitted or null for a top-level OU' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'None (top level)' })
  parentId?: string | null;
}

@ArgsType()
export class UpdateOrgUnitArgs {
  @Field(() => ID, { description: 'The OU to update' })
  id!: string;

  @NameArg(OU_NAME_MAX, { required: false, description: 'OU name, unique among its siblings (ignoring case)' })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'New parent; null moves the OU to the top level, omitted keeps it' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'None (top level)' })
  parentId?: string | null;

  @VersionArg()
  version?: number | null;
}
