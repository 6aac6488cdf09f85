import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';
import { countStatements } from '../support/statements';

/**
 * Issue 10, item 7: simulateCall walks the configuration as a call would — the route for the
 * number, the channel's work time, the queue's load (live or assumed) and the handler that
 * applies, following transfers — each step with its rule and numbers; a record outside the
 * caller's scope ends the walk as a hidden step; a bounded number of statements.
 */
let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let north: string;
let south: string;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'simulate');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  north = await createOu(admin, 'North');
  south = await createOu(admin, 'South');
});
afterAll(() => t?.close());

let serial = 0;
const next = () => ++serial;
async function make(kind: string, args: string, client = admin): Promise<string> {
  const res = await client.ok<Record<string, { id: string }>>(`mutation { create${kind}(${args}) { id } }`);
  return res[`create${kind}`]!.id;
}
const queue = (args = '', type = 'VOICE') => make('SkillQueue', `name: "Q${next()}", type: ${type}${args ? `, ${args}` : ''}`);
/** A number routed to `target` (a queue or an IVR) through a new access code; returns the dialled number. */
async function numberFor(target: { queue?: string; ivr?: string }, mediaType = 'VOICE', ou: string | null = null): Promise<string> {
  const digits = `4${String(next()).padStart(6, '0')}`;
  const accessCode = await make('AccessCode', `code: "${digits}", mediaType: ${mediaType}`);
  const device = target.queue ? `deviceType: SKILL_QUEUE, skillQueueId: "${target.queue}"` : `deviceType: IVR, ivrId: "${target.ivr}"`;
  await make('CalledRoute', `accessCodeId: "${accessCode}", ${device}${ou ? `, ouId: "${ou}"` : ''}`);
  return digits;
}

type Step = { kind: string; hidden: boolean; recordId: string | null; name: string | null; rule: string; numbers: { name: string; value: number }[] };
type Simulation = { outcome: string; steps: Step[] };
const SIMULATE = `query($n: String!, $at: DateTimeISO, $assume: AssumedLoadInput) {
  simulateCall(dialledNumber: $n, at: $at, assume: $assume) { outcome steps { kind hidden recordId name rule numbers { name value } } } }`;
async function run(n: string, vars: Record<string, unknown> = {}, client = admin): Promise<Simulation> {
  return (await client.ok<{ simulateCall: Simulation }>(SIMULATE, { n, ...vars })).simulateCall;
}
const kinds = (s: Simulation) => s.steps.map((x) => x.kind);
const number = (step: Step, name: string) => step.numbers.find((n) => n.name === name)?.value;

