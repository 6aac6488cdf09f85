import { IsEnum, IsOptional, IsString, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { RefersTo, ShownWhen } from '../../common/validation';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { RouteDevice } from './called-route.entity';
import { Digits } from './rules';

@InputType({ description: 'Narrows the called routes; `q` matches the dialled number or the extension (contains)' })
export class CalledRouteFilter extends OuOwnedFilter {
  @Field(() => ID, { nullable: true, description: 'Routes of this access code' })
  @IsOptional()
  @RefersTo('AccessCode')
  accessCodeId?: string | null;

  @Field(() => RouteDevice, { nullable: true, description: 'Routes to a skill queue, or to an IVR' })
  @IsOptional()
  deviceType?: RouteDevice | null;

  @Field(() => ID, { nullable: true, description: 'Routes to this skill queue' })
  @IsOptional()
  @RefersTo('SkillQueue')
  skillQueueId?: string | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class CalledRouteFields extends OuOwnedFields {
  @Field(() => ID, { nullable: true, description: 'The access code dialled (required)' })
  @IsOptional()
  @RefersTo('AccessCode', { notFound: () => 'Access code not found' })
  accessCodeId?: string | null;

  @Field(() => String, { nullable: true, description: 'Extension dialled after the access code: 1 to 8 digits; empty or null for none' })
  @IsOptional()
  @IsString()
  // Empty means none: only a given extension must be digits.
  @ValidateIf((o: CalledRouteFields) => o.extensionCode !== '')
  @Digits('Extension', 8)
  extensionCode?: string | null;

  @Field(() => RouteDevice, { nullable: true, description: 'Where its calls go: a skill queue or an IVR (required); the other target is cleared' })
  @IsOptional()
  @IsEnum(RouteDevice)
  deviceType?: RouteDevice | null;

  @Field(() => ID, { nullable: true, description: 'The skill queue, of the access code’s media type (deviceType SKILL_QUEUE)' })
  @IsOptional()
  @ShownWhen('deviceType', [RouteDevice.SKILL_QUEUE])
  @RefersTo('SkillQueue', { notFound: () => 'Skill queue not found', filterBy: { type: 'accessCodeId.mediaType' } })
  skillQueueId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The IVR, of the access code’s call media (deviceType IVR)' })
  @IsOptional()
  @ShownWhen('deviceType', [RouteDevice.IVR])
  @RefersTo('Ivr', { notFound: () => 'IVR not found' })
  ivrId?: string | null;
}
