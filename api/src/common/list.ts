import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/** The largest page a list query returns. */
export const MAX_PER_PAGE = 500;
/** Counts up to this are exact; above it a list's count is PostgreSQL's estimate (the console says "about"). */
export const EXACT_COUNT_LIMIT = 10_000;
/** The page size when a list query gives no `perPage` (and filters by no ids). */
export const DEFAULT_PER_PAGE = 25;
/**
 * The most ids one `filter.ids` may name: as many as the largest page, so a getMany costs at most
 * what the largest page of the same list costs (and passes the cost limit whenever that page does).
 */
export const MAX_IDS = MAX_PER_PAGE;

/** Paging and sorting in the ra-data-graphql-simple grammar (zero-based `page`). */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: 'Zero-based page number' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  page?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PER_PAGE}; omitted: ${DEFAULT_PER_PAGE}, or every record named by filter.ids`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_PAGE)
  perPage?: number | null;

  @Field(() => String, { nullable: true, description: "Field to sort by: id or one of the resource's sortable fields" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sortField?: string | null;

  @Field(() => String, { nullable: true, description: 'ASC or DESC' })
  @IsOptional()
  @IsIn(['ASC', 'DESC', 'asc', 'desc'])
  sortOrder?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Keyset paging: the id of the last record of the previous page; the page starts after it in the same order (page is ignored), as fast deep in the list as at its start',
  })
  @IsOptional()
  @IsUUID('all', { message: 'after: give the id of the last record of the previous page' })
  after?: string | null;
}

/** Fields every filter has (`ids`, `q`); resource filters extend it. */
@InputType()
export abstract class BaseFilter {
  @Field(() => [ID], {
    nullable: true,
    description: `Only these records (react-admin's getMany): at most ${MAX_IDS}; without perPage, all of them in one page`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_IDS, { message: `At most ${MAX_IDS} ids at a time; ask for the others in another request` })
  @IsUUID('all', { each: true, message: 'ids must be record ids' })
  ids?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Free-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string | null;
}

/**
 * How many records a list query returns at most: its `perPage`; without one, every id its
 * `filter.ids` names (a getMany is never cut to a default page), else DEFAULT_PER_PAGE. The
 * service pages by it and the cost limit prices the list by it. More than MAX_IDS ids are refused
 * (BAD_USER_INPUT) before the list runs, so such a list never holds more than MAX_IDS.
 */
export function pageSize(perPage: number | null | undefined, filter: { ids?: readonly unknown[] | null } | null | undefined): number {
  const ids = Array.isArray(filter?.ids) ? Math.min(new Set(filter.ids).size, MAX_IDS) : undefined;
  if (perPage != null) return ids === undefined ? perPage : Math.min(perPage, ids);
  return ids ?? DEFAULT_PER_PAGE;
}

@ObjectType({ description: 'About a list query with the same filter' })
export class ListMetadata {
  @Field(() => Int, {
    description: `How many records match the filter in the caller's scope (all pages): exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')}, above that PostgreSQL's estimate`,
  })
  count!: number;
}
