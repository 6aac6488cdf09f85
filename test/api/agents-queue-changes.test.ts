import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

/**
 * Issue 11, item 1 (the one-media-class rule kept): a skill queue's type change, or a group's
 * queues change, that would make an agent break its skill rules (one media class unless
 * VERSATILE, click-to-dial beside multimedia, WebRTC's voice-related queue) is refused on the
 * field naming the agents, writing nothing; a change that breaks no agent goes through.
 */
let t: TestApp;
let admin: GraphQLClient;
let serial = 0;
const next = () => ++serial;

async function queue(type: string, ou?: string): Promise<string> {
  const res = await admin.ok<{ createSkillQueue: { id: string } }>(
    `mutation($n: String, $o: ID) { createSkillQueue(name: $n, type: ${type}, ouId: $o) { id } }`,
    {
      n: `QC${next()}`,
      o: ou ?? null,
    },
  );
  return res.createSkillQueue.id;
}
async function group(mediaClass: string, ids: string[]): Promise<string> {
  const res = await admin.ok<{ createSkillQueueGroup: { id: string } }>(
    `mutation($n: String, $q: [ID!]) { createSkillQueueGroup(name: $n, mediaClass: ${mediaClass}, skillQueueIds: $q) { id } }`,
    { n: `GC${next()}`, q: ids },
  );
  return res.createSkillQueueGroup.id;
}
/** An agent of `type` with the queues as skills (the first the default) or the group; returns its agent id. */
async function agent(type: string, skills: { queues?: string[]; group?: string; webrtc?: boolean; ou?: string }): Promise<number> {
  const n = 3000 + next();
  const employeeId = skills.ou ? (await createEmployee(t, admin, { homeOuId: skills.ou }, 'qc')).id : null;
  await admin.ok(
    `mutation($n: Int, $s: String, $k: [AgentSkillInput!], $g: ID, $w: Boolean, $e: ID) {
       createAgent(agentId: $n, softphoneNumber: $s, agentType: ${type}, skills: $k, skillQueueGroupId: $g, webrtcEnabled: $w, employeeId: $e) { id } }`,
    {
      n,
      s: `55${n}`,
      k: skills.queues?.map((q, i) => ({ skillQueueId: q, isDefault: i === 0 })) ?? null,
      g: skills.group ?? null,
      w: skills.webrtc ?? false,
      e: employeeId,
    },
  );
  return n;
}
const setType = (id: string, type: string, client = admin) =>
  client.request(`mutation($id: ID!) { updateSkillQueue(id: $id, type: ${type}) { id type } }`, { id });
const setMembers = (id: string, q: string[], client = admin) =>
  client.request('mutation($id: ID!, $q: [ID!]) { updateSkillQueueGroup(id: $id, skillQueueIds: $q) { id skillQueueIds } }', { id, q });
const typeOf = async (id: string) => (await admin.ok<{ SkillQueue: { type: string } }>(`{ SkillQueue(id: "${id}") { type } }`)).SkillQueue.type;
const membersOf = async (id: string) =>
  (await admin.ok<{ SkillQueueGroup: { skillQueueIds: string[] } }>(`{ SkillQueueGroup(id: "${id}") { skillQueueIds } }`)).SkillQueueGroup.skillQueueIds.sort();
const refusal = (res: GraphQLResponse<unknown>) => {
  const fields = (res.errors?.[0]?.extensions?.fields as Record<string, string> | undefined) ?? {};
  return [code(res), Object.keys(fields), Object.values(fields)[0]];
};

beforeAll(async () => {
  t = await startTestApp();
  const tenant = await createTestTenant(t.orm, 'agents-qc');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await admin.ok('mutation { updateMyTenant(quotaAudioAgents: 100, quotaVideoAgents: 100, quotaMultimediaAgents: 100, quotaVersatileAgents: 100) { id } }');
});
afterAll(() => t?.close());

