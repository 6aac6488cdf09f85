import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { NameArg, VersionArg } from '../../common/version-arg';
import { Omittable, NotBlank } from '../../common/validation';
import { ACCOUNT_MAX, ACCOUNT_PATTERN } from '../identity/account';
import { TenantAnswerMode, TwoFactorMethod } from '../../common/tenant.entity';

export const TENANT_CODE_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
/** Upper bound for agent quotas: well above any contact center, small enough to catch typos. */
export const QUOTA_MAX = 100_000;

/** Tenant parameters a tenant admin may edit (SPEC §1); every field optional = unchanged. */
@ArgsType()
export class UpdateMyTenantArgs {
  @NameArg(100, { required: false, description: 'Display name of the tenant' })
  name?: string;

  @Field(() => Boolean, { nullable: true, description: 'Turns inter-organization data isolation on or off; omitted keeps it' })
  @Omittable()
  @IsBoolean()
  interOrgIsolation?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Turns the unified customer contact (customerContext) on or off; omitted keeps it' })
  @Omittable()
  @IsBoolean()
  unifiedCustomerContact?: boolean;

  @Field(() => Int, { nullable: true, description: 'How far back contact history reaches, 1 to 365 days; omitted keeps it' })
  @Omittable()
  @IsInt()
  @Min(1, { message: 'Time span must be 1 to 365 days' })
  @Max(365, { message: 'Time span must be 1 to 365 days' })
  contactRecordSpanDays?: number;

  @Field(() => Int, { nullable: true, description: 'Tenant level of the maximum concurrent sessions per agent, 0 to 60 (0 = unlimited); omitted keeps it' })
  @Omittable()
  @IsInt()
  @Min(0, { message: 'Maximum concurrent sessions must be 0 to 60' })
  @Max(60, { message: 'Maximum concurrent sessions must be 0 to 60' })
  maxConcurrentSessions?: number;

  @Field(() => Boolean, { nullable: true, description: 'Turns the intelligent TT filling feature on or off; omitted keeps it' })
  @Omittable()
  @IsBoolean()
  intelligentFormFilling?: boolean;

  @Field(() => TwoFactorMethod, { nullable: true, description: 'Second sign-in factor asked of employees; omitted keeps it' })
  @Omittable()
  @IsEnum(TwoFactorMethod)
  twoFactorMethod?: TwoFactorMethod;

  @Field(() => TenantAnswerMode, {
    nullable: true,
    description: "Agents' answer mode, followed by agents whose answerMode parameter is TENANT; omitted keeps it",
  })
  @Omittable()
  @IsEnum(TenantAnswerMode)
  answerMode?: TenantAnswerMode;

  @Field(() => Boolean, { nullable: true, description: 'Turns the web-integrated OpenEye on or off for agents following the tenant; omitted keeps it' })
  @Omittable()
  @IsBoolean()
  openEyeIntegration?: boolean;

  @Field(() => Int, { nullable: true, description: `Most AUDIO agents, 0 to ${QUOTA_MAX}; omitted keeps it` })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(QUOTA_MAX)
  quotaAudioAgents?: number;

  @Field(() => Int, { nullable: true, description: `Most VIDEO agents, 0 to ${QUOTA_MAX}; omitted keeps it` })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(QUOTA_MAX)
  quotaVideoAgents?: number;

  @Field(() => Int, { nullable: true, description: `Most MULTIMEDIA agents, 0 to ${QUOTA_MAX}; omitted keeps it` })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(QUOTA_MAX)
  quotaMultimediaAgents?: number;

  @Field(() => Int, { nullable: true, description: `Most VERSATILE agents, 0 to ${QUOTA_MAX}; omitted keeps it` })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(QUOTA_MAX)
  quotaVersatileAgents?: number;

  @Field(() => Int, { nullable: true, description: `Most agents with intelligent recognition, 0 to ${QUOTA_MAX}; omitted keeps it` })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(QUOTA_MAX)
  quotaIntelligentAgents?: number;

  @VersionArg()
  version?: number | null;
}

/** What the platform operator gives to create a tenant (CLI). */
export class CreateTenantInput {
  @IsString()
  @Matches(TENANT_CODE_PATTERN, { message: 'Code must be 2 to 32 lower-case letters, digits or "-", starting with a letter' })
  code!: string;

  @IsString()
  @Length(1, 100, { message: 'Name must be 1 to 100 characters' })
  @NotBlank()
  name!: string;

  @IsString()
  @Length(1, ACCOUNT_MAX, { message: `Account must be 1 to ${ACCOUNT_MAX} characters` })
  @Matches(ACCOUNT_PATTERN, { message: 'Account may contain only letters, digits, "_", "." and "-"' })
  adminAccount!: string;

  @IsString()
  adminPassword!: string;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  adminName?: string;
}
