import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { Requires } from '../../../authz/access';
import type { Context } from '../../../base/context';
import { notFound } from '../../../base/errors';
import { ListSize } from '../../../base/list-size';
import { isUuid } from '../../../common/ids';
import { effectiveState } from './console-import';
import { IMPORT_COLUMNS } from './rows';
import { CustomerImport, CustomerImportRejection, CustomerImportState } from './customer-import.entity';

const RECENT_IMPORTS = 20;
const REJECTIONS_PAGE = 1000;

@ArgsType()
class RejectionPage {
  @Field(() => Int, { defaultValue: 0, description: 'Only lines after this one (the last line of the previous page)' })
  @Min(0, { message: 'afterLine must be 0 or more' })
  afterLine: number = 0;

  @Field(() => Int, { defaultValue: REJECTIONS_PAGE, description: `How many, 1 to ${REJECTIONS_PAGE}` })
  @Min(1, { message: `first must be 1 to ${REJECTIONS_PAGE}` })
  @Max(REJECTIONS_PAGE, { message: `first must be 1 to ${REJECTIONS_PAGE}` })
  first: number = REJECTIONS_PAGE;
}

/**
 * The caller's own console imports (the row scope keeps each principal to the imports it
 * started); started by `POST /api/imports/customers`, which needs the customer create permission.
 */
@Resolver(() => CustomerImport)
export class CustomerImportResolver {
  @Requires('customer-center:create')
  @Query(() => CustomerImport, { description: 'One of your customer imports: its progress, then its outcome' })
  async customerImport(@Arg('id', () => ID, { description: 'The import (from POST /api/imports/customers)' }) id: string, @Ctx() ctx: Context) {
    const found = isUuid(id) ? await ctx.em.findOne(CustomerImport, { id }) : null;
    if (!found) throw notFound('Customer import');
    return found;
  }

  @Requires('customer-center:create')
  @Query(() => [CustomerImport], { description: `Your ${RECENT_IMPORTS} latest customer imports, newest first` })
  @ListSize(RECENT_IMPORTS)
  myCustomerImports(@Ctx() ctx: Context) {
    return ctx.em.find(CustomerImport, {}, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: RECENT_IMPORTS });
  }

  @FieldResolver(() => CustomerImportState, { description: 'RUNNING, DONE or FAILED (an import whose server stopped is FAILED)' })
  state(@Root() job: CustomerImport) {
    return effectiveState(job).state;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why a FAILED import stopped' })
  error(@Root() job: CustomerImport) {
    return effectiveState(job).error;
  }

  @FieldResolver(() => Float, { description: 'Rows read per second, from the start to the end (or to the latest progress)' })
  rowsPerSecond(@Root() job: CustomerImport) {
    const seconds = ((job.finishedAt ?? job.updatedAt).getTime() - job.startedAt.getTime()) / 1000;
    return seconds > 0 ? job.rows / seconds : 0;
  }

  @FieldResolver(() => [CustomerImportRejection], { description: `Refused rows in line order, ${REJECTIONS_PAGE} at most per page` })
  @ListSize(REJECTIONS_PAGE)
  rejections(@Root() job: CustomerImport, @Args(() => RejectionPage) { afterLine, first }: RejectionPage, @Ctx() ctx: Context) {
    return ctx.em.find(CustomerImportRejection, { customerImport: job.id, line: { $gt: afterLine } }, { orderBy: { line: 'asc', field: 'asc' }, limit: first });
  }
}

@Resolver(() => CustomerImportRejection)
export class CustomerImportRejectionResolver {
  @FieldResolver(() => [String], {
    description: 'The row as read, in the columns of the file format (name, gender, phones, emails, company, address, addressDetail, remark, ou)',
  })
  values(@Root() r: CustomerImportRejection) {
    return IMPORT_COLUMNS.map((c) => r.cells[c] ?? '');
  }
}
