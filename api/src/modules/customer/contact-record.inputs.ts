import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { RefersTo } from '../../common/validation';
import { Channel, Direction } from './channel';

/** What a CTI / CRM integration pushes for one call, chat or e-mail session. */
@ArgsType()
export class RecordContactArgs {
  @Field({ description: 'Calling number, or sender address' })
  @IsString()
  @Length(1, 64, { message: 'Caller must be 1 to 64 characters' })
  caller!: string;

  @Field({ description: 'Called number (e.g. the hotline), or recipient address' })
  @IsString()
  @Length(1, 64, { message: 'Called must be 1 to 64 characters' })
  called!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => Direction, { nullable: true, description: 'Default INBOUND' })
  @IsOptional()
  @IsEnum(Direction)
  direction?: Direction | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(128)
  userId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  skillQueue?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  agent?: string | null;

  @Field(() => Date)
  @IsDate()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endedAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'The customer, when the integration knows it; else matched by phone or e-mail' })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a customer id' })
  @RefersTo('Customer')
  customerId?: string | null;
}
