import type { ModuleManifest } from '../../common/module';
import { AccessCode } from './access-code.entity';
import { Ivr } from './ivr.entity';
import { QueueLoad } from './queue-load.entity';
import { accessCodes, ivrs, skillQueues, voicePrompts } from './routing.resolver';
import { SkillQueue } from './skill-queue.entity';
import { QueueLoadResolver, SkillQueueFieldsResolver } from './skill-queue.resolver';
import { VoicePrompt } from './voice-prompt.entity';

/** Routing configuration (SPEC §6): access codes, IVRs, voice prompts, skill queues and their reported load. */
export const routingModule: ModuleManifest = {
  name: 'routing',
  entities: [AccessCode, Ivr, VoicePrompt, SkillQueue, QueueLoad],
  resolvers: [accessCodes.resolver, ivrs.resolver, voicePrompts.resolver, skillQueues.resolver, SkillQueueFieldsResolver, QueueLoadResolver],
};
