import { registerEnumType } from 'type-graphql';
import { CallMediaType, RoutingMediaType } from './media-type';

/** The channels a MULTIMEDIA queue serves (SPEC §6); none listed = all. */
export enum MultimediaSubtype {
  WEB = 'WEB',
  WHATSAPP = 'WHATSAPP',
  LINE = 'LINE',
  WECHAT = 'WECHAT',
  FACEBOOK = 'FACEBOOK',
  X = 'X',
  RCS5G = 'RCS5G',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  INSTAGRAM = 'INSTAGRAM',
  TELEGRAM = 'TELEGRAM',
}
registerEnumType(MultimediaSubtype, {
  name: 'MultimediaSubtype',
  description: 'A channel a multimedia skill queue serves',
  valuesConfig: Object.fromEntries(Object.values(MultimediaSubtype).map((v) => [v, { description: `Messages from ${v === 'RCS5G' ? '5G RCS' : v}` }])),
});

export enum QueueAction {
  RELEASE = 'RELEASE',
  TRANSFER = 'TRANSFER',
}
registerEnumType(QueueAction, {
  name: 'QueueAction',
  description: 'What a queuing-processing handler does with the call',
  valuesConfig: { RELEASE: { description: 'End the call (the default)' }, TRANSFER: { description: 'Transfer it to the target IVR or skill queue' } },
});

export enum TransferTargetType {
  IVR = 'IVR',
  SKILL_QUEUE = 'SKILL_QUEUE',
}
registerEnumType(TransferTargetType, {
  name: 'TransferTargetType',
  description: 'What a transfer goes to',
  valuesConfig: {
    IVR: { description: 'An IVR (the default for voice, video and click-to-dial queues)' },
    SKILL_QUEUE: { description: 'Another skill queue of the same type (the default, and the only choice, for multimedia queues)' },
  },
});

export enum BusyCondition {
  DEVICE_USAGE = 'DEVICE_USAGE',
  WAIT_SECONDS = 'WAIT_SECONDS',
}
registerEnumType(BusyCondition, {
  name: 'BusyCondition',
  description: 'When a queue counts as busy',
  valuesConfig: {
    DEVICE_USAGE: { description: 'Its device usage reaches busyConditionValue percent (0 to 100)' },
    WAIT_SECONDS: { description: 'A call has waited busyConditionValue seconds (0 to 9999)' },
  },
});

export enum MaxQueuedMode {
  FIXED = 'FIXED',
  PERCENT_OF_SIGNED_IN = 'PERCENT_OF_SIGNED_IN',
}
registerEnumType(MaxQueuedMode, {
  name: 'MaxQueuedMode',
  description: 'How the busy rule counts the most calls the queue holds',
  valuesConfig: {
    FIXED: { description: 'maxQueuedValue calls' },
    PERCENT_OF_SIGNED_IN: { description: 'maxQueuedValue percent of the signed-in agents, rounded up' },
  },
});

export enum QueuingMethod {
  DEFAULT_TONE = 'DEFAULT_TONE',
  CUSTOM_TONE = 'CUSTOM_TONE',
  IVR = 'IVR',
}
registerEnumType(QueuingMethod, {
  name: 'QueuingMethod',
  description: 'What a caller hears while queued (voice and video queues)',
  valuesConfig: {
    DEFAULT_TONE: { description: 'The default tone (the default)' },
    CUSTOM_TONE: { description: 'The voice prompt queuingPromptId' },
    IVR: { description: 'The IVR queuingIvrId' },
  },
});

export enum HoldMethod {
  DEFAULT_TONE = 'DEFAULT_TONE',
  CUSTOM_TONE = 'CUSTOM_TONE',
}
registerEnumType(HoldMethod, {
  name: 'HoldMethod',
  description: 'What a caller hears while held (voice and video queues)',
  valuesConfig: { DEFAULT_TONE: { description: 'The default tone (the default)' }, CUSTOM_TONE: { description: 'The voice prompt holdPromptId' } },
});

export enum AnswerType {
  REPORT_EMPLOYEE_ID = 'REPORT_EMPLOYEE_ID',
  NO_VOICE = 'NO_VOICE',
  EMPLOYEE_ID_AND_CUSTOM_VOICE = 'EMPLOYEE_ID_AND_CUSTOM_VOICE',
}
registerEnumType(AnswerType, {
  name: 'AnswerType',
  description: 'What a caller hears when an agent answers (voice and video queues)',
  valuesConfig: {
    REPORT_EMPLOYEE_ID: { description: "The agent's employee ID is read out (the default)" },
    NO_VOICE: { description: 'Nothing' },
    EMPLOYEE_ID_AND_CUSTOM_VOICE: { description: "The agent's employee ID, then the voice prompt answerPromptId" },
  },
});

/** The media classes a skill queue group holds (SPEC §5: click-to-dial queues accompany multimedia). */
export enum QueueMediaClass {
  VOICE_VIDEO = 'VOICE_VIDEO',
  MULTIMEDIA = 'MULTIMEDIA',
}
registerEnumType(QueueMediaClass, {
  name: 'QueueMediaClass',
  description: 'The media class of the skill queues of a group',
  valuesConfig: {
    VOICE_VIDEO: { description: 'VOICE and VIDEO queues' },
    MULTIMEDIA: { description: 'MULTIMEDIA queues and the click-to-dial queues that accompany them' },
  },
});

export const mediaClassOf = (type: RoutingMediaType): QueueMediaClass =>
  type === RoutingMediaType.VOICE || type === RoutingMediaType.VIDEO ? QueueMediaClass.VOICE_VIDEO : QueueMediaClass.MULTIMEDIA;

/** The queue types of a media class. */
export const typesOfClass = (mediaClass: QueueMediaClass): RoutingMediaType[] => Object.values(RoutingMediaType).filter((t) => mediaClassOf(t) === mediaClass);

/** The calls of a queue as IVRs and voice prompts know them: voice, video, or none (multimedia). */
export function callMediaOf(type: RoutingMediaType): CallMediaType | null {
  if (type === RoutingMediaType.VOICE || type === RoutingMediaType.VOICE_CLICK_TO_DIAL) return CallMediaType.VOICE;
  if (type === RoutingMediaType.VIDEO || type === RoutingMediaType.VIDEO_CLICK_TO_DIAL) return CallMediaType.VIDEO;
  return null;
}

/** Queues that play prompts: VOICE and VIDEO only (not multimedia, not click-to-dial). */
export const hasPrompts = (type: RoutingMediaType): boolean => type === RoutingMediaType.VOICE || type === RoutingMediaType.VIDEO;

/** The transfer target type a handler takes by default: a skill queue for multimedia queues, else an IVR. */
export const defaultTargetType = (type: RoutingMediaType): TransferTargetType =>
  type === RoutingMediaType.MULTIMEDIA ? TransferTargetType.SKILL_QUEUE : TransferTargetType.IVR;
