import type { FilterQuery } from '@mikro-orm/core';
import type { CrudService } from '../../common/crud';
import { escapeLike } from '../../common/sql';
import { optionalText, requiredText } from '../../common/text';
import type { Snapshot } from '../../common/audit.writer';
import { Tenant } from '../../common/tenant.entity';
import type { CreateCustomerRequestArgs, CustomerRequestFilter, UpdateCustomerRequestArgs } from './context.inputs';
import { CustomerScopedService } from './customer-scoped.service';
import { AUTO_CLOSE_DAYS, CustomerRequest, RequestStatus } from './request.entity';

/** SQL for "open as of now": not closed by hand and touched within AUTO_CLOSE_DAYS. */
export const openRequestWhere = (): FilterQuery<CustomerRequest> => ({
  closedAt: null,
  lastActivityAt: { $gt: new Date(Date.now() - AUTO_CLOSE_DAYS * 86_400_000) },
});

export class CustomerRequestService
  extends CustomerScopedService<CustomerRequest, CustomerRequestFilter>
  implements CrudService<CustomerRequest, CustomerRequestFilter, CreateCustomerRequestArgs, UpdateCustomerRequestArgs>
{
  protected readonly entity = CustomerRequest;
  protected readonly label = 'Request';
  protected readonly defaultSort = { lastActivityAt: 'DESC' } as const;
  protected override readonly titleField = 'title';

  protected override snapshot(r: CustomerRequest): Snapshot {
    return { customerId: r.customerId, title: r.title, description: r.description, closedAt: r.closedAt?.toISOString() ?? null };
  }

  protected override filterWhere(f: CustomerRequestFilter): FilterQuery<CustomerRequest>[] {
    const parts: FilterQuery<CustomerRequest>[] = [];
    if (f.customerId) parts.push({ customer: f.customerId });
    if (f.status === RequestStatus.OPEN) parts.push(openRequestWhere());
    if (f.status === RequestStatus.CLOSED) parts.push({ $not: openRequestWhere() });
    return parts;
  }

  protected override searchWhere(q: string): FilterQuery<CustomerRequest> {
    const like = `%${escapeLike(q)}%`;
    return { $or: [{ title: { $ilike: like } }, { description: { $ilike: like } }] };
  }

  create(input: CreateCustomerRequestArgs): Promise<CustomerRequest> {
    return this.write('create', null, async (em) =>
      em.create(CustomerRequest, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        customer: await this.customerFor(em, input.customerId),
        title: requiredText(input.title, 'title'),
        description: optionalText(input.description),
      }),
    );
  }

  update(input: UpdateCustomerRequestArgs): Promise<CustomerRequest> {
    return this.write('update', input, async (_em, request) => {
      const r = request!;
      if (input.title !== undefined) r.title = requiredText(input.title, 'title');
      if (input.description !== undefined) r.description = optionalText(input.description);
      if (input.status === RequestStatus.CLOSED && r.status === RequestStatus.OPEN) r.closedAt = new Date();
      if (input.status === RequestStatus.OPEN) r.closedAt = null;
      r.lastActivityAt = new Date();
      return r;
    });
  }
}
