import { registerEnumType } from 'type-graphql';

/** What an agent may do with calls (SPEC §5, seed "Platform Role"). */
export enum AgentPlatformRole {
  COMMON_AGENT = 'COMMON_AGENT',
  QUALITY_CHECKER = 'QUALITY_CHECKER',
  CALLOUT_AGENT = 'CALLOUT_AGENT',
}
registerEnumType(AgentPlatformRole, {
  name: 'AgentPlatformRole',
  description: "An agent's platform role",
  valuesConfig: {
    COMMON_AGENT: { description: 'Answers or transfers inbound calls (the default)' },
    QUALITY_CHECKER: { description: "Intervenes in other agents' calls to coach and supervise them" },
    CALLOUT_AGENT: { description: 'Answers, transfers or rejects inbound calls' },
  },
});

/** The businesses an agent handles; each type has its own tenant quota (SPEC §1, §5). */
export enum AgentType {
  AUDIO = 'AUDIO',
  VIDEO = 'VIDEO',
  MULTIMEDIA = 'MULTIMEDIA',
  VERSATILE = 'VERSATILE',
}
registerEnumType(AgentType, {
  name: 'AgentType',
  description: 'The businesses an agent handles (counted against the tenant quota of its type)',
  valuesConfig: {
    AUDIO: { description: 'Voice calls (quotaAudioAgents)' },
    VIDEO: { description: 'Video calls (quotaVideoAgents)' },
    MULTIMEDIA: { description: 'Text channels (quotaMultimediaAgents)' },
    VERSATILE: { description: 'Any media; its skill queues may mix media classes (quotaVersatileAgents)' },
  },
});

/** What a tenant agent quota counts: the agents of a type, or those with intelligent recognition. */
export enum AgentQuotaKind {
  AUDIO = 'AUDIO',
  VIDEO = 'VIDEO',
  MULTIMEDIA = 'MULTIMEDIA',
  VERSATILE = 'VERSATILE',
  INTELLIGENT = 'INTELLIGENT',
}
registerEnumType(AgentQuotaKind, {
  name: 'AgentQuotaKind',
  description: 'What a tenant agent quota counts',
  valuesConfig: {
    AUDIO: { description: 'AUDIO agents (quotaAudioAgents)' },
    VIDEO: { description: 'VIDEO agents (quotaVideoAgents)' },
    MULTIMEDIA: { description: 'MULTIMEDIA agents (quotaMultimediaAgents)' },
    VERSATILE: { description: 'VERSATILE agents (quotaVersatileAgents)' },
    INTELLIGENT: { description: 'Agents with intelligent recognition (quotaIntelligentAgents)' },
  },
});
