import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Versioned } from './versioned.entity';
import { RowScope } from './row-scope';

/** How a tenant's agents answer a call, unless an agent's own answerMode parameter says otherwise (SPEC §5). */
export enum TenantAnswerMode {
  AUTOMATIC = 'AUTOMATIC',
  MANUAL = 'MANUAL',
}
registerEnumType(TenantAnswerMode, {
  name: 'TenantAnswerMode',
  description: "How the tenant's agents answer calls, unless an agent's answerMode parameter sets its own",
  valuesConfig: {
    AUTOMATIC: { description: 'Calls are answered automatically' },
    MANUAL: { description: 'The agent answers each call' },
  },
});

export enum TwoFactorMethod {
  NONE = 'NONE',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}
registerEnumType(TwoFactorMethod, {
  name: 'TwoFactorMethod',
  description: 'The second factor employees of a tenant confirm their sign-in with',
  valuesConfig: {
    NONE: { description: 'No second factor: the password alone' },
    SMS: { description: 'A one-time code sent by SMS' },
    EMAIL: { description: 'A one-time code sent by e-mail' },
  },
});

/** A tenant space and its parameters (SPEC §1). Defaults here are the spec's defaults. */
@ObjectType({ description: 'A tenant space and the parameters its tenant admins set; nothing is ever shared between tenants' })
@Entity()
// The tenant's parameters: read with their page's view operation (editing is for tenant admins, see `TenantAdmin`).
@RowScope({ subject: 'Tenant', tenantField: 'id', menu: 'tenant-params' })
export class Tenant extends Versioned<
  | 'interOrgIsolation'
  | 'unifiedCustomerContact'
  | 'contactRecordSpanDays'
  | 'maxConcurrentSessions'
  | 'intelligentFormFilling'
  | 'twoFactorMethod'
  | 'answerMode'
  | 'openEyeIntegration'
  | 'quotaAudioAgents'
  | 'quotaVideoAgents'
  | 'quotaMultimediaAgents'
  | 'quotaVersatileAgents'
  | 'quotaIntelligentAgents'
  | 'authzEpoch'
  | 'customerNumberSeq'
> {
  @Field({ description: 'Short code given by the platform operator: 2 to 32 lower-case letters, digits or "-", starting with a letter' })
  @Property({ length: 32 })
  @Unique()
  code!: string;

  @Field({ description: 'Display name, 1 to 100 characters' })
  @Property({ length: 100 })
  name!: string;

  @Field({ description: 'Inter-organization data isolation (default true): on, employees and API clients reach only their granted OUs; off, all' })
  @Property()
  interOrgIsolation: boolean = true;

  @Field({ description: 'Display unified customer contact information (default true); when false, customerContext is refused (FORBIDDEN)' })
  @Property()
  unifiedCustomerContact: boolean = true;

  @Field(() => Int, { description: 'How far back contact history reaches, in days: 1 to 365 (default 30)' })
  @Property({ type: 'smallint' })
  contactRecordSpanDays: number = 30;

  @Field(() => Int, { description: 'Tenant level of the most concurrent sessions per agent: 0 to 60 (default 0 = unlimited); agent and OU values win' })
  @Property({ type: 'smallint' })
  maxConcurrentSessions: number = 0;

  @Field({ description: "Enables the intelligent TT (ticket) filling feature (default false); an agent's smart form filling needs it" })
  @Property()
  intelligentFormFilling: boolean = false;

  @Field(() => TwoFactorMethod, { description: 'Second sign-in factor asked of employees (default NONE)' })
  @Enum({ items: () => TwoFactorMethod, nativeEnumName: 'two_factor_method' })
  twoFactorMethod: TwoFactorMethod = TwoFactorMethod.NONE;

  @Field(() => TenantAnswerMode, { description: "Agents' answer mode (default AUTOMATIC); an agent's answerMode parameter TENANT follows it" })
  @Enum({ items: () => TenantAnswerMode, nativeEnumName: 'tenant_answer_mode' })
  answerMode: TenantAnswerMode = TenantAnswerMode.AUTOMATIC;

  @Field({ description: "Integrates the OpenEye softphone in the web page (default false); an agent's openEyeIntegration parameter TENANT follows it" })
  @Property()
  openEyeIntegration: boolean = false;

  @Field(() => Int, { description: 'Most AUDIO agents the tenant may have (default 0)' })
  @Property()
  quotaAudioAgents: number = 0;

  @Field(() => Int, { description: 'Most VIDEO agents the tenant may have (default 0)' })
  @Property()
  quotaVideoAgents: number = 0;

  @Field(() => Int, { description: 'Most MULTIMEDIA agents the tenant may have (default 0)' })
  @Property()
  quotaMultimediaAgents: number = 0;

  @Field(() => Int, { description: 'Most VERSATILE agents the tenant may have (default 0)' })
  @Property()
  quotaVersatileAgents: number = 0;

  @Field(() => Int, { description: 'Most agents with intelligent recognition the tenant may have (default 0)' })
  @Property()
  quotaIntelligentAgents: number = 0;

  /** The last customer number handed out (numbers are numeric strings, unique per tenant). */
  @Property({ type: 'bigint', defaultRaw: '10000000', hidden: true })
  customerNumberSeq?: string;

  /** Bumped whenever anything that shapes a principal's scope changes (see authz/epoch.ts). */
  @Property({ type: 'bigint', defaultRaw: '0', hidden: true, persist: true })
  authzEpoch?: string;
}
