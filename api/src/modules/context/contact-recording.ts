import type { EntityManager } from '@mikro-orm/postgresql';
import { allows } from '../../authz/ability';
import type { Context } from '../../base/context';
import { badInput, forbidden } from '../../base/errors';
import { auditRequest, type Snapshot } from '../../common/audit.writer';
import { isUuid } from '../../common/ids';
import { optionalText } from '../../common/text';
import { Tenant } from '../../common/tenant.entity';
import { Direction } from '../customer/channel';
import { ContactRecord } from '../customer/contact-record.entity';
import type { AssignContactRecordArgs, RecordContactArgs } from '../customer/contact-record.inputs';
import { ContactRecordService } from '../customer/contact-record.service';
import type { Customer } from '../customer/customer.entity';
import { Activity } from './activity.entity';
import { joinRequest } from './customer-scoped.service';

/**
 * Contacts pushed by integrations (customer-center:record-contact) and the activity each matched
 * one leaves in its customer's journey (SPEC §4). In the context module, which builds on the
 * customer module's records and matching.
 */
export class ContactRecording {
  private readonly contacts: ContactRecordService;

  constructor(private readonly ctx: Context) {
    this.contacts = new ContactRecordService(ctx);
  }

  private get principal() {
    return this.ctx.principal!;
  }

  /** Records a contact, matched to a customer in scope; a matched one leaves its activity in the customer's journey, in the same transaction. */
  async record(input: RecordContactArgs): Promise<ContactRecord> {
    if (input.endedAt && input.endedAt < input.startedAt) throw badInput({ endedAt: 'The end is before the start' });
    return this.ctx.em.transactional(async (em) => {
      const customer = input.customerId ? await this.contacts.explicitCustomer(em, input.customerId) : await this.contacts.match(em, input);
      const record = em.create(ContactRecord, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        customer,
        caller: input.caller.trim(),
        called: input.called.trim(),
        channel: input.channel,
        direction: input.direction ?? Direction.INBOUND,
        userId: optionalText(input.userId),
        skillQueue: optionalText(input.skillQueue),
        agent: optionalText(input.agent),
        startedAt: input.startedAt,
        endedAt: input.endedAt ?? null,
      });
      if (input.requestId && !customer) throw badInput({ requestId: 'No customer matched this contact, so it cannot join a request' });
      const activity = customer ? await recordActivity(em, record, customer, input.requestId) : null;
      await em.flush();
      await this.audit(em, 'recordContact', record, customer, activity, null, {
        caller: record.caller,
        called: record.called,
        channel: record.channel,
        startedAt: record.startedAt.toISOString(),
      });
      return record;
    });
  }

  /**
   * Gives an unmatched contact record to its customer (write on the customer's OU), with the
   * activity every matched contact has; one audit entry for both.
   */
  assign(input: AssignContactRecordArgs): Promise<ContactRecord> {
    return this.ctx.em.transactional(async (em) => {
      const record = isUuid(input.contactRecordId) ? await em.findOne(ContactRecord, { id: input.contactRecordId }) : null;
      if (!record) throw badInput({ contactRecordId: 'Contact record not found' });
      if (record.customer) throw badInput({ contactRecordId: 'This contact record already belongs to a customer' });
      const customer = await this.contacts.explicitCustomer(em, input.customerId);
      if (!allows(this.principal.ability, 'update', 'ContactRecord', customer.ouId)) {
        throw forbidden("Not allowed to assign contact records to this customer's OU");
      }
      record.customer = customer;
      const activity = await recordActivity(em, record, customer, input.requestId);
      await em.flush();
      await this.audit(em, 'assignContactRecord', record, customer, activity, { customerId: null }, {});
      return record;
    });
  }

  /** One audit entry for the contact record and the activity it left (and its live event). */
  private audit(
    em: EntityManager,
    operation: 'recordContact' | 'assignContactRecord',
    record: ContactRecord,
    customer: Customer | null,
    activity: Activity | null,
    before: Snapshot | null,
    after: Snapshot,
  ): Promise<void> {
    return auditRequest(this.ctx, em, {
      operation,
      action: before ? 'updated' : 'created',
      recordType: 'ContactRecord',
      recordId: record.id,
      ouId: customer?.ouId ?? null,
      before,
      after: { customerId: customer?.id ?? null, ...after, activityId: activity?.id ?? null, requestId: activity?.requestId ?? null },
      event: { topics: { customerId: customer?.id ?? null, skillQueue: record.skillQueue ?? null, agent: record.agent ?? null, channel: record.channel } },
    });
  }
}

/** The activity a matched contact leaves in its customer's journey (SPEC §4): its channel, linked to it, in the request named. */
async function recordActivity(em: EntityManager, record: ContactRecord, customer: Customer, requestId: string | null | undefined): Promise<Activity> {
  return em.create(Activity, {
    tenant: record.tenant,
    customer,
    mediaType: record.channel,
    contactRecord: record,
    request: requestId ? await joinRequest(em, customer.id, requestId, 'requestId') : null,
  });
}
