import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { NameArg, VersionArg } from '../../common/version-arg';
import { FollowsPasswordPolicy, Omittable, RefersTo } from '../../common/validation';
import { ACCOUNT_MAX, ACCOUNT_PATTERN } from './account';
import { AssignmentArgs } from './assignments';
import { Gender } from './employee.entity';
import { PASSWORD_MAX_LENGTH } from './password';

const ACCOUNT_MESSAGE = 'Account may contain only letters, digits, "_", "." and "-"';

@InputType({ description: 'Narrows the employee list; `q` matches account, name, e-mail or phone (contains, any case)' })
export class EmployeeFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'Employees whose home OU is this OU' })
  @IsOptional()
  @IsUUID('all', { message: 'homeOuId must be an OU id' })
  @RefersTo('OrgUnit')
  homeOuId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only enabled (true) or only disabled (false) employees' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Employees holding this role' })
  @IsOptional()
  @IsUUID('all', { message: 'roleId must be a role id' })
  @RefersTo('Role')
  roleId?: string | null;
}

/** Fields shared by create and update; validation declared once. */
@ArgsType()
export class EmployeeFields extends AssignmentArgs {
  @Field(() => Gender, { nullable: true, description: 'MALE, FEMALE or UNKNOWN (default UNKNOWN); null keeps it' })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender | null;

  @Field(() => String, { nullable: true, description: 'Contact phone, up to 20 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(20, { message: 'Phone must be at most 20 characters' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail, a valid address of up to 128 characters; null or empty clears it' })
  @IsOptional()
  @MaxLength(128, { message: 'E-mail must be at most 128 characters' })
  @ValidateIf((o: EmployeeFields) => !!o.email)
  @IsEmail({}, { message: 'E-mail must be a valid address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title, up to 80 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(80, { message: 'Position must be at most 80 characters' })
  position?: string | null;

  @Field(() => ID, { nullable: true, description: 'Another employee of the tenant; no cycles' })
  @IsOptional()
  @RefersTo('Employee', { notFound: () => 'Manager not found' })
  managerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Home OU (gives no access by itself); null = Unorganized' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'Unorganized', notFound: () => 'OU not found' })
  homeOuId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only tenant admins may set it' })
  @Omittable()
  @IsBoolean()
  isTenantAdmin?: boolean;
}

@ArgsType()
export class CreateEmployeeArgs extends EmployeeFields {
  @Field({ description: `Sign-in name, unique across all tenants (ignoring case): 1 to ${ACCOUNT_MAX} letters, digits, "_", "." or "-"` })
  @IsString()
  @Length(1, ACCOUNT_MAX, { message: `Account must be 1 to ${ACCOUNT_MAX} characters` })
  @Matches(ACCOUNT_PATTERN, { message: ACCOUNT_MESSAGE })
  account!: string;

  @NameArg(80, { description: 'Full name' })
  name!: string;

  @Field({ description: 'Initial password; the employee must change it at first login' })
  @FollowsPasswordPolicy({ account: 'account' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

@ArgsType()
export class UpdateEmployeeArgs extends EmployeeFields {
  @Field(() => ID, { description: 'The employee to update' })
  id!: string;

  @NameArg(80, { required: false, description: 'Full name' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'Resets the password; the employee must change it at next login' })
  @FollowsPasswordPolicy({ account: 'account' })
  @Omittable()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @VersionArg()
  version?: number | null;
}
