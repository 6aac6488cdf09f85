import { registerEnumType } from 'type-graphql';

/** Channels of contact records and media types of activities (SPEC §3, §4). */
export enum Channel {
  VOICE = 'VOICE',
  VIDEO = 'VIDEO',
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
registerEnumType(Channel, {
  name: 'Channel',
  description: 'Where a contact took place: the channel of a contact record, the media type of an activity',
  valuesConfig: {
    VOICE: { description: 'Voice call' },
    VIDEO: { description: 'Video call' },
    WEB: { description: 'Web chat' },
    WHATSAPP: { description: 'WhatsApp' },
    LINE: { description: 'LINE' },
    WECHAT: { description: 'WeChat' },
    FACEBOOK: { description: 'Facebook Messenger' },
    X: { description: 'X (formerly Twitter)' },
    RCS5G: { description: '5G messaging (RCS)' },
    EMAIL: { description: 'E-mail' },
    SMS: { description: 'SMS text message' },
    INSTAGRAM: { description: 'Instagram' },
    TELEGRAM: { description: 'Telegram' },
  },
});

export enum Direction {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Who started a contact',
  valuesConfig: {
    INBOUND: { description: 'The customer contacted the contact center (caller = customer)' },
    OUTBOUND: { description: 'The contact center contacted the customer (called = customer)' },
  },
});
