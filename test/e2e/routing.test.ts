import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { STEP_TIMEOUT, expectText, failureShot, pick, settled, signIn, startHarness, tableRecords, type Harness, type Recorded } from './browser';

/**
 * The routing pages as a tenant admin (issue 10, item 8): conditional fields declared on the
 * server (`shownWhen`), pickers narrowed by the form (`filterBy`), nested inputs (handlers, work-time
 * segments and exceptions) with server errors under the nested input, and the queue page's call
 * simulator. Build first: `npm run build -w admin`.
 */

let h: Harness;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let api: GraphQLClient;
let admin: Recorded;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'routing');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  // Queues of two types: the handler picker of a multimedia queue offers only the multimedia one.
  for (const [name, type] of [
    ['Voice desk', 'VOICE'],
    ['Chat overflow', 'MULTIMEDIA'],
  ] as const) {
    const { createSkillQueue } = await api.ok<{ createSkillQueue: { id: string } }>(
      'mutation($n: String, $t: RoutingMediaType) { createSkillQueue(name: $n, type: $t) { id } }',
      { n: name, t: type },
    );
    ids[name] = createSkillQueue.id;
  }
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `routing-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** A list input (react-admin's ArrayInput) by its source, e.g. `workTime.workdaySegments`. */
const list = (source: string) => `[class~="ra-input-${source}"]`;

/** Picks an option of a select input (MUI's listbox). */
async function choose(label: string, option: string, scope = admin.page.locator('form')) {
  // MUI names a select by its label and its value ("Type Voice").
  await scope.getByRole('combobox', { name: new RegExp(`^${label}( |$)`) }).click();
  await admin.page.getByRole('option', { name: option, exact: true }).click();
}

describe('routing pages', () => {
  it('creates a multimedia queue: subtypes only for MULTIMEDIA, prompts only for VOICE and VIDEO, handler targets of its type', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const { page } = admin;
    await page.goto(h.url('/SkillQueue/create'));
    const form = page.locator('form');
    await form.getByLabel('Name').fill('Web chat');
    await choose('Type', 'Multimedia');
    await form.getByLabel('Subtypes').waitFor();
    expect(await form.getByLabel('Queuing method').count()).toBe(0);
    expect(await form.getByLabel('Hold method').count()).toBe(0);

    await choose('Type', 'Voice');
    await form.getByLabel('Queuing method').waitFor();
    await form.getByLabel('Answer type').waitFor();
    expect(await form.getByLabel('Subtypes').count()).toBe(0);
    // A prompt id only with its method.
    expect(await form.getByLabel('Queuing prompt').count()).toBe(0);

    await choose('Type', 'Multimedia');
    await form.getByLabel('Subtypes').waitFor();
    expect(await form.getByLabel('Queuing method').count()).toBe(0);

    // The busy handler: its target fields only for TRANSFER, and only queues of the same type offered.
    const busy = form.getByRole('group', { name: 'On busy' });
    expect(await busy.getByLabel('Skill queue').count()).toBe(0);
    await choose('Action', 'Transfer', busy);
    await choose('Target type', 'Skill Queue', busy);
    const target = busy.getByLabel('Skill queue', { exact: true });
    await target.click();
    await expect.poll(async () => (await page.getByRole('option').allInnerTexts()).map((o) => o.trim())).toEqual(['Chat overflow']);
    await page.getByRole('option', { name: 'Chat overflow' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/SkillQueue$/);
    const created = admin.requests.filter((r) => r.name === 'createSkillQueue').at(-1)!.variables;
    expect(created.onBusy).toMatchObject({ action: 'TRANSFER', targetType: 'SKILL_QUEUE', skillQueueId: ids['Chat overflow'] });
    // Hidden inputs are not sent: a multimedia queue gets no prompt settings.
    expect(created).not.toHaveProperty('queuingMethod');
    const { allSkillQueues } = await api.ok<{ allSkillQueues: { id: string; onBusy: { skillQueueId: string } }[] }>(
      '{ allSkillQueues(filter: { q: "Web chat" }) { id onBusy { skillQueueId } } }',
    );
    expect(allSkillQueues[0]!.onBusy.skillQueueId).toBe(ids['Chat overflow']);
    ids['Web chat'] = allSkillQueues[0]!.id;
    await settled(page);
  });

  it('edits the queue: handlers sent back as inputs, without __typename or read-only fields', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url(`/SkillQueue/${ids['Web chat']}`));
    const form = page.locator('form');
    const timeout = form.getByRole('group', { name: 'On timeout' });
    await timeout.getByRole('combobox', { name: /^Action/ }).waitFor();
    await form.getByLabel('Description').fill('Chats from the web page');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => admin.ops('updateSkillQueue').length).toBe(1);
    const sent = admin.requests.filter((r) => r.name === 'updateSkillQueue').at(-1)!.variables;
    // As loaded, less what the form hides (ivrId of a queue target, the values of unset busy rules).
    expect(sent.onBusy).toEqual({
      action: 'TRANSFER',
      targetType: 'SKILL_QUEUE',
      skillQueueId: ids['Chat overflow'],
      queueUsageThreshold: null,
      busyCondition: null,
      maxQueuedMode: null,
    });
    expect(JSON.stringify(sent)).not.toContain('__typename');
    await page.waitForURL(/#\/SkillQueue\/[^/]+\/show$|#\/SkillQueue$/);
    await settled(page);
  });

  it('creates an access code and a called route to the queue: only queues of the code’s media type, the IVR only for IVR routes', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const { page } = admin;
    await page.goto(h.url('/AccessCode/create'));
    let form = page.locator('form');
    await form.getByLabel('Code').fill('4000');
    await choose('Media type', 'Multimedia');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/AccessCode(\/[^/]+\/show)?$/);
    await settled(page);

    await page.goto(h.url('/CalledRoute/create'));
    form = page.locator('form');
    await pick(page, form.getByLabel('Access code'), '4000');
    await form.getByLabel('Extension code').fill('1');
    expect(await form.getByLabel('Skill queue').count()).toBe(0);
    await choose('Device type', 'IVR');
    await form.getByLabel('IVR', { exact: true }).waitFor();
    expect(await form.getByLabel('Skill queue').count()).toBe(0);
    await choose('Device type', 'Skill Queue');
    expect(await form.getByLabel('IVR', { exact: true }).count()).toBe(0);
    const queue = form.getByLabel('Skill queue');
    await queue.click();
    // The access code is MULTIMEDIA: the voice queue is not offered.
    await expect.poll(async () => (await page.getByRole('option').allInnerTexts()).map((o) => o.trim())).toEqual(['Chat overflow', 'Web chat']);
    await page.getByRole('option', { name: 'Web chat' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/CalledRoute(\/[^/]+\/show)?$/);
    const { allCalledRoutes } = await api.ok<{ allCalledRoutes: { id: string; dialledNumber: string; skillQueueId: string }[] }>(
      '{ allCalledRoutes { id dialledNumber skillQueueId } }',
    );
    expect(allCalledRoutes).toEqual([{ id: expect.any(String), dialledNumber: '40001', skillQueueId: ids['Web chat'] }]);
    ids.route = allCalledRoutes[0]!.id;
    await settled(page);
  });

  it('creates a web channel with two work-time segments and a holiday; a third, overlapping segment is refused under it', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const { page } = admin;
    await page.goto(h.url('/WebChannel/create'));
    const form = page.locator('form');
    await form.getByLabel('Channel code').fill('support');
    await pick(page, form.getByLabel('Called route'), '40001');
    // Option fields only while their option is on.
    expect(await form.getByLabel('Chatbot name').count()).toBe(0);
    // A switch starting where the server's default puts it (off).
    const chatbot = form.getByLabel('Chatbot enabled');
    expect(await chatbot.isChecked()).toBe(false);
    await chatbot.check();
    await form.getByLabel('Chatbot name').waitFor();
    await chatbot.uncheck();
    expect(await form.getByLabel('Chatbot name').count()).toBe(0);

    const workTime = form.getByRole('group', { name: 'Work time' });
    await workTime.getByLabel('Time zone').fill('Europe/Berlin');
    const workday = workTime.locator(list('workTime.workdaySegments'));
    const addSegment = workday.getByRole('button', { name: 'Add' });
    const segment = (i: number) => workday.locator('li').nth(i);
    await addSegment.click();
    await segment(0).getByLabel('Start').fill('09:00');
    await segment(0).getByLabel('End').fill('12:00');
    await addSegment.click();
    await segment(1).getByLabel('Start').fill('13:00');
    await segment(1).getByLabel('End').fill('18:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/WebChannel(\/[^/]+\/show)?$/);
    const { allWebChannels } = await api.ok<{ allWebChannels: { id: string; workTime: Record<string, unknown> }[] }>(
      '{ allWebChannels { id workTime { timeZone workdaySegments { start end } } } }',
    );
    expect(allWebChannels[0]!.workTime).toEqual({
      timeZone: 'Europe/Berlin',
      workdaySegments: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
    });
    ids.channel = allWebChannels[0]!.id;
    await settled(page);

    // The holiday: a record of its own, on its generated page.
    await page.goto(h.url('/WorkTimeException/create'));
    const holiday = page.locator('form');
    await pick(page, holiday.getByLabel('Web channel'), 'support');
    await holiday.getByLabel('Date').fill('2026-12-25');
    await holiday.getByLabel('Note').fill('Christmas');
    // Special hours ask for segments; a holiday is closed all day: none asked for. Not closed by default.
    const closed = holiday.getByLabel('Closed');
    expect(await closed.isChecked()).toBe(false);
    const holidaySegments = holiday.locator(list('segments'));
    await holidaySegments.waitFor();
    await closed.check();
    await expect.poll(() => holidaySegments.count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/WorkTimeException(\/[^/]+\/show)?$/);
    const { allWorkTimeExceptions } = await api.ok<{ allWorkTimeExceptions: Record<string, unknown>[] }>(
      '{ allWorkTimeExceptions { channelId date closed note segments { start } } }',
    );
    expect(allWorkTimeExceptions).toEqual([{ channelId: ids.channel, date: '2026-12-25', closed: true, note: 'Christmas', segments: [] }]);
    await settled(page);

    // The edit form: a third segment overlapping the second, refused by the server under the third.
    await page.goto(h.url(`/WebChannel/${ids.channel}`));
    const edit = page.locator('form').getByRole('group', { name: 'Work time' }).locator(list('workTime.workdaySegments'));
    await edit.locator('li').nth(1).getByLabel('Start').waitFor();
    await edit.getByRole('button', { name: 'Add' }).click();
    const third = edit.locator('li').nth(2);
    await third.getByLabel('Start').fill('17:00');
    await third.getByLabel('End').fill('20:00');
    await page.getByRole('button', { name: 'Save' }).click();
    // Under the third segment's start (its path: workTime.workdaySegments.2.start), not under the others.
    await third.getByText('Overlaps the segment 13:00–18:00').waitFor();
    expect(
      await edit
        .locator('li')
        .nth(1)
        .getByText(/Overlaps/)
        .count(),
    ).toBe(0);
    const sent = admin.requests.filter((r) => r.name === 'updateWebChannel').at(-1)!.variables;
    expect(JSON.stringify(sent)).not.toContain('__typename');
    // Nothing was written.
    const { WebChannel } = await api.ok<{ WebChannel: { workTime: { workdaySegments: unknown[] } } }>(
      `{ WebChannel(id: "${ids.channel}") { workTime { workdaySegments { start } } } }`,
    );
    expect(WebChannel.workTime.workdaySegments).toHaveLength(2);
  });

  it('runs the simulator from the queue page and shows its steps', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url(`/SkillQueue/${ids['Web chat']}/show`));
    // The live load.
    await expectText(page.locator('.ra-field-deviceUsage'), /\d/);
    await page.locator('.ra-field-effectiveWrapUpSeconds').waitFor();
    const panel = page.getByRole('region', { name: 'What happens to a call now?' });
    await choose('Called route', '40001', panel);
    // A Wednesday at 10:00 in the browser's zone (UTC): 11:00 in Berlin, inside the channel's 09:00–12:00.
    await panel.getByLabel('At (default now)').fill('2026-12-02T10:00');
    await panel.getByLabel('Assume signed-in agents').fill('4');
    await panel.getByLabel('Assume busy agents').fill('1');
    await panel.getByRole('button', { name: 'Simulate' }).click();
    const steps = panel.getByRole('table', { name: 'Simulated call steps' });
    await steps.waitFor();
    const rows = await tableRecords(page, steps);
    expect(rows[0]).toMatchObject({ Step: 'Route', Record: '40001' });
    expect(rows.map((r) => r.Step)).toContain('Queue');
    expect(admin.requests.filter((r) => r.name === 'simulateCall').at(-1)!.variables).toEqual({
      dialledNumber: '40001',
      at: '2026-12-02T10:00:00.000Z',
      assume: { signedIn: 4, busy: 1 },
    });
    await expectText(panel.getByText(/^Outcome:/), /^Outcome: /);
  });
});
