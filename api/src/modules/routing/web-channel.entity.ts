import { ArrayType, Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Searchable, Secret } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { RefersTo } from '../../common/validation';
import { Gender } from '../identity/employee.entity';
import { OuOwned } from '../org/ou-owned.entity';
import { CalledRoute } from './called-route.entity';
import { Ivr } from './ivr.entity';
import { VisibleRef } from './visible-ref';
import { defaultWorkTime, WorkTime, type WorkTimeValue } from './work-time.types';

export enum ClickToDialTarget {
  AGENT = 'AGENT',
  IVR = 'IVR',
}
registerEnumType(ClickToDialTarget, {
  name: 'ClickToDialTarget',
  description: 'Where a click-to-dial call from the web page goes',
  valuesConfig: {
    AGENT: { description: 'To an agent, through a click-to-dial called route' },
    IVR: { description: 'To an IVR' },
  },
});

/** Restrict: a called route or IVR a channel uses cannot be deleted (the kernel names the channels). */
const target = (entity: () => Function) => ManyToOne(entity as never, { nullable: true, deleteRule: 'restrict', index: true });

type Defaulted =
  | 'transferKeywords'
  | 'clickToDialEnabled'
  | 'dialogEndEnabled'
  | 'dialogEndConclusion'
  | 'thirdPartyAuthEnabled'
  | 'workTime'
  | 'queueReminderIntervalSeconds'
  | 'queueReminderText'
  | 'chatbotEnabled'
  | 'chatbotAvatarUrl'
  | 'chatbotName'
  | 'chatbotGender'
  | 'chatbotAccessCode'
  | 'chatbotDefaultReply'
  | 'chatbotTimeoutReply'
  | 'chatbotTransferPrompt'
  | 'robotAssistantEnabled'
  | 'robotAssistantAccessCode'
  | 'calledRouteId'
  | 'clickToDialRouteId'
  | 'clickToDialIvrId'
  | 'robotAssistantSilentRouteId'
  | 'hasThirdPartySecret';

/**
 * A web channel (SPEC §6): the chat a web page embeds by the channel's id, the multimedia called
 * route its dialogs queue on, and its options. An option's fields are kept while it is off (so
 * switching it back on needs no retyping) and required only while it is on.
 */
@ObjectType({ description: 'A web chat channel: integrations embed its id; its dialogs queue on a multimedia called route' })
@Entity({ tableName: 'web_channel' })
@Unique({
  name: 'web_channel_code_lower_unique',
  properties: ['tenant', 'channelCode'],
  expression: 'create unique index "web_channel_code_lower_unique" on "web_channel" ("tenant_id", lower("channel_code"))',
})
@RowScope({ subject: 'WebChannel', ouField: 'ou', menu: 'channels' })
export class WebChannel extends OuOwned<Defaulted> {
  @Sortable()
  @Searchable()
  @Field({ description: 'WebChannel code: 1 to 64 letters, digits or "_", not starting with a digit; unique in the tenant (ignoring case)' })
  @Property({ length: 64 })
  channelCode!: string;

  @ManyToOne(() => CalledRoute, { deleteRule: 'restrict', index: true })
  calledRoute!: CalledRoute;

