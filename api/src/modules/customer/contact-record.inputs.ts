import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { RefersTo } from '../../common/validation';
import { Channel, Direction } from './channel';

/** What a CTI / CRM integration pushes for one call, chat or e-mail session. */
@ArgsType()
export class RecordContactArgs {
  @Field({ description: 'Calling number or sender address, 1 to 64 characters; identifies the customer of an INBOUND contact' })
  @IsString()
  @Length(1, 64, { message: 'Caller must be 1 to 64 characters' })
  caller!: string;

  @Field({ description: 'Called number (e.g. the hotline) or recipient address, 1 to 64 characters; identifies the customer of an OUTBOUND contact' })
  @IsString()
  @Length(1, 64, { message: 'Called must be 1 to 64 characters' })
  called!: string;

  @Field(() => Channel, { description: 'Where it took place; for EMAIL (or an address as the party) the customer is matched by e-mail, else by phone' })
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => Direction, { nullable: true, description: 'INBOUND (default) or OUTBOUND' })
  @IsOptional()
  @IsEnum(Direction)
  direction?: Direction | null;

  @Field(() => String, { nullable: true, description: 'The user id on the channel (e.g. a WhatsApp id), up to 128 characters' })
  @IsOptional()
  @MaxLength(128)
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'The skill queue that served it, up to 100 characters' })
  @IsOptional()
  @MaxLength(100)
  skillQueue?: string | null;

  @Field(() => String, { nullable: true, description: 'The agent who handled it, up to 64 characters' })
  @IsOptional()
  @MaxLength(64)
  agent?: string | null;

  @Field(() => Date, { description: 'When the contact started' })
  @IsDate()
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended, not before startedAt; null or omitted if not known' })
  @IsOptional()
  @IsDate()
  endedAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The customer, when the integration knows it; otherwise matched by phone (at least 7 digits) or e-mail among the customers in scope',
  })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  @RefersTo('Customer')
  customerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The request of the contact's customer its activity joins (reopened if CLOSED); omitted: none",
  })
  @IsOptional()
  @RefersTo('CustomerRequest')
  requestId?: string | null;
}

/** An unmatched contact record given to its customer, e.g. once the caller is identified. */
@ArgsType()
export class AssignContactRecordArgs {
  @Field(() => ID, { description: 'The unmatched contact record' })
  contactRecordId!: string;

  @Field(() => ID, { description: 'The customer it belongs to (write needed on its OU)' })
  @RefersTo('Customer')
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'The request of that customer its activity joins (reopened if CLOSED); omitted: none' })
  @IsOptional()
  @RefersTo('CustomerRequest')
  requestId?: string | null;
}
