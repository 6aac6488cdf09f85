import { RefersTo } from '../../common/validation';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgentStateValue } from '../agents/agent-state.entity';
import { PlainFields } from '../../common/plain-fields';

export enum ChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(ChangeKind, {
  name: 'ChangeType',
  description: 'What happened to the records of a live event',
  valuesConfig: {
    CREATED: { description: 'Created' },
    UPDATED: { description: 'Changed' },
    DELETED: { description: 'Deleted' },
  },
});

const SEQ = "The tenant's sequence number of the event: give the last one received as `after` when resubscribing, to receive what was missed";

@ObjectType({ description: "A committed change of a resource's records (react-admin's real-time topics resource/<name> and resource/<name>/<id>)" })
@PlainFields()
export class ResourceChange {
  @Field(() => GraphQLSafeInt, { description: SEQ })
  seq!: number;

  @Field({ description: 'The resource (GraphQL type name), e.g. Customer' })
  resource!: string;

  @Field(() => ChangeKind, { description: 'What happened' })
  type!: ChangeKind;

  @Field(() => [ID], { description: 'The records concerned; read them to see what changed' })
  ids!: string[];
}

@ObjectType({ description: 'A committed change of a customer or of its context (requests, activities, comments, contact records)' })
@PlainFields()
export class CustomerChange {
  @Field(() => GraphQLSafeInt, { description: SEQ })
  seq!: number;

  @Field(() => ID, { description: 'The customer' })
  @RefersTo('Customer')
  customerId!: string;

  @Field({ description: 'What changed: Customer, CustomerRequest, Activity, Comment or ContactRecord' })
  resource!: string;

  @Field(() => ChangeKind, { description: 'What happened' })
  type!: ChangeKind;

  @Field(() => ID, { description: 'The changed record' })
  id!: string;
}

@ObjectType({ description: 'A contact record pushed by an integration' })
@PlainFields()
export class ContactRecorded {
  @Field(() => GraphQLSafeInt, { description: SEQ })
  seq!: number;

  @Field(() => ID, { description: 'The contact record' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The customer it was matched to, if any' })
  @RefersTo('Customer')
  customerId!: string | null;

  @Field(() => String, { nullable: true, description: 'The skill queue that served it, as the integration gave it' })
  skillQueue!: string | null;

  @Field(() => String, { nullable: true, description: 'The agent who handled it, as the integration gave it' })
  agent!: string | null;

  @Field(() => String, { nullable: true, description: 'The channel' })
  channel!: string | null;
}

@ObjectType({ description: "An agent's reported state changed" })
@PlainFields()
export class AgentStateChange {
  @Field(() => GraphQLSafeInt, { description: SEQ })
  seq!: number;

  @Field(() => ID, { description: 'The agent' })
  @RefersTo('Agent')
  agentId!: string;

  @Field(() => AgentStateValue, { description: 'Its state now' })
  state!: AgentStateValue;

  @Field(() => [ID], { description: 'The skill queues it is signed in to now' })
  @RefersTo('SkillQueue')
  signedInQueueIds!: string[];
}

@ObjectType({ description: "A skill queue's live numbers (pushed when they change, at most once a second per queue)" })
@PlainFields()
export class QueueStats {
  @Field(() => GraphQLSafeInt, { description: "The tenant's latest sequence number when the numbers were taken" })
  seq!: number;

  @Field(() => ID, { description: 'The skill queue' })
  @RefersTo('SkillQueue')
  queueId!: string;

  @Field(() => Int, { description: 'Agents signed in to the queue' })
  signedIn!: number;

  @Field(() => Int, { description: 'Signed-in agents free for a call' })
  idle!: number;

  @Field(() => Int, { description: 'Signed-in agents in a call or wrapping up' })
  busy!: number;

  @Field(() => Int, { description: 'Calls waiting, as last reported' })
  queued!: number;

  @Field(() => Float, { description: 'Device usage in percent (busy share × 70% + queued share × 30%)' })
  deviceUsage!: number;
}
