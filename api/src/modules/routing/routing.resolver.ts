import { defineResource } from '../../common/resource';
import { AccessCode } from './access-code.entity';
import { CalledRoute } from './called-route.entity';
import { CalledRouteFields, CalledRouteFilter } from './called-route.inputs';
import { checkAccessCodeNumbers, checkCalledRoute } from './called-route.rules';
import { WebChannel } from './web-channel.entity';
import { WebChannelFields, WebChannelFilter } from './web-channel.inputs';
import { applyWorkTime, checkChannel } from './web-channel.rules';
import { AccessCodeFields, AccessCodeFilter } from './access-code.inputs';
import { Ivr } from './ivr.entity';
import { IvrFields, IvrFilter } from './ivr.inputs';
import { HANDLERS } from './queue-handler.types';
import { applyHandlers } from './queue-handlers';
import { SkillQueue } from './skill-queue.entity';
import { SkillQueueFields, SkillQueueFilter } from './skill-queue.inputs';
import { checkSkillQueue, skillQueueFilterWhere } from './skill-queue.rules';
import { SkillQueueGroup } from './skill-queue-group.entity';
import { SkillQueueGroupFields, SkillQueueGroupFilter } from './skill-queue-group.inputs';
import { applyGroupQueues, checkSkillQueueGroup } from './skill-queue-group.rules';
import { checkIvrMedia, checkPromptMedia } from './target-media.rules';
import { VoicePrompt } from './voice-prompt.entity';
import { VoicePromptFields, VoicePromptFilter } from './voice-prompt.inputs';
import { WorkTimeException } from './work-time-exception.entity';
import { WorkTimeExceptionFields, WorkTimeExceptionFilter } from './work-time-exception.inputs';
import { applyExceptionSegments, checkException, exceptionFilterWhere } from './work-time-exception.rules';

/**
 * Every routing write of a tenant takes one lock: the rules between routing records (no transfer
 * cycle, dialled numbers unique, a target's media kept, a group's class) are checked against the
 * records as stored, so two saves passing at once could together break one. Routing changes are
 * admin edits, rare enough for one at a time per tenant.
 */
const ROUTING = 'routing-configuration';

export const accessCodes = defineResource({
  name: 'AccessCode',
  entity: AccessCode,
  label: 'Access code',
  filter: AccessCodeFilter,
  fields: AccessCodeFields,
  required: ['code', 'mediaType'],
  title: 'code',
  serialize: ROUTING,
  defaultSort: { code: 'ASC' },
  check: checkAccessCodeNumbers,
});

export const ivrs = defineResource({
  name: 'Ivr',
  entity: Ivr,
  label: 'IVR',
  filter: IvrFilter,
  fields: IvrFields,
  required: ['name', 'accessCode', 'mediaType'],
  serialize: ROUTING,
  defaultSort: { name: 'ASC' },
  check: checkIvrMedia,
});

export const voicePrompts = defineResource({
  name: 'VoicePrompt',
  entity: VoicePrompt,
  label: 'Voice prompt',
  filter: VoicePromptFilter,
  fields: VoicePromptFields,
  required: ['name', 'mediaType', 'fileUrl'],
  serialize: ROUTING,
  defaultSort: { name: 'ASC' },
  check: checkPromptMedia,
});

export const skillQueues = defineResource({
  name: 'SkillQueue',
  entity: SkillQueue,
  label: 'Skill queue',
  filter: SkillQueueFilter,
  fields: SkillQueueFields,
  required: ['name'],
  serialize: ROUTING,
  defaultSort: { name: 'ASC' },
  filterWhere: skillQueueFilterWhere,
  nested: { fields: HANDLERS, apply: (em, queue, values) => applyHandlers(em, queue, values) },
  check: checkSkillQueue,
});

export const skillQueueGroups = defineResource({
  name: 'SkillQueueGroup',
  entity: SkillQueueGroup,
  label: 'Skill queue group',
  filter: SkillQueueGroupFilter,
  fields: SkillQueueGroupFields,
  required: ['name', 'mediaClass'],
  serialize: ROUTING,
  defaultSort: { name: 'ASC' },
  populate: ['members'],
  nested: { fields: ['skillQueueIds'], apply: applyGroupQueues },
  check: checkSkillQueueGroup,
});

export const calledRoutes = defineResource({
  name: 'CalledRoute',
  entity: CalledRoute,
  label: 'Called route',
  filter: CalledRouteFilter,
  fields: CalledRouteFields,
  required: ['accessCodeId', 'deviceType'],
  title: 'dialledNumber',
  serialize: ROUTING,
  defaultSort: { dialledNumber: 'ASC' },
  check: checkCalledRoute,
});

export const webChannels = defineResource({
  name: 'WebChannel',
  entity: WebChannel,
  label: 'Web channel',
  filter: WebChannelFilter,
  fields: WebChannelFields,
  required: ['channelCode', 'calledRouteId'],
  title: 'channelCode',
  serialize: ROUTING,
  defaultSort: { channelCode: 'ASC' },
  nested: { fields: ['workTime'], apply: applyWorkTime },
  check: checkChannel,
});

/** A channel's dated exceptions: placed in the channel's OU (`channel.ou`, so the channel is loaded with each). */
export const workTimeExceptions = defineResource({
  name: 'WorkTimeException',
  entity: WorkTimeException,
  label: 'Work time exception',
  filter: WorkTimeExceptionFilter,
  fields: WorkTimeExceptionFields,
  required: ['channelId', 'date'],
  title: 'date',
  serialize: ROUTING,
  defaultSort: { date: 'ASC' },
  populate: ['channel'],
  filterWhere: exceptionFilterWhere,
  nested: { fields: ['segments'], apply: applyExceptionSegments },
  check: checkException,
});
