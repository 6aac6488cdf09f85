import type { ModuleManifest } from '../../common/module';
import { AccessCode } from './access-code.entity';
import { Ivr } from './ivr.entity';
import { QueueLoad } from './queue-load.entity';
import { CalledRoute } from './called-route.entity';
import { WebChannel } from './web-channel.entity';
import { accessCodes, calledRoutes, ivrs, skillQueueGroups, skillQueues, voicePrompts, webChannels, workTimeExceptions } from './routing.resolver';
import { SimulateCallResolver } from './simulate.resolver';
import { ChannelOpenResolver } from './web-channel.resolver';
import { SkillQueue } from './skill-queue.entity';
import { QueueLoadResolver, SkillQueueFieldsResolver } from './skill-queue.resolver';
import { SkillQueueGroup, SkillQueueGroupMember } from './skill-queue-group.entity';
import { VoicePrompt } from './voice-prompt.entity';
import { WorkTimeException } from './work-time-exception.entity';

/** Routing configuration (SPEC §6): access codes, IVRs, voice prompts, skill queues and their reported load, skill queue groups, called routes, web channels and their dated work-time exceptions. */
export const routingModule: ModuleManifest = {
  name: 'routing',
  entities: [AccessCode, Ivr, VoicePrompt, SkillQueue, QueueLoad, SkillQueueGroup, SkillQueueGroupMember, CalledRoute, WebChannel, WorkTimeException],
  resolvers: [
    accessCodes.resolver,
    ivrs.resolver,
    voicePrompts.resolver,
    skillQueues.resolver,
    SkillQueueFieldsResolver,
    QueueLoadResolver,
    skillQueueGroups.resolver,
    calledRoutes.resolver,
    webChannels.resolver,
    workTimeExceptions.resolver,
    ChannelOpenResolver,
    SimulateCallResolver,
  ],
};
