import type { EntityManager } from '@mikro-orm/postgresql';
import type { Tenant } from '../../common/tenant.entity';
import type { OrgUnit } from '../../modules/org/org-unit.entity';
import { AccessCode } from '../../modules/routing/access-code.entity';
import { CalledRoute, RouteDevice } from '../../modules/routing/called-route.entity';
import { Ivr } from '../../modules/routing/ivr.entity';
import { CallMediaType, RoutingMediaType } from '../../modules/routing/media-type';
import { SkillQueue } from '../../modules/routing/skill-queue.entity';
import { defaultTargetType, HoldMethod, MultimediaSubtype, QueueAction, QueueMediaClass, TransferTargetType } from '../../modules/routing/skill-queue.enums';
import { SkillQueueGroup, SkillQueueGroupMember } from '../../modules/routing/skill-queue-group.entity';
import { VoicePrompt } from '../../modules/routing/voice-prompt.entity';
import { ClickToDialTarget, WebChannel } from '../../modules/routing/web-channel.entity';
import { WorkTimeException } from '../../modules/routing/work-time-exception.entity';
import { Weekday } from '../../modules/routing/work-time.types';

/** The demo web channel's code, as integrations would embed it. */
export const DEMO_WEB_CHANNEL = 'demo_web';

/**
 * The demo tenant's routing configuration (issue 10, item 9), written as the API would leave
 * it: every value inside its range, handlers and prompts normalised as the kernel normalises
 * them, dialled numbers and route media derived as the route's check derives them. The demo
 * test saves each record again through the API and expects nothing to change.
 */
export async function seedDemoRouting(em: EntityManager, tenant: Tenant, ous: Record<string, OrgUnit>): Promise<void> {
  const mainMenu = em.create(Ivr, { tenant, name: 'Main menu', accessCode: '2000', mediaType: CallMediaType.VOICE });
  const holdMusic = em.create(VoicePrompt, { tenant, name: 'Hold music', mediaType: CallMediaType.VOICE, fileUrl: 'https://media.example.com/demo/hold.wav' });

  const queue = (name: string, type: RoutingMediaType, extra: Partial<SkillQueue> = {}) => {
    const target = defaultTargetType(type);
    const targets = { onTimeoutTargetType: target, onBusyTargetType: target, onNoAgentTargetType: target };
    return em.create(SkillQueue, { tenant, name, type, ...targets, ...extra } as never) as SkillQueue;
  };
  const overflow = queue('Hotline overflow', RoutingMediaType.VOICE, { description: 'Takes the hotline calls while it is busy' });
  const hotline = queue('Hotline', RoutingMediaType.VOICE, {
    description: 'First-line voice support',
    holdMethod: HoldMethod.CUSTOM_TONE,
    holdPrompt: holdMusic,
    // Busy: to the overflow queue (only while its usage stays below 80%); nobody on duty: to the main menu.
    onBusyAction: QueueAction.TRANSFER,
    onBusyTargetType: TransferTargetType.SKILL_QUEUE,
    onBusySkillQueue: overflow,
    onBusyQueueUsageThreshold: 80,
    onNoAgentAction: QueueAction.TRANSFER,
    onNoAgentTargetType: TransferTargetType.IVR,
    onNoAgentIvr: mainMenu,
  });
  const videoDesk = queue('Video desk', RoutingMediaType.VIDEO, { description: 'Video consultations for the North region', ou: ous.North });
  const webChat = queue('Web chat', RoutingMediaType.MULTIMEDIA, { subtypes: [MultimediaSubtype.WEB] });
  const messaging = queue('Messaging', RoutingMediaType.MULTIMEDIA, { subtypes: [MultimediaSubtype.WHATSAPP, MultimediaSubtype.TELEGRAM] });
  const webVoice = queue('Web voice', RoutingMediaType.VOICE_CLICK_TO_DIAL, {
    // Click-to-dial queues may end in an IVR, unlike multimedia ones.
    onTimeoutAction: QueueAction.TRANSFER,
    onTimeoutIvr: mainMenu,
  });
  const webVideo = queue('Web video', RoutingMediaType.VIDEO_CLICK_TO_DIAL);

  const group = (name: string, mediaClass: QueueMediaClass, description: string, queues: SkillQueue[]) => {
    const g = em.create(SkillQueueGroup, { tenant, name, mediaClass, description });
    for (const skillQueue of queues) g.members.add(em.create(SkillQueueGroupMember, { group: g, skillQueue }));
  };
  group('Voice and video', QueueMediaClass.VOICE_VIDEO, 'Every voice and video queue', [hotline, overflow, videoDesk]);
  group('Digital', QueueMediaClass.MULTIMEDIA, 'Chat, messaging and the web page’s calls', [webChat, messaging, webVoice, webVideo]);

  const code = (number: string, mediaType: RoutingMediaType) => em.create(AccessCode, { tenant, code: number, mediaType });
  const route = (accessCode: AccessCode, extensionCode: string, to: SkillQueue | Ivr) => {
    const toQueue = to instanceof SkillQueue;
    return em.create(CalledRoute, {
      tenant,
      accessCode,
      extensionCode,
      dialledNumber: accessCode.code + extensionCode,
      mediaType: accessCode.mediaType,
      deviceType: toQueue ? RouteDevice.SKILL_QUEUE : RouteDevice.IVR,
      skillQueue: toQueue ? to : null,
      ivr: toQueue ? null : to,
    });
  };
  const voiceLine = code('4001000', RoutingMediaType.VOICE);
  route(voiceLine, '1', hotline);
  route(voiceLine, '9', mainMenu);
  route(code('4002000', RoutingMediaType.VIDEO), '', videoDesk);
  const chat = route(code('4003000', RoutingMediaType.MULTIMEDIA), '', webChat);
  route(code('4003100', RoutingMediaType.MULTIMEDIA), '', messaging);
  const callMe = route(code('4004000', RoutingMediaType.VOICE_CLICK_TO_DIAL), '1', webVoice);
  route(code('4005000', RoutingMediaType.VIDEO_CLICK_TO_DIAL), '1', webVideo);

  const channel = em.create(WebChannel, {
    tenant,
    channelCode: DEMO_WEB_CHANNEL,
    calledRoute: chat,
    clickToDialEnabled: true,
    clickToDialTarget: ClickToDialTarget.AGENT,
    clickToDialRoute: callMe,
    queueReminderText: 'Thanks for waiting: an agent will be with you shortly.',
    workTime: {
      timeZone: 'Europe/Berlin',
      workdays: [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY],
      // A lunch break between two segments.
      workdaySegments: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
      nonWorkdaySegments: [],
      nonWorkingTimeNotice: 'We are closed now. Our chat is open Monday to Friday, 08:00–12:00 and 13:00–18:00 (Berlin time).',
    },
  });
  // Two holidays, closed all day.
  em.create(WorkTimeException, { tenant, channel, date: '2026-12-25', closed: true, segments: [], note: 'Christmas Day' });
  em.create(WorkTimeException, { tenant, channel, date: '2027-01-01', closed: true, segments: [], note: "New Year's Day" });
  await em.flush();
}
