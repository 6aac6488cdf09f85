import { ArrayMaxSize, ArrayUnique, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { RefersTo } from '../../common/validation';
import { OuOwnedFields, OuOwnedFilter } from '../org/ou-owned.inputs';
import { ROUTING_NAME_RULE, RoutingName } from './rules';
import { QueueMediaClass } from './skill-queue.enums';

/** The most skill queues a group holds: far more than a contact center puts in one group, and a bound on what one save checks. */
export const MAX_GROUP_QUEUES = 200;

@InputType({ description: 'Narrows the skill queue groups; `q` matches the name (contains, any case)' })
export class SkillQueueGroupFilter extends OuOwnedFilter {
  @Field(() => QueueMediaClass, { nullable: true, description: 'Groups of this media class' })
  @IsOptional()
  mediaClass?: QueueMediaClass | null;
}

/** What a caller writes: every field optional (omitted keeps it); the resource names the required ones. */
@ArgsType()
export class SkillQueueGroupFields extends OuOwnedFields {
  @Field(() => String, { nullable: true, description: `Name, ${ROUTING_NAME_RULE} (required)` })
  @IsOptional()
  @IsString()
  @RoutingName('Name')
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Description, up to 255 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: 'Description must be at most 255 characters' })
  description?: string | null;

  @Field(() => QueueMediaClass, { nullable: true, description: 'The media class of its queues (required)' })
  @IsOptional()
  @IsEnum(QueueMediaClass)
  mediaClass?: QueueMediaClass | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Replaces its skill queues (at most ${MAX_GROUP_QUEUES}, each of the group's media class); those outside your scope are kept; omitted keeps them`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_GROUP_QUEUES, { message: `A group holds at most ${MAX_GROUP_QUEUES} skill queues` })
  @ArrayUnique({ message: 'Skill queues must list each queue at most once' })
  @RefersTo('SkillQueue')
  skillQueueIds?: string[] | null;
}
