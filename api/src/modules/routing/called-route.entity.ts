import { Entity, Enum, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { RefersTo } from '../../common/validation';
import { OuOwned } from '../org/ou-owned.entity';
import { AccessCode } from './access-code.entity';
import { Ivr } from './ivr.entity';
import { RoutingMediaType } from './media-type';
import { SkillQueue } from './skill-queue.entity';
import { VisibleRef } from './visible-ref';

/** Where a called route sends its calls (SPEC §6). */
export enum RouteDevice {
  SKILL_QUEUE = 'SKILL_QUEUE',
  IVR = 'IVR',
}
registerEnumType(RouteDevice, {
  name: 'RouteDevice',
  description: 'Where a called route sends its calls',
  valuesConfig: {
    SKILL_QUEUE: { description: 'To a skill queue of the access code’s media type' },
    IVR: { description: 'To an IVR of the access code’s call media (voice or video access codes only)' },
  },
});

/** Restrict: a target still routed to cannot be deleted (the kernel names the routes). */
const target = (entity: () => Function) => ManyToOne(entity as never, { nullable: true, deleteRule: 'restrict', index: true });

/**
 * A called route (SPEC §6): the number a customer dials — an access code plus an optional
 * extension — and the skill queue or IVR its calls go to. The dialled number is stored so the
 * database keeps it unique in the tenant.
 */
@ObjectType({ description: 'A number customers dial (access code + optional extension) and the skill queue or IVR its calls go to' })
@Entity()
@Unique({ properties: ['tenant', 'dialledNumber'] })
@RowScope({ subject: 'CalledRoute', ouField: 'ou', menu: 'called-routes' })
export class CalledRoute extends OuOwned<'extensionCode' | 'dialledNumber' | 'accessCodeId' | 'skillQueueId' | 'ivrId' | 'mediaType'> {
  @ManyToOne(() => AccessCode, { deleteRule: 'restrict', index: true })
  accessCode!: AccessCode;

  @Sortable()
  @Searchable()
  @Field({ description: 'Extension dialled after the access code: 1 to 8 digits, or empty for none' })
  @Property({ length: 8 })
  extensionCode: string = '';

  @Sortable()
  @Searchable()
  @Field({ description: 'What the customer dials: the access code followed by the extension; unique in the tenant, also against other access codes' })
  @Property({ length: 32 })
  dialledNumber: string = '';

  /** Its access code's, kept here (an access code's media type is fixed while routes use it) so a route reads it without the access code. */
  @Sortable()
  @Field(() => RoutingMediaType, { description: 'The calls it takes: the media type of its access code' })
  @Enum({ items: () => RoutingMediaType, nativeEnumName: 'routing_media_type' })
  mediaType: RoutingMediaType = RoutingMediaType.VOICE;

  @Sortable()
  @Field(() => RouteDevice, { description: 'Where its calls go: a skill queue or an IVR' })
  @Enum({ items: () => RouteDevice, nativeEnumName: 'route_device' })
  deviceType!: RouteDevice;

  @target(() => SkillQueue)
  skillQueue?: SkillQueue | null;

  @target(() => Ivr)
  ivr?: Ivr | null;

  @VisibleRef('AccessCode')
  @RefersTo('AccessCode')
  @Field(() => ID, { nullable: true, description: 'Id of its access code (null when outside your scope)' })
  get accessCodeId(): string {
    return this.accessCode.id;
  }

  @VisibleRef('SkillQueue')
  @RefersTo('SkillQueue')
  @Field(() => ID, { nullable: true, description: 'Id of the skill queue its calls go to (deviceType SKILL_QUEUE; null when outside your scope)' })
  get skillQueueId(): string | null {
    return this.skillQueue?.id ?? null;
  }

  @VisibleRef('Ivr')
  @RefersTo('Ivr')
  @Field(() => ID, { nullable: true, description: 'Id of the IVR its calls go to (deviceType IVR; null when outside your scope)' })
  get ivrId(): string | null {
    return this.ivr?.id ?? null;
  }
}
