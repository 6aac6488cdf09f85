import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import type { FieldErrors } from '../../base/errors';
import { ClickToDialTarget, type WebChannel } from './web-channel.entity';
import { RouteDevice } from './called-route.entity';
import { RoutingMediaType } from './media-type';
import { type RouteFacts, routeFacts } from './routing-facts';
import { MultimediaSubtype } from './skill-queue.enums';
import { workTimeFromInput, type WorkTimeInput } from './work-time.inputs';
import { workTimeErrors } from './work-time.validation';

/**
 * The rules of SPEC §6 across a web channel's fields, checked by the kernel before anything is
 * written (resource `check`). An option's fields are required only while the option is on; the
 * routes it names are checked whatever the caller's OU scope (their facts come from SQL).
 */

const CLICK_TO_DIAL = new Set<string>([RoutingMediaType.VOICE_CLICK_TO_DIAL, RoutingMediaType.VIDEO_CLICK_TO_DIAL]);

/** Why a route cannot carry a channel's dialogs (a MULTIMEDIA route to a queue serving WEB), or null. */
function dialogRouteProblem(route: RouteFacts): string | null {
  if (route.mediaType !== RoutingMediaType.MULTIMEDIA) return `The called route takes ${route.mediaType} calls; a channel's dialogs need a MULTIMEDIA route`;
  if (route.deviceType !== RouteDevice.SKILL_QUEUE) return "The called route goes to an IVR; a channel's dialogs need a route to a skill queue";
  const subtypes = route.queueSubtypes ?? [];
  if (subtypes.length && !subtypes.includes(MultimediaSubtype.WEB)) return "The called route's skill queue does not serve WEB";
  return null;
}

/** Per option: the properties that must hold something while it is on, and the argument each is written with. */
const REQUIRED_WHILE_ON: ReadonlyArray<[option: string, what: string, fields: ReadonlyArray<[property: string, argument: string]>]> = [
  [
    'dialogEndEnabled',
    'dialog end',
    [
      ['dialogEndNoReplyMinutes', 'dialogEndNoReplyMinutes'],
      ['dialogEndConclusion', 'dialogEndConclusion'],
    ],
  ],
  ['thirdPartyAuthEnabled', 'third-party authentication', [['thirdPartySecret', 'thirdPartySecret']]],
  [
    'chatbotEnabled',
    'the chatbot',
    ['chatbotAvatarUrl', 'chatbotName', 'chatbotAccessCode', 'chatbotDefaultReply', 'chatbotTimeoutReply', 'chatbotTransferPrompt'].map(
      (f) => [f, f] as [string, string],
    ),
  ],
  [
    'robotAssistantEnabled',
    'the robot assistant',
    [
      ['robotAssistantAccessCode', 'robotAssistantAccessCode'],
      ['robotAssistantSilentRoute', 'robotAssistantSilentRouteId'],
    ],
  ],
];

export async function checkChannel(em: EntityManager, channel: WebChannel, ctx: Context): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const values = channel as unknown as Record<string, unknown>;
  for (const [option, what, fields] of REQUIRED_WHILE_ON) {
    if (!values[option]) continue;
    for (const [property, argument] of fields) if (values[property] == null || values[property] === '') errors[argument] = `Required while ${what} is on`;
  }
  if (channel.clickToDialEnabled) {
    if (!channel.clickToDialTarget) errors.clickToDialTarget = 'Required while click to dial is on';
    else if (channel.clickToDialTarget === ClickToDialTarget.AGENT && !channel.clickToDialRoute)
      errors.clickToDialRouteId = 'Click to dial to an agent needs its called route';
    else if (channel.clickToDialTarget === ClickToDialTarget.IVR && !channel.clickToDialIvr) errors.clickToDialIvrId = 'Click to dial to an IVR needs the IVR';
  }
  // A target of the other kind is cleared, so switching the target needs no second edit.
  if (channel.clickToDialTarget === ClickToDialTarget.AGENT) channel.clickToDialIvr = null;
  if (channel.clickToDialTarget === ClickToDialTarget.IVR) channel.clickToDialRoute = null;

  const routes = await routeFacts(
    em,
    ctx.principal!.tenantId,
    [channel.calledRoute?.id, channel.clickToDialRoute?.id, channel.robotAssistantSilentRoute?.id].filter((id): id is string => !!id),
  );
  const dialogs = routes.get(channel.calledRoute?.id ?? '');
  if (dialogs) {
    const problem = dialogRouteProblem(dialogs);
    if (problem) errors.calledRouteId = problem;
  }
  const ctd = routes.get(channel.clickToDialRoute?.id ?? '');
  if (ctd && !CLICK_TO_DIAL.has(ctd.mediaType))
    errors.clickToDialRouteId ??= `The called route takes ${ctd.mediaType} calls; click to dial needs a click-to-dial route`;
  const silent = routes.get(channel.robotAssistantSilentRoute?.id ?? '');
  if (silent && silent.mediaType !== RoutingMediaType.MULTIMEDIA) {
    errors.robotAssistantSilentRouteId ??= `The called route takes ${silent.mediaType} calls; the silent agent needs a MULTIMEDIA route`;
  }
  Object.assign(errors, workTimeErrors(channel.workTime));
  return errors;
}

/** The resource's `nested.apply`: a given work time replaces the stored one (its omitted lists take their defaults). */
export async function applyWorkTime(_em: EntityManager, channel: WebChannel, values: Record<string, unknown>): Promise<void> {
  const given = values.workTime as WorkTimeInput | null | undefined;
  if (given) channel.workTime = workTimeFromInput(given);
}
