import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
import { Omittable, RefersTo } from '../../common/validation';

export const OU_NAME_MAX = 100;
export const OU_MAX_SESSIONS = 60;

/** The OU level of the agents' concurrent sessions (SPEC §5); 0 inherits. */
function MaxConcurrentSessions(): PropertyDecorator {
  const field = Field(() => Int, {
    nullable: true,
    description: `OU level of the most concurrent sessions per agent, 0 to ${OU_MAX_SESSIONS} (0 = inherit the parent OU's, then the tenant's); omitted keeps it`,
  });
  const message = `Maximum concurrent sessions must be 0 to ${OU_MAX_SESSIONS}`;
  const rules = [Omittable(), IsInt({ message }), Min(0, { message }), Max(OU_MAX_SESSIONS, { message })];
  return (target, property) => {
    field(target, property);
    for (const rule of rules) rule(target, property);
  };
}

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

  @MaxConcurrentSessions()
  maxConcurrentSessions?: number;
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

  @MaxConcurrentSessions()
  maxConcurrentSessions?: number;

  @VersionArg()
  version?: number | null;
}
