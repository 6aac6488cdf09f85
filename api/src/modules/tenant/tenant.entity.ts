import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Versioned } from '../../common/versioned.entity';

export enum TwoFactorMethod {
  NONE = 'NONE',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}
registerEnumType(TwoFactorMethod, { name: 'TwoFactorMethod' });

/** A tenant space and its parameters (SPEC §1). Defaults here are the spec's defaults. */
@ObjectType()
@Entity()
export class Tenant extends Versioned<
  'interOrgIsolation' | 'unifiedCustomerContact' | 'contactRecordSpanDays' | 'maxConcurrentSessions' | 'intelligentFormFilling' | 'twoFactorMethod' | 'quotaAudioAgents' | 'quotaVideoAgents' | 'quotaMultimediaAgents' | 'quotaVersatileAgents' | 'quotaIntelligentAgents' | 'authzEpoch' | 'customerNumberSeq'
> {
  @Field()
  @Property({ length: 32 })
  @Unique()
  code!: string;

  @Field()
  @Property({ length: 100 })
  name!: string;

  @Field({ description: 'Has the tenant enabled inter-organization data isolation enforcement' })
  @Property()
  interOrgIsolation: boolean = true;

  @Field({ description: 'Display Unified Customer Contact Information' })
  @Property()
  unifiedCustomerContact: boolean = true;

  @Field(() => Int, { description: 'Time Span for Contact Record Query (days)' })
  @Property({ type: 'smallint' })
  contactRecordSpanDays: number = 30;

  @Field(() => Int, { description: 'Tenant-level maximum concurrent sessions per agent (0 = unlimited)' })
  @Property({ type: 'smallint' })
  maxConcurrentSessions: number = 0;

  @Field({ description: 'Enabling the Intelligent TT Filling Feature' })
  @Property()
  intelligentFormFilling: boolean = false;

  @Field(() => TwoFactorMethod)
  @Enum({ items: () => TwoFactorMethod, nativeEnumName: 'two_factor_method' })
  twoFactorMethod: TwoFactorMethod = TwoFactorMethod.NONE;

  @Field(() => Int)
  @Property()
  quotaAudioAgents: number = 0;

  @Field(() => Int)
  @Property()
  quotaVideoAgents: number = 0;

  @Field(() => Int)
  @Property()
  quotaMultimediaAgents: number = 0;

  @Field(() => Int)
  @Property()
  quotaVersatileAgents: number = 0;

  @Field(() => Int)
  @Property()
  quotaIntelligentAgents: number = 0;

  /** The last customer number handed out (numbers are numeric strings, unique per tenant). */
  @Property({ type: 'bigint', defaultRaw: '10000000', hidden: true })
  customerNumberSeq?: string;

  /** Bumped whenever anything that shapes a principal's scope changes (see authz/epoch.ts). */
  @Property({ type: 'bigint', defaultRaw: '0', hidden: true, persist: true })
  authzEpoch?: string;
}