describe('simulateCall', () => {
  it('says so when no called route dials the number', async () => {
    expect(await run('0000000000')).toMatchObject({ outcome: 'NO_ROUTE', steps: [{ kind: 'ROUTE', rule: 'No called route dials 0000000000' }] });
  });

  it('ends at the IVR of an IVR route', async () => {
    const ivr = await make('Ivr', `name: "Menu ${next()}", accessCode: "${next()}", mediaType: VOICE`);
    const s = await run(await numberFor({ ivr }));
    expect(s.outcome).toBe('IVR');
    expect(kinds(s)).toEqual(['ROUTE', 'IVR']);
    expect(s.steps[1]!.recordId).toBe(ivr);
  });

  it('with nobody signed in (live: no agents yet), onNoAgent applies: released, or transferred to its IVR', async () => {
    expect(await run(await numberFor({ queue: await queue() }))).toMatchObject({
      outcome: 'RELEASED',
      steps: [
        { kind: 'ROUTE' },
        { kind: 'QUEUE' },
        { kind: 'HANDLER', rule: 'No agent is signed in: onNoAgent applies' },
        { kind: 'HANDLER', rule: 'onNoAgent releases the call' },
      ],
    });
    const ivr = await make('Ivr', `name: "Night ${next()}", accessCode: "${next()}", mediaType: VOICE`);
    const s = await run(await numberFor({ queue: await queue(`onNoAgent: { action: TRANSFER, ivrId: "${ivr}" }`) }));
    expect(s.outcome).toBe('IVR');
    expect(s.steps.at(-1)).toMatchObject({ kind: 'IVR', recordId: ivr });
  });

  it('with idle agents and room, the call waits up to maxWaitSeconds, then onTimeout', async () => {
    const n = await numberFor({ queue: await queue('maxWaitSeconds: 45') });
    const s = await run(n, { assume: { signedIn: 5, busy: 2, queuedCalls: 3 } });
    expect(s.outcome).toBe('QUEUED');
    expect(kinds(s)).toEqual(['ROUTE', 'QUEUE', 'WAIT']);
    const q = s.steps[1]!;
    // 2/5 × 70 + 3/100 × 30
    expect(number(q, 'deviceUsage')).toBe(28.9);
    expect(s.steps[2]!.rule).toBe('Waits up to 45 s for one of 3 idle agents; then onTimeout: released');
  });

  it('a full queue applies onBusy, and a transfer is followed into the next queue', async () => {
    const overflow = await queue();
    const n = await numberFor({ queue: await queue(`maxQueuedCalls: 10, onBusy: { action: TRANSFER, skillQueueId: "${overflow}" }`) });
    const s = await run(n, { assume: { signedIn: 2, busy: 2, queuedCalls: 10 } });
    expect(s.steps[2]).toMatchObject({ kind: 'HANDLER', rule: 'The queue is full (10 of 10): onBusy applies' });
    expect(s.steps[4]).toMatchObject({ kind: 'QUEUE', recordId: overflow });
    // The overflow queue has its live load: nobody signed in.
    expect(s.outcome).toBe('RELEASED');
    expect(s.steps.at(-2)!.rule).toBe('No agent is signed in: onNoAgent applies');
  });

  it('a device usage busy condition applies onBusy when reached', async () => {
    const n = await numberFor({ queue: await queue('onBusy: { busyCondition: DEVICE_USAGE, busyConditionValue: 80 }') });
    // 10/10 × 70 + 50/100 × 30 = 85
    const busy = await run(n, { assume: { signedIn: 10, busy: 10, queuedCalls: 50 } });
    expect(busy.steps[2]!.rule).toBe('Device usage 85% reaches the busy condition (80%): onBusy applies');
    const calm = await run(n, { assume: { signedIn: 10, busy: 5, queuedCalls: 50 } });
    expect(calm.outcome).toBe('QUEUED');
  });

  it('a PERCENT_OF_SIGNED_IN max queued value counts places from the agents signed in', async () => {
    const n = await numberFor({ queue: await queue('onBusy: { maxQueuedMode: PERCENT_OF_SIGNED_IN, maxQueuedValue: 150 }') });
    // ⌈150/100 × 3⌉ = 5 places
    const s = await run(n, { assume: { signedIn: 3, busy: 0, queuedCalls: 5 } });
    expect(number(s.steps[1]!, 'maxQueuedCalls')).toBe(5);
    expect(s.steps[2]!.rule).toBe('The queue is full (5 of 5): onBusy applies');
  });

  it('a transfer under a queue usage threshold is released when the target would reach it', async () => {
    const target = await queue();
    const n = await numberFor({ queue: await queue(`maxQueuedCalls: 1, onBusy: { action: TRANSFER, skillQueueId: "${target}", queueUsageThreshold: 50 }`) });
    const s = await run(n, { assume: { signedIn: 1, busy: 1, queuedCalls: 1 } });
    expect(s.outcome).toBe('RELEASED');
    expect(s.steps.at(-1)).toMatchObject({ kind: 'HANDLER' });
    expect(s.steps.at(-1)!.rule).toMatch(/would be at 70.3% with the call, not below the threshold \(50%\): released/);
    // Nobody signed in counts as full (70%), plus 1 of 100 places (0.3%).
    expect(number(s.steps.at(-1)!, 'targetUsageAfter')).toBe(70.3);
  });

  it("reads the web channel's work time at the instant: closed ends the call there, with its notice", async () => {
    const q = await queue('', 'MULTIMEDIA');
    const n = await numberFor({ queue: q }, 'MULTIMEDIA');
    const route = (await admin.ok<{ allCalledRoutes: { id: string }[] }>(`{ allCalledRoutes(filter: { q: "${n}" }) { id } }`)).allCalledRoutes[0]!.id;
    await make(
      'WebChannel',
      `channelCode: "sim_${next()}", calledRouteId: "${route}", workTime: { timeZone: "America/New_York", nonWorkingTimeNotice: "Back at nine" }`,
    );
    // Tuesday 2026-12-22, 08:00 in New York (13:00 UTC): before the 09:00–18:00 segment.
    const closed = await run(n, { at: '2026-12-22T13:00:00Z' });
    expect(closed.outcome).toBe('CLOSED');
    expect(closed.steps[1]).toMatchObject({ kind: 'WORK_TIME' });
    expect(closed.steps[1]!.rule).toMatch(/^Closed at 2026-12-22T08:00:00-05:00 \(America\/New_York\): OUTSIDE_SEGMENTS.*"Back at nine"/);
    const open = await run(n, { at: '2026-12-22T15:00:00Z', assume: { signedIn: 1, busy: 0, queuedCalls: 0 } });
    expect(open.outcome).toBe('QUEUED');
    expect(open.steps[1]!.rule).toMatch(/^Open at .*WORKDAY_SEGMENT 09:00–18:00/);
  });

  it("reports a step through a record outside the caller's scope as hidden, and nothing past it", async () => {
    const southQueue = await make('SkillQueue', `name: "South ${next()}", type: VOICE, ouId: "${south}"`);
    const n = await numberFor({ queue: southQueue }, 'VOICE', north);
    const role = await createRole(admin, ['called-routes', 'called-routes:view', 'skill-queues', 'skill-queues:view']);
    const editor = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: false }] })).client;
    const s = await run(n, {}, editor);
    expect(s.outcome).toBe('HIDDEN');
    expect(s.steps).toEqual([
      expect.objectContaining({ kind: 'ROUTE', hidden: false }),
      { kind: 'QUEUE', hidden: true, recordId: null, name: null, rule: 'Outside your scope: the rest of the path is not shown', numbers: [] },
    ]);
    expect(JSON.stringify(s)).not.toContain(southQueue);
    // A route in South itself is hidden from the first step.
    const hiddenRoute = await numberFor({ queue: southQueue }, 'VOICE', south);
    expect((await run(hiddenRoute, {}, editor)).steps).toEqual([expect.objectContaining({ kind: 'ROUTE', hidden: true, recordId: null })]);
  });

  it('needs the called routes page', async () => {
    const role = await createRole(admin, ['skill-queues', 'skill-queues:view']);
    const other = (await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: north, canRead: true, canWrite: false }] })).client;
    expect(code(await other.request(SIMULATE, { n: '123' }))).toBe('FORBIDDEN');
  });

  it.each([
    ['letters', { n: '12a' }, 'dialledNumber'],
    ['empty', { n: '' }, 'dialledNumber'],
    ['33 digits', { n: '1'.repeat(33) }, 'dialledNumber'],
    ['more busy than signed in', { n: '123', assume: { signedIn: 1, busy: 2 } }, 'busy'],
    ['negative calls', { n: '123', assume: { queuedCalls: -1 } }, 'queuedCalls'],
  ])('refuses %s, naming the field', async (_label, vars, field) => {
    const res = await admin.request(SIMULATE, vars);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors![0]!.extensions!.fields as object)).toEqual([field]);
  });

  it('costs the same statements for a chain of 2 queues as for a chain of 8', async () => {
    const chain = async (length: number) => {
      let target = await queue();
      // Nobody is signed in anywhere (no agents yet): each queue's onNoAgent hands the call on.
      for (let i = 1; i < length; i++) target = await queue(`onNoAgent: { action: TRANSFER, skillQueueId: "${target}" }`);
      return numberFor({ queue: target });
    };
    const [short, long] = [await chain(2), await chain(8)];
    const a = await countStatements(t, () => run(short));
    const b = await countStatements(t, () => run(long));
    expect(b.result.steps.filter((s) => s.kind === 'QUEUE')).toHaveLength(8);
    expect(b.statements.length).toBe(a.statements.length);
    expect(b.statements.length).toBeLessThanOrEqual(12);
  });
});