describe("a queue's type change", () => {
  // [agent type, its queues' types (the first one changes), the new type, refused on `type` with this rule, or accepted]
  const TABLE: [string, string[], string, RegExp | null][] = [
    ['AUDIO', ['VOICE', 'VOICE'], 'VIDEO', null],
    ['AUDIO', ['VOICE', 'VOICE'], 'MULTIMEDIA', /share one media class/],
    ['VERSATILE', ['VOICE', 'VOICE'], 'MULTIMEDIA', null],
    ['MULTIMEDIA', ['MULTIMEDIA', 'MULTIMEDIA'], 'VOICE_CLICK_TO_DIAL', null],
    ['MULTIMEDIA', ['MULTIMEDIA', 'VOICE_CLICK_TO_DIAL'], 'VIDEO_CLICK_TO_DIAL', /Click-to-dial skill queues accompany multimedia/],
    ['MULTIMEDIA', ['MULTIMEDIA'], 'VOICE', null],
    ['VERSATILE', ['MULTIMEDIA', 'VOICE_CLICK_TO_DIAL'], 'VOICE', /Click-to-dial skill queues accompany multimedia/],
    ['VERSATILE', ['MULTIMEDIA', 'MULTIMEDIA', 'VOICE_CLICK_TO_DIAL'], 'VOICE', null],
  ];
  it.each(TABLE)('%s agent with %j: %s is %s', async (type, types, newType, rule) => {
    const queues = [];
    for (const qt of types) queues.push(await queue(qt));
    const agentId = await agent(type, { queues });
    const res = await setType(queues[0]!, newType);
    if (!rule) {
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(await typeOf(queues[0]!)).toBe(newType);
      return;
    }
    const [c, fields, message] = refusal(res);
    expect([c, fields]).toEqual(['BAD_USER_INPUT', ['type']]);
    expect(message).toMatch(rule);
    expect(message).toContain(`1 agent would break its skill rules (agent id ${agentId})`);
    expect(await typeOf(queues[0]!)).toBe(types[0]);
  });

  it('WebRTC agents keep a voice-related queue: the last one turning MULTIMEDIA is refused for them', async () => {
    const q = await queue('VOICE');
    await agent('VERSATILE', { queues: [q], webrtc: true });
    const [c, fields, message] = refusal(await setType(q, 'MULTIMEDIA'));
    expect([c, fields]).toEqual(['BAD_USER_INPUT', ['type']]);
    expect(message).toMatch(/WebRTC needs at least one voice-related skill queue/);
    expect((await setType(q, 'VIDEO')).errors).toBeUndefined();
  });

  it('counts every agent it would break and names those in the caller’s scope, the others counted', async () => {
    const north = await createOu(admin, 'QC North');
    const hidden = await createOu(admin, 'QC Hidden');
    const q = await queue('VOICE', north);
    const other = await queue('VOICE');
    const a = await agent('AUDIO', { queues: [q, other], ou: north });
    const b = await agent('AUDIO', { queues: [other, q], ou: north });
    await agent('AUDIO', { queues: [q, other], ou: hidden });
    await agent('VERSATILE', { queues: [q, other], ou: north });
    const role = await createRole(admin, ['skill-queues', 'skill-queues:view', 'skill-queues:edit']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: true }] })).client;
    const [c, fields, message] = refusal(await setType(q, 'MULTIMEDIA', editor));
    expect([c, fields]).toEqual(['BAD_USER_INPUT', ['type']]);
    expect(message).toContain(`3 agents would break their skill rules (agent ids ${a}, ${b}; 1 outside your scope)`);
    expect(await typeOf(q)).toBe('VOICE');
  });
});

describe("a group's queues change", () => {
  it('refuses taking out the last MULTIMEDIA queue beside click-to-dial ones, or the last voice-related one of WebRTC agents; accepts the rest', async () => {
    const mm = await queue('MULTIMEDIA');
    const mm2 = await queue('MULTIMEDIA');
    const ctd = await queue('VOICE_CLICK_TO_DIAL');
    const g = await group('MULTIMEDIA', [mm, mm2, ctd]);
    const agentId = await agent('MULTIMEDIA', { group: g });
    // One MULTIMEDIA queue left beside the click-to-dial one: fine.
    expect((await setMembers(g, [mm, ctd])).errors).toBeUndefined();
    const before = await membersOf(g);
    const [c, fields, message] = refusal(await setMembers(g, [ctd]));
    expect([c, fields]).toEqual(['BAD_USER_INPUT', ['skillQueueIds']]);
    expect(message).toContain(`1 agent would break its skill rules (agent id ${agentId})`);
    expect(message).toMatch(/Click-to-dial skill queues accompany multimedia/);
    expect(await membersOf(g)).toEqual(before);

    const webrtc = await group('MULTIMEDIA', [mm, ctd]);
    const w = await agent('MULTIMEDIA', { group: webrtc, webrtc: true });
    const [c2, fields2, message2] = refusal(await setMembers(webrtc, [mm]));
    expect([c2, fields2]).toEqual(['BAD_USER_INPUT', ['skillQueueIds']]);
    expect(message2).toContain(`agent id ${w}`);
    expect(message2).toMatch(/WebRTC needs at least one voice-related/);
    // Without agents, any membership of the class goes.
    const empty = await group('MULTIMEDIA', [mm, ctd]);
    expect((await setMembers(empty, [ctd])).errors).toBeUndefined();
  });

  it('an agent already breaking a rule does not block a change that breaks nothing new', async () => {
    const ctd = await queue('VOICE_CLICK_TO_DIAL');
    const mm = await queue('MULTIMEDIA');
    const g = await group('MULTIMEDIA', [mm, ctd]);
    await agent('MULTIMEDIA', { group: g });
    // Made invalid behind the rules' back (as data from before them could be).
    await t.db().getConnection().execute('delete from skill_queue_group_member where group_id = ? and skill_queue_id = ?', [g, mm]);
    const other = await queue('VIDEO_CLICK_TO_DIAL');
    expect((await setMembers(g, [ctd, other])).errors).toBeUndefined();
  });
});
