import { defineResource } from '../../common/resource';
import { AccessCode } from './access-code.entity';
import { AccessCodeFields, AccessCodeFilter } from './access-code.inputs';
import { Ivr } from './ivr.entity';
import { IvrFields, IvrFilter } from './ivr.inputs';
import { VoicePrompt } from './voice-prompt.entity';
import { VoicePromptFields, VoicePromptFilter } from './voice-prompt.inputs';

export const accessCodes = defineResource({
  name: 'AccessCode',
  entity: AccessCode,
  label: 'Access code',
  filter: AccessCodeFilter,
  fields: AccessCodeFields,
  required: ['code', 'mediaType'],
  title: 'code',
  defaultSort: { code: 'ASC' },
});

export const ivrs = defineResource({
  name: 'Ivr',
  entity: Ivr,
  label: 'IVR',
  filter: IvrFilter,
  fields: IvrFields,
  required: ['name', 'accessCode', 'mediaType'],
  defaultSort: { name: 'ASC' },
});

export const voicePrompts = defineResource({
  name: 'VoicePrompt',
  entity: VoicePrompt,
  label: 'Voice prompt',
  filter: VoicePromptFilter,
  fields: VoicePromptFields,
  required: ['name', 'mediaType', 'fileUrl'],
  defaultSort: { name: 'ASC' },
});
