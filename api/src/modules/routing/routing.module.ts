import type { ModuleManifest } from '../../common/module';
import { AccessCode } from './access-code.entity';
import { Ivr } from './ivr.entity';
import { accessCodes, ivrs, voicePrompts } from './routing.resolver';
import { VoicePrompt } from './voice-prompt.entity';

/** Routing configuration (SPEC §6): access codes, IVRs and voice prompts so far. */
export const routingModule: ModuleManifest = {
  name: 'routing',
  entities: [AccessCode, Ivr, VoicePrompt],
  resolvers: [accessCodes.resolver, ivrs.resolver, voicePrompts.resolver],
};
