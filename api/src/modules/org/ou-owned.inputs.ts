import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { RefersTo, Refines } from '../../common/validation';

/** The list filter of an OU-owned resource: `ids`, `q`, and its OU. */
@InputType()
export abstract class OuOwnedFilter extends BaseFilter {
  @Field(() => ID, { nullable: true, description: 'Only the records of this OU (its sub-OUs too with includeSubOus)' })
  @IsOptional()
  @IsUUID('all', { message: 'ouId must be an OU id' })
  @RefersTo('OrgUnit')
  ouId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'With ouId: also the records of its sub-OUs, at every depth (default false: that OU only)' })
  @IsOptional()
  @IsBoolean()
  @Refines('ouId', true)
  includeSubOus?: boolean | null;
}

/** What a caller writes on an OU-owned resource besides its own fields: the OU, one the caller may write in. */
@ArgsType()
export class OuOwnedFields {
  @Field(() => ID, { nullable: true, description: 'The owning OU, one you may write in; null = Unorganized' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'Unorganized', notFound: () => 'OU not found' })
  ouId?: string | null;
}
