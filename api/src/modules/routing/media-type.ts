import { registerEnumType } from 'type-graphql';

/** The media class of an access code (and, later, of a skill queue and a called route): SPEC §6. */
export enum RoutingMediaType {
  VOICE = 'VOICE',
  VIDEO = 'VIDEO',
  MULTIMEDIA = 'MULTIMEDIA',
  VOICE_CLICK_TO_DIAL = 'VOICE_CLICK_TO_DIAL',
  VIDEO_CLICK_TO_DIAL = 'VIDEO_CLICK_TO_DIAL',
}
registerEnumType(RoutingMediaType, {
  name: 'RoutingMediaType',
  description: 'The media class of an access code: which skill queues a called route on it may reach',
  valuesConfig: {
    VOICE: { description: 'Voice calls' },
    VIDEO: { description: 'Video calls' },
    MULTIMEDIA: { description: 'Text channels: web chat, messaging apps, e-mail, SMS' },
    VOICE_CLICK_TO_DIAL: { description: 'Voice calls started from a web page (click to dial)' },
    VIDEO_CLICK_TO_DIAL: { description: 'Video calls started from a web page (click to dial)' },
  },
});

/** The media of what an IVR answers or a voice prompt plays into: voice or video calls only (SPEC §6). */
export enum CallMediaType {
  VOICE = 'VOICE',
  VIDEO = 'VIDEO',
}
registerEnumType(CallMediaType, {
  name: 'CallMediaType',
  description: 'The media of the calls an IVR answers or a voice prompt is played to',
  valuesConfig: {
    VOICE: { description: 'Voice calls' },
    VIDEO: { description: 'Video calls' },
  },
});