  @Field(() => [String], { description: 'Words with which a visitor asks the chatbot for a human agent (used while the chatbot is on)' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  transferKeywords: string[] = [];

  @Field({ description: 'Whether the web page offers click to dial' })
  @Property()
  clickToDialEnabled: boolean = false;

  @Field(() => ClickToDialTarget, { nullable: true, description: 'Where click-to-dial calls go (while click to dial is on)' })
  @Enum({ items: () => ClickToDialTarget, nativeEnumName: 'click_to_dial_target', nullable: true })
  clickToDialTarget?: ClickToDialTarget | null;

  @target(() => CalledRoute)
  clickToDialRoute?: CalledRoute | null;

  @target(() => Ivr)
  clickToDialIvr?: Ivr | null;

  @Field({ description: 'Whether dialogs end after the visitor stops replying (off: they time out after 20 minutes)' })
  @Property()
  dialogEndEnabled: boolean = false;

  @Field(() => Int, { nullable: true, description: 'Minutes without a reply after which a dialog ends (while dialog end is on)' })
  @Property({ type: 'integer', nullable: true })
  dialogEndNoReplyMinutes?: number | null;

  @Field({ description: 'The closing message of an ended dialog (while dialog end is on)' })
  @Property({ length: 500 })
  dialogEndConclusion: string = '';

  @Field({ description: 'Whether visitors are authenticated by the integrator with a shared secret' })
  @Property()
  thirdPartyAuthEnabled: boolean = false;

  /** Write-only: never a GraphQL field; its changes are audited masked. */
  @Secret()
  @Property({ type: 'text', nullable: true })
  thirdPartySecret?: string | null;

  @Field(() => WorkTime, { description: 'When the channel is staffed, in its time zone, with dated exceptions' })
  @Property({ type: 'json' })
  workTime: WorkTimeValue = defaultWorkTime();

  @Field(() => Int, { description: 'Seconds between reminders to a queued visitor (default 10)' })
  @Property()
  queueReminderIntervalSeconds: number = 10;

  @Field({ description: 'The reminder a queued visitor sees; empty: none' })
  @Property({ length: 500 })
  queueReminderText: string = '';

  @Field({ description: 'Whether a chatbot answers first' })
  @Property()
  chatbotEnabled: boolean = false;

  @Field({ description: "The chatbot's avatar image: an http or https URL (while the chatbot is on)" })
  @Property({ length: 2048 })
  chatbotAvatarUrl: string = '';

  @Field({ description: "The chatbot's name (while the chatbot is on)" })
  @Property({ length: 64 })
  chatbotName: string = '';

  @Field(() => Gender, { description: "The chatbot's gender (default UNKNOWN)" })
  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  chatbotGender: Gender = Gender.UNKNOWN;

  @Field({ description: 'The access code of the chatbot flow (while the chatbot is on)' })
  @Property({ length: 24 })
  chatbotAccessCode: string = '';

  @Field({ description: 'What the chatbot says when it has no answer (while the chatbot is on)' })
  @Property({ length: 500 })
  chatbotDefaultReply: string = '';

  @Field({ description: 'What the chatbot says when the visitor stops replying (while the chatbot is on)' })
  @Property({ length: 500 })
  chatbotTimeoutReply: string = '';

  @Field({ description: 'What the chatbot says when it hands the visitor to an agent (while the chatbot is on)' })
  @Property({ length: 500 })
  chatbotTransferPrompt: string = '';

  @Field({ description: 'Whether a robot assistant suggests answers to agents' })
  @Property()
  robotAssistantEnabled: boolean = false;

  @Field({ description: 'The access code of the robot assistant flow (while the robot assistant is on)' })
  @Property({ length: 24 })
  robotAssistantAccessCode: string = '';

  @target(() => CalledRoute)
  robotAssistantSilentRoute?: CalledRoute | null;

  @VisibleRef('CalledRoute')
  @RefersTo('CalledRoute')
  @Field(() => ID, { nullable: true, description: 'The multimedia called route its dialogs queue on (null when outside your scope)' })
  get calledRouteId(): string {
    return this.calledRoute.id;
  }

  @VisibleRef('CalledRoute')
  @RefersTo('CalledRoute')
  @Field(() => ID, { nullable: true, description: 'The click-to-dial called route of click to dial to an agent (null when outside your scope)' })
  get clickToDialRouteId(): string | null {
    return this.clickToDialRoute?.id ?? null;
  }

  @VisibleRef('Ivr')
  @RefersTo('Ivr')
  @Field(() => ID, { nullable: true, description: 'The IVR of click to dial to an IVR (null when outside your scope)' })
  get clickToDialIvrId(): string | null {
    return this.clickToDialIvr?.id ?? null;
  }

  @VisibleRef('CalledRoute')
  @RefersTo('CalledRoute')
  @Field(() => ID, { nullable: true, description: "The multimedia called route of the robot assistant's silent agent (null when outside your scope)" })
  get robotAssistantSilentRouteId(): string | null {
    return this.robotAssistantSilentRoute?.id ?? null;
  }

  @Field({ description: 'Whether a third-party authentication secret is set (the secret itself is never returned)' })
  get hasThirdPartySecret(): boolean {
    return !!this.thirdPartySecret;
  }
}
