import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantCrudService } from '../../common/tenant-crud.service';
import type { BaseFilter } from '../../common/list';
import { badInput } from '../../base/errors';
import type { Customer } from '../customer/customer.entity';
import { CustomerService } from '../customer/customer.service';
import { isUuid } from '../../common/ids';
import { CustomerRequest, RequestStatus } from './request.entity';

/** Requests and activities: records that belong to a customer and are scoped by its OU. */
export abstract class CustomerScopedService<
  TEntity extends { id: string; version?: number; customer: Customer },
  TFilter extends BaseFilter,
> extends TenantCrudService<TEntity, TFilter> {
  protected override readonly populate = ['customer'];

  /** A customer the caller may locate; otherwise "not found" on `field`, like a missing one. */
  protected async customerFor(em: EntityManager, id: string, field = 'customerId'): Promise<Customer> {
    const customer = await new CustomerService(this.ctx).get(id, em, 'locate').catch(() => null);
    if (!customer) throw badInput({ [field]: 'Customer not found' });
    return customer;
  }
}

/** A request stays open 5 days after the last update of it or of any of its activities. */
export async function touchRequest(em: EntityManager, requestId: string | null | undefined): Promise<void> {
  if (!requestId) return;
  await em.getConnection().execute('update customer_request set last_activity_at = now() where id = ?', [requestId], 'run', em.getTransactionContext());
}

/**
 * The request an activity of `customerId` joins (else BAD_USER_INPUT on `field`): one of that
 * customer's, reopened if it was CLOSED, and touched either way, so auto-closing starts again (SPEC §4).
 */
export async function joinRequest(em: EntityManager, customerId: string, requestId: string, field: string): Promise<CustomerRequest> {
  const request = isUuid(requestId) ? await em.findOne(CustomerRequest, { id: requestId, customer: customerId }) : null;
  if (!request) throw badInput({ [field]: "Request not found among this customer's requests" });
  if (request.status === RequestStatus.CLOSED) {
    // Reopening changes the request (its status): a new version.
    request.closedAt = null;
    request.lastActivityAt = new Date();
  } else await touchRequest(em, request.id);
  return request;
}
