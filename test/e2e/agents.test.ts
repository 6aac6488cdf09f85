import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo } from '../../api/src/db/seed/demo';
import type { GraphQLClient } from '../support/graphql';
import { STEP_TIMEOUT, expectText, failureShot, helperTextOf, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * The agents' console (issue 11, item 6) on the demo tenant: the personal center of a demo agent
 * (greetings with the server's overlap error, a parameter edited and synchronized), the batch
 * configuration of an agent-id range by the demo admin (preview, then apply, with the per-agent
 * report), and axe-core on the agent list and the personal center. Build first: `npm run build`.
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const VOICE_AGENT = 'demo.agent.voice';

let h: Harness;
let agentApi: GraphQLClient;
let adminApi: GraphQLClient;
let agent: Recorded;
let admin: Recorded;

beforeAll(async () => {
  h = await startHarness();
  await seedDemo(h.t.orm);
  agentApi = await h.t.loginAs(VOICE_AGENT, DEMO.password);
  adminApi = await h.t.loginAs(DEMO.adminAccount, DEMO.password);
  // The demo tenant outlives a run: start from no greetings and synchronized default parameters.
  await agentApi.ok('mutation { updateMySettings(greetings: []) { settings { avatar } } }');
  const { myAgent } = await agentApi.ok<{ myAgent: { agent: { id: string } } }>('{ myAgent { agent { id } } }');
  await agentApi.ok('mutation($a: ID!) { resetAgentParameters(agentId: $a) { agentId } }', { a: myAgent.agent.id });
  await agentApi.ok('mutation($a: ID!) { syncAgentParameters(agentId: $a) { agentId } }', { a: myAgent.agent.id });
  await adminApi.ok('mutation { configureAgents(selection: { fromAgentId: 1001, toAgentId: 1004 }, changes: { anonymizationFlag: false }) { applied } }');
  // axe-core is injected as a script: the console's CSP allows only its own scripts.
  agent = await h.newPage({ bypassCSP: true });
  admin = await h.newPage({ bypassCSP: true });
  await signIn(agent.page, h.url(), VOICE_AGENT, DEMO.password);
  await signIn(admin.page, h.url(), DEMO.adminAccount, DEMO.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(agent?.page, `agents-agent-${ctx.task.name}`);
  await failureShot(admin?.page, `agents-admin-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/** axe-core's serious and critical violations on the page as it is (see console-a11y.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; html: string }[] }[] }> };
      }
    ).axe;
    return (await axe.run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
  });
}

/** Fills one greeting row of the settings form. */
async function greeting(form: Locator, row: number, start: string, end: string, text: string) {
  await form.locator('.ra-input-greetings').getByRole('button', { name: /^Add / }).click();
  await form.locator(`input[name="greetings.${row}.start"]`).fill(start);
  await form.locator(`input[name="greetings.${row}.end"]`).fill(end);
  await form.locator(`input[name="greetings.${row}.text"]`).fill(text);
}

async function storedGreetings(): Promise<string[]> {
  const { myAgent } = await agentApi.ok<{ myAgent: { settings: { greetings: { start: string; end: string; text: string }[] } } }>(
    '{ myAgent { settings { greetings { start end text } } } }',
  );
  return myAgent.settings.greetings.map((g) => `${g.start}-${g.end} ${g.text}`);
}

describe('the personal center (issue 11, item 6)', () => {
  it('opens from the menu for an agent, with its profile and the effective session limit and its source', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = agent;
    await page.getByRole('menuitem', { name: 'Personal Center' }).click();
    await page.waitForURL(/#\/personal-center$/);
    await expectText(page.getByTestId('pc-account'), VOICE_AGENT);
    await expectText(page.getByTestId('pc-agent-id'), '1001');
    await expectText(page.getByTestId('pc-skill-queues'), /Hotline \(default\)/);
    await expectText(page.getByTestId('effective-maxConcurrentSessions'), /^Effective value: \d+ —\s+(AGENT|OU|TENANT)\s/);
  });

  it('adds two greetings, and shows the server’s overlap error for a third one, storing nothing of it', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = agent;
    const form = page.locator('form').filter({ has: page.locator('.ra-input-greetings') });
    await greeting(form, 0, '08:00', '12:00', 'Good morning');
    await greeting(form, 1, '12:00', '18:00', 'Good afternoon');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(storedGreetings, { timeout: 15_000 }).toEqual(['08:00-12:00 Good morning', '12:00-18:00 Good afternoon']);

    await greeting(form, 2, '10:00', '14:00', 'Hello');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const start = form.locator('input[name="greetings.2.start"]');
    await expect.poll(() => start.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await expectText(await helperTextOf(page, start), /overlap/i);
    expect(await storedGreetings()).toEqual(['08:00-12:00 Good morning', '12:00-18:00 Good afternoon']);
  });

  it('edits a parameter (SAVED) and synchronizes it (SYNCED), told to sign in again', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = agent;
    const state = page.getByTestId('parameter-state-calloutCaller');
    await expectText(state, 'Synced');
    const caller = String(Date.now()).slice(-9);
    await page.getByRole('button', { name: 'Edit callout caller' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit callout caller' });
    await dialog.getByLabel('Callout caller').fill(caller);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectText(state, 'Saved');
    await expectText(page.getByTestId('parameter-value-calloutCaller'), caller);
    await page.getByRole('button', { name: /^Sync/ }).click();
    await expectText(state, 'Synced');
    await expectText(page.getByTestId('parameters-sync-message'), /sign in again/i);

    // A parameter with a closed set of values is picked from them.
    await page.getByRole('button', { name: 'Edit answer mode' }).click();
    const modes = page.getByRole('dialog', { name: 'Edit answer mode' });
    await modes.getByRole('combobox', { name: /^Answer mode/ }).click();
    expect((await page.getByRole('option').allInnerTexts()).map((o) => o.trim())).toEqual(['AUTOMATIC', 'MANUAL', 'TENANT']);
    await page.getByRole('option', { name: 'MANUAL', exact: true }).click();
    await modes.getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByTestId('parameter-value-answerMode'), 'MANUAL');
    await expectText(page.getByTestId('parameter-state-answerMode'), 'Saved');
    await settled(page);
  });

  it('axe-core finds no serious or critical violation on the personal center', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = agent;
    await page.goto(h.url('/personal-center'));
    await page.getByTestId('pc-account').waitFor();
    await page.getByTestId('parameter-state-calloutCaller').waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/** A select of the batch dialog (MUI names it by its label and its value). */
async function choose(scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: new RegExp(`^${label}( |$)`) }).click();
  await admin.page.getByRole('option', { name: option, exact: true }).click();
}

async function voiceAgentId(): Promise<string> {
  const { myAgent } = await agentApi.ok<{ myAgent: { agent: { id: string } } }>('{ myAgent { agent { id } } }');
  return myAgent.agent.id;
}

async function anonymized(): Promise<Record<number, boolean>> {
  const { allAgents } = await adminApi.ok<{ allAgents: { agentId: number; anonymizationFlag: boolean }[] }>(
    '{ allAgents(filter: {}, perPage: 100) { agentId anonymizationFlag } }',
  );
  return Object.fromEntries(allAgents.filter((a) => a.agentId >= 1001 && a.agentId <= 1004).map((a) => [a.agentId, a.anonymizationFlag]));
}

/** The options a picker offers now, once it has some. */
async function offered(page: Page): Promise<string[]> {
  await page.getByRole('option').first().waitFor();
  return (await page.getByRole('option').allInnerTexts()).map((o) => o.trim()).sort();
}

/** A new row of a list input; its first input takes the focus (a picker opens): closed, so a click opens it. */
async function addRow(page: Page, list: Locator) {
  await list.getByRole('button', { name: /^Add / }).click();
  await page.keyboard.press('Escape');
}

describe('the agent form (issue 11, item 6)', () => {
  it('offers the skill queues of the media class of the chosen type, shows the type’s quota use, keeps one default queue', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const { page } = admin;
    const { tenantQuotaUsage } = await adminApi.ok<{ tenantQuotaUsage: { kind: string; used: number; allowed: number }[] }>(
      '{ tenantQuotaUsage { kind used allowed } }',
    );
    const quota = (kind: string) => tenantQuotaUsage.find((q) => q.kind === kind)!;
    await page.goto(h.url('/Agent/create'));
    const form = page.locator('form');
    await choose(form, 'Agent type', 'Multimedia');
    await expectText(form.getByTestId('quota-MULTIMEDIA'), `Multimedia agents: ${quota('MULTIMEDIA').used} of ${quota('MULTIMEDIA').allowed} used`);
    const skills = form.locator('.ra-input-skills');
    await addRow(page, skills);
    const first = skills.getByLabel('Skill queue').first();
    await first.click();
    expect(await offered(page)).toEqual(['Messaging', 'Web chat', 'Web video', 'Web voice']);
    await page.getByRole('option', { name: 'Web chat', exact: true }).click();

    await choose(form, 'Agent type', 'Audio');
    await expectText(form.getByTestId('quota-AUDIO'), `Audio agents: ${quota('AUDIO').used} of ${quota('AUDIO').allowed} used`);
    await addRow(page, skills);
    const second = skills.getByLabel('Skill queue').nth(1);
    await second.click();
    expect(await offered(page)).toEqual(['Hotline', 'Hotline overflow', 'Video desk']);
    await page.keyboard.press('Escape');

    // The default queue: one at a time.
    const defaults = skills.getByLabel('Default', { exact: true });
    await defaults.nth(0).check();
    await defaults.nth(1).check();
    expect([await defaults.nth(0).isChecked(), await defaults.nth(1).isChecked()]).toEqual([false, true]);
  });
});

describe('the batch configuration (issue 11, item 6)', () => {
  it('previews a change over an agent-id range (a refusal with its field and reason, then the applied before/after) and applies it', {
    timeout: STEP_TIMEOUT,
  }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Agent'));
    await page.getByRole('cell', { name: '1001' }).first().waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Batch configure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Batch configuration' });
    await dialog.getByLabel('From agent ID').fill('1001');
    await dialog.getByLabel('To agent ID').fill('1003');
    const changes = dialog.getByRole('group', { name: 'Changes' });
    // Smart form filling needs intelligent recognition, which no demo agent has: every one refused.
    await choose(changes, 'Smart form filling', 'Yes');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const report = dialog.getByTestId('batch-report');
    await expectText(dialog.getByTestId('batch-summary'), /0 would be applied, 0 unchanged, 3 refused/);
    await expectText(report.locator('tr[data-agent-id="1002"]'), /Refused\s+Smart form filling: .+/);
    expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);

    await choose(changes, 'Smart form filling', 'Keep');
    await choose(changes, 'Anonymization flag', 'Yes');
    // The form changed since the preview: it must be previewed again before it may be applied.
    expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expectText(dialog.getByTestId('batch-summary'), /3 would be applied, 0 unchanged, 0 refused/);
    await expectText(report.locator('tr[data-agent-id="1001"]'), /Would apply\s+Anonymization flag: No → Yes/);
    expect(await anonymized()).toEqual({ 1001: false, 1002: false, 1003: false, 1004: false });

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog', { name: 'Apply the batch configuration?' }).getByRole('button', { name: 'Confirm' }).click();
    await expectText(dialog.getByTestId('batch-summary'), /^Done: 3 applied, 0 unchanged, 0 refused/);
    await expectText(report.locator('tr[data-agent-id="1003"]'), /Applied\s+Anonymization flag: No → Yes/);
    expect(await anonymized()).toEqual({ 1001: true, 1002: true, 1003: true, 1004: false });
    const sent = admin.requests.filter((r) => r.name === 'configureAgents').map((r) => r.variables);
    expect(sent.at(-1)).toEqual({ selection: { fromAgentId: 1001, toAgentId: 1003 }, changes: { anonymizationFlag: true }, dryRun: false });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('resets and then synchronizes a parameter of the ticked agents, each previewed first, with the per-agent report', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.goto(h.url('/Agent'));
    await page.getByRole('cell', { name: '1001' }).first().waitFor();
    await settled(page);
    for (const id of ['1001', '1002'])
      await page
        .getByRole('row', { name: new RegExp(`\\b${id}\\b`) })
        .getByRole('checkbox')
        .check();

    // The voice agent's callout caller was set and synchronized above; the video agent's is the default.
    await page.getByRole('button', { name: 'Reset parameters' }).click();
    let dialog = page.getByRole('dialog', { name: 'Reset agent parameters' });
    await expectText(dialog.getByTestId('batch-selection'), '2 selected agents: 1001, 1002');
    await dialog.getByRole('combobox', { name: /^Parameters/ }).click();
    await page.getByRole('option', { name: /^Callout caller$/i }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expectText(dialog.getByTestId('batch-summary'), /1 would be applied, 1 unchanged, 0 refused/);
    await expectText(dialog.locator('tr[data-agent-id="1001"]'), /Would apply\s+Callout caller: value \d+, sync state Synced → value —, sync state Saved/);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog', { name: 'Reset the parameters?' }).getByRole('button', { name: 'Confirm' }).click();
    await expectText(dialog.getByTestId('batch-summary'), /^Done: 1 applied, 1 unchanged, 0 refused/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Sync parameters' }).click();
    dialog = page.getByRole('dialog', { name: 'Synchronize agent parameters' });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expectText(dialog.getByTestId('batch-summary'), /1 would be applied, 1 unchanged, 0 refused/);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog', { name: 'Synchronize the parameters?' }).getByRole('button', { name: 'Confirm' }).click();
    await expectText(dialog.getByTestId('batch-summary'), /^Done: 1 applied, 1 unchanged, 0 refused/);
    await expectText(dialog.locator('tr[data-agent-id="1001"]'), /sign in again/i);
    const { agentParameters } = await agentApi.ok<{ agentParameters: { parameters: { name: string; value: string; syncState: string }[] } }>(
      'query($a: ID!) { agentParameters(agentId: $a) { parameters { name value syncState } } }',
      { a: await voiceAgentId() },
    );
    expect(agentParameters.parameters.find((p) => p.name === 'calloutCaller')).toEqual({ name: 'calloutCaller', value: '', syncState: 'SYNCED' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Unselect' }).click();
  });

  it('axe-core finds no serious or critical violation on the agent list', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    // A fresh load: the page as it opens, without the last test's notification.
    await page.goto(h.url('/Agent'));
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { checked: true }).count()).toBe(0);
    await page.getByRole('cell', { name: '1001' }).first().waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('the pages above', () => {
  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
