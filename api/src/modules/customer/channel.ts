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
registerEnumType(Channel, { name: 'Channel' });

export enum Direction {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}
registerEnumType(Direction, { name: 'Direction' });
