import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ivr } from '../../api/src/modules/routing/ivr.entity';
import { VoicePrompt } from '../../api/src/modules/routing/voice-prompt.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 10, item 2: an IVR or a voice prompt keeps the media type of what uses it — skill queue
 * handlers, the queuing IVR, the custom tones and called routes — whatever the caller's scope.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'media');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

let serial = 0;
const next = () => ++serial;
const digits = (prefix: string) => `${prefix}${String(next()).padStart(6, '0')}`;

async function make(kind: string, args: string, vars: Record<string, unknown> = {}, client = admin): Promise<string> {
  const head = Object.keys(vars).length
    ? `(${Object.keys(vars)
        .map((v) => `$${v}: ID`)
        .join(', ')})`
    : '';
  const res = await client.ok<Record<string, { id: string }>>(`mutation${head} { create${kind}(${args}) { id } }`, vars);
  return res[`create${kind}`]!.id;
}
const ivr = (mediaType: string, ouId: string | null = null) =>
  make('Ivr', `name: "IVR ${next()}", accessCode: "${digits('8')}", mediaType: ${mediaType}, ouId: $ouId`, { ouId });
const prompt = (mediaType: string) => make('VoicePrompt', `name: "Prompt ${next()}", mediaType: ${mediaType}, fileUrl: "https://media.example.com/p.wav"`);
const queue = (type: string, extra: string, ouId: string | null = null) =>
  make('SkillQueue', `name: "Queue ${next()}", type: ${type}, ouId: $ouId, ${extra}`, { ouId });
const fieldsOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined;

/** Changing the media type to the other one is refused as BAD_USER_INPUT on mediaType (only), and the stored one stays. */
async function expectKept(kind: 'Ivr' | 'VoicePrompt', id: string, message: RegExp, client = admin) {
  const entity = kind === 'Ivr' ? Ivr : VoicePrompt;
  const before = (await t.db().findOneOrFail<Ivr | VoicePrompt>(entity, { id })).mediaType;
  const res = await client.request(`mutation($id: ID!) { update${kind}(id: $id, mediaType: ${before === 'VOICE' ? 'VIDEO' : 'VOICE'}) { id } }`, { id });
  expect(code(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  expect(Object.keys(fieldsOf(res) ?? {})).toEqual(['mediaType']);
  expect(fieldsOf(res)!.mediaType).toMatch(message);
  expect((await t.db().findOneOrFail<Ivr | VoicePrompt>(entity, { id })).mediaType).toBe(before);
}
const changes = (kind: 'Ivr' | 'VoicePrompt', id: string, to: string) =>
  admin.ok(`mutation($id: ID!) { update${kind}(id: $id, mediaType: ${to}) { id } }`, { id });

describe("an IVR's media type", () => {
  it.each([
    ['a VOICE queue transferring to it on timeout', 'VOICE', 'onTimeout: { action: TRANSFER, targetType: IVR, ivrId: "%" }'],
    ['a VOICE queue transferring to it when busy', 'VOICE', 'onBusy: { action: TRANSFER, targetType: IVR, ivrId: "%" }'],
    [
      'a VOICE_CLICK_TO_DIAL queue transferring to it with nobody on duty',
      'VOICE_CLICK_TO_DIAL',
      'onNoAgent: { action: TRANSFER, targetType: IVR, ivrId: "%" }',
    ],
    ['a VOICE queue queuing with it', 'VOICE', 'queuingMethod: IVR, queuingIvrId: "%"'],
  ])('stays while %s', async (_label, type, extra) => {
    const target = await ivr('VOICE');
    await queue(type, extra.replace('%', target));
    await expectKept('Ivr', target, /^1 skill queue uses this IVR for calls that are not VIDEO; change it first$/);
  });

  it('stays while a called route on a VIDEO access code goes to it, counting routes and queues together', async () => {
    const target = await ivr('VIDEO');
    const accessCode = await make('AccessCode', `code: "${digits('5')}", mediaType: VIDEO`);
    await make('CalledRoute', `accessCodeId: "${accessCode}", deviceType: IVR, ivrId: "${target}"`);
    await expectKept('Ivr', target, /^1 called route uses this IVR/);
    await queue('VIDEO', `onTimeout: { action: TRANSFER, targetType: IVR, ivrId: "${target}" }`);
    await expectKept('Ivr', target, /^1 skill queue and 1 called route use this IVR for calls that are not VOICE; change them first$/);
  });

  it('may change while nothing uses it, or only a web channel for click to dial (which has no media rule); and a used one may be renamed', async () => {
    const free = await ivr('VOICE');
    await changes('Ivr', free, 'VIDEO');
    const ctd = await ivr('VOICE');
    const accessCode = await make('AccessCode', `code: "${digits('6')}", mediaType: MULTIMEDIA`);
    const web = await queue('MULTIMEDIA', 'subtypes: [WEB]');
    const route = await make('CalledRoute', `accessCodeId: "${accessCode}", deviceType: SKILL_QUEUE, skillQueueId: "${web}"`);
    await make(
      'WebChannel',
      `channelCode: "ch_${next()}", calledRouteId: "${route}", clickToDialEnabled: true, clickToDialTarget: IVR, clickToDialIvrId: "${ctd}"`,
    );
    await changes('Ivr', ctd, 'VIDEO');
    const used = await ivr('VOICE');
    await queue('VOICE', `onTimeout: { action: TRANSFER, targetType: IVR, ivrId: "${used}" }`);
    await admin.ok('mutation($id: ID!) { updateIvr(id: $id, name: "Renamed while used", mediaType: VOICE) { id } }', { id: used });
  });

  it('stays while a queue outside the editor’s scope uses it, without naming that queue', async () => {
    const [north, south] = [await createOu(admin, `North ${next()}`), await createOu(admin, `South ${next()}`)];
    const target = await ivr('VOICE', north);
    await queue('VOICE', `onTimeout: { action: TRANSFER, targetType: IVR, ivrId: "${target}" }`, south);
    const role = await createRole(admin, ['called-routes', 'called-routes:view', 'called-routes:edit']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    await expectKept('Ivr', target, /^1 skill queue uses this IVR/, editor);
  });
});

describe("a voice prompt's media type", () => {
  it.each([
    ['queuing tone', 'queuingMethod: CUSTOM_TONE, queuingPromptId: "%"'],
    ['hold tone', 'holdMethod: CUSTOM_TONE, holdPromptId: "%"'],
    ['answer voice', 'answerType: EMPLOYEE_ID_AND_CUSTOM_VOICE, answerPromptId: "%"'],
  ])('stays while a VIDEO queue plays it as its %s', async (_label, extra) => {
    const target = await prompt('VIDEO');
    await queue('VIDEO', extra.replace('%', target));
    await expectKept('VoicePrompt', target, /^1 skill queue uses this voice prompt for calls that are not VOICE; change it first$/);
  });

  it('may change once no queue plays it', async () => {
    const target = await prompt('VOICE');
    const q = await queue('VOICE', `holdMethod: CUSTOM_TONE, holdPromptId: "${target}"`);
    await expectKept('VoicePrompt', target, /skill queue uses this voice prompt/);
    await admin.ok('mutation($id: ID!) { updateSkillQueue(id: $id, holdMethod: DEFAULT_TONE) { id } }', { id: q });
    await changes('VoicePrompt', target, 'VIDEO');
  });
});
