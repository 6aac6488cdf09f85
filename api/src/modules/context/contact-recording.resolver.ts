import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { Requires } from '../../authz/access';
import type { Context } from '../../base/context';
import { ContactRecord } from '../customer/contact-record.entity';
import { AssignContactRecordArgs, RecordContactArgs } from '../customer/contact-record.inputs';
import { ContactRecording } from './contact-recording';

@Resolver()
export class ContactRecordingResolver {
  @Requires('customer-center:record-contact')
  @Mutation(() => ContactRecord, {
    description:
      "For integrations: records a call, chat or e-mail session, matched to a customer; a matched one also records an activity in the customer's journey",
  })
  recordContact(@Args(() => RecordContactArgs) input: RecordContactArgs, @Ctx() ctx: Context) {
    return new ContactRecording(ctx).record(input);
  }

  @Requires('customer-center:record-contact')
  @Mutation(() => ContactRecord, {
    description: "Gives an unmatched contact record to its customer (write needed on the customer's OU), recording its activity in the customer's journey",
  })
  assignContactRecord(@Args(() => AssignContactRecordArgs) input: AssignContactRecordArgs, @Ctx() ctx: Context) {
    return new ContactRecording(ctx).assign(input);
  }
}
