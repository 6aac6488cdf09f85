import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { countStatements } from '../support/statements';

/**
 * Issue 10: a 25-row page of each routing resource, with every field and reference selected,
 * costs one statement for the page, one per kind of record its references name (whether the
 * caller may see each id) and one for live numbers — never one per row — plus the sign-in check.
 */
let t: TestApp;
let admin: GraphQLClient;
const ROWS = 26;

beforeAll(async () => {
  t = await startTestApp();
  const tenant = await createTestTenant(t.orm, 'rtstat');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  const make = async (kind: string, args: string) =>
    (await admin.ok<Record<string, { id: string }>>(`mutation { create${kind}(${args}) { id } }`))[`create${kind}`]!.id;
  const target = await make('SkillQueue', 'name: "Overflow", type: VOICE');
  const mmQueue = await make('SkillQueue', 'name: "Chat", type: MULTIMEDIA');
  const email = await make('SkillQueue', 'name: "E-mail", type: MULTIMEDIA, subtypes: [EMAIL]');
  for (let i = 0; i < ROWS; i++) {
    const n = String(i).padStart(3, '0');
    const ivr = await make('Ivr', `name: "IVR ${n}", accessCode: "9${n}", mediaType: VOICE`);
    const prompt = await make('VoicePrompt', `name: "Tone ${n}", mediaType: VOICE, fileUrl: "https://media.example.com/${n}.wav"`);
    const queue = await make(
      'SkillQueue',
      `name: "Q ${n}", type: VOICE, queuingMethod: CUSTOM_TONE, queuingPromptId: "${prompt}", onTimeout: { action: TRANSFER, ivrId: "${ivr}" }, onBusy: { action: TRANSFER, skillQueueId: "${target}" }`,
    );
    const voiceCode = await make('AccessCode', `code: "5${n}", mediaType: VOICE`);
    await make('CalledRoute', `accessCodeId: "${voiceCode}", deviceType: SKILL_QUEUE, skillQueueId: "${queue}"`);
    const chatCode = await make('AccessCode', `code: "6${n}", mediaType: MULTIMEDIA`);
    const chatRoute = await make('CalledRoute', `accessCodeId: "${chatCode}", deviceType: SKILL_QUEUE, skillQueueId: "${mmQueue}"`);
    const channel = await make('WebChannel', `channelCode: "web_${n}", calledRouteId: "${chatRoute}", robotAssistantSilentRouteId: "${chatRoute}"`);
    await make(
      'WorkTimeException',
      `channelId: "${channel}", date: "2026-12-${String((i % 28) + 1).padStart(2, '0')}", segments: [{ start: "09:00", end: "12:00" }], note: "Day ${n}"`,
    );
    await make('SkillQueueGroup', `name: "G ${n}", mediaClass: MULTIMEDIA, skillQueueIds: ["${mmQueue}", "${email}"]`);
  }
});
afterAll(() => t?.close());

const HANDLER = 'action targetType ivrId skillQueueId';
/** Per resource: every field, and how many kinds of referenced records (plus live numbers) it selects. */
const PAGES: [resource: string, selection: string, relations: number][] = [
  ['AccessCodes', 'id version code mediaType ouId createdAt updatedAt access { canEdit canDelete }', 0],
  ['Ivrs', 'id version name accessCode mediaType ouId access { canEdit canDelete }', 0],
  ['VoicePrompts', 'id version name mediaType fileUrl ouId access { canEdit canDelete }', 0],
  [
    'SkillQueues',
    `id version name description type subtypes ouId maxWaitSeconds maxCallSeconds wrapUpSeconds effectiveWrapUpSeconds maxQueuedCalls
     queuingMethod queuingPromptId queuingIvrId holdMethod holdPromptId answerType answerPromptId
     onTimeout { ${HANDLER} } onNoAgent { ${HANDLER} } onBusy { ${HANDLER} queueUsageThreshold busyCondition busyConditionValue maxQueuedMode maxQueuedValue }
     queuedCalls deviceUsage effectiveMaxQueuedCalls access { canEdit canDelete }`,
    // voice prompts, IVRs and skill queues named; the live load
    3 + 1,
  ],
  // The members of every group on the page: one statement.
  ['SkillQueueGroups', 'id version name description mediaClass skillQueueIds ouId access { canEdit canDelete }', 1],
  ['CalledRoutes', 'id version accessCodeId extensionCode dialledNumber mediaType deviceType skillQueueId ivrId ouId access { canEdit canDelete }', 3],
  [
    'WebChannels',
    `id version channelCode calledRouteId ouId transferKeywords clickToDialEnabled clickToDialTarget clickToDialRouteId clickToDialIvrId dialogEndEnabled
     dialogEndNoReplyMinutes dialogEndConclusion thirdPartyAuthEnabled hasThirdPartySecret queueReminderIntervalSeconds queueReminderText chatbotEnabled
     chatbotAvatarUrl chatbotName chatbotGender chatbotAccessCode chatbotDefaultReply chatbotTimeoutReply chatbotTransferPrompt robotAssistantEnabled
     robotAssistantAccessCode robotAssistantSilentRouteId workTime { timeZone workdays workdaySegments { start end } }
     access { canEdit canDelete }`,
    // called routes and IVRs named
    2,
  ],
  // The channel is loaded with each row (its OU places the row): joined, no statement of its own; the channels named.
  ['WorkTimeExceptions', 'id version channelId date closed segments { start end } note createdAt updatedAt access { canEdit canDelete }', 1],
];

describe('a 25-row page of each routing resource', () => {
  it.each(PAGES)('all%s: 1 statement + 1 per kind of reference (plus the sign-in check)', async (plural, selection, relations) => {
    const { result, statements } = await countStatements(t, () => admin.ok<Record<string, unknown[]>>(`{ all${plural}(perPage: 25) { ${selection} } }`));
    expect(result[`all${plural}`]).toHaveLength(25);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(1 + 1 + relations);
  });
});
