import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

export const MAX_PER_PAGE = 500;

/** Paging and sorting in the ra-data-graphql-simple grammar (zero-based `page`). */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: 'Zero-based page number' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  page?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_PAGE)
  perPage?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sortField?: string | null;

  @Field(() => String, { nullable: true, description: 'ASC or DESC' })
  @IsOptional()
  @IsIn(['ASC', 'DESC', 'asc', 'desc'])
  sortOrder?: string | null;
}

/** Fields every filter has (`ids`, `q`); resource filters extend it. */
@InputType()
export abstract class BaseFilter {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'ids must be record ids' })
  ids?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Free-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string | null;
}

@ObjectType()
export class ListMetadata {
  @Field(() => Int)
  count!: number;
}
