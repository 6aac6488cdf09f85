import { ArrayMaxSize, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/** The most records one `recordTitles` may name: a page of audit entries with their references. */
export const MAX_TITLES = 500;

@InputType({ description: 'A record named by its type and id' })
export class RecordRefInput {
  @Field({ description: 'Its resource, e.g. OrgUnit or Employee' })
  @IsString()
  @MaxLength(64)
  type!: string;

  @Field(() => ID, { description: "The record's id" })
  @IsUUID('all', { message: 'id must be a record id' })
  id!: string;
}

@ArgsType()
export class RecordTitlesArgs {
  @Field(() => [RecordRefInput], { description: `The records to name, at most ${MAX_TITLES}` })
  @ArrayMaxSize(MAX_TITLES)
  // type-graphql builds RecordRefInput instances, so nested rules apply as declared.
  @ValidateNested({ each: true })
  refs!: RecordRefInput[];
}

@ObjectType({ description: "A record's title as the caller may see it" })
export class RecordTitle {
  @Field({ description: 'Its resource, as asked' })
  type!: string;

  @Field(() => ID, { description: "The record's id, as asked" })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its title; null when the caller may not read it or it no longer exists (alike)' })
  title!: string | null;
}

@ObjectType({ description: 'How many records of a resource the caller may read' })
export class ResourceCount {
  @Field({ description: 'The resource, e.g. Customer' })
  resource!: string;

  @Field(() => Int, { description: "Records of it in the caller's scope" })
  count!: number;
}
