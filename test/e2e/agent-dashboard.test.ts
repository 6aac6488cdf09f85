import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole } from '../support/security';
import { STEP_TIMEOUT, docShot, failureShot, seriousViolations, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Issue 12, item 5, the agent dashboard: the home page's live sections — each queue's device
 * usage and queued calls over the last minutes and its numbers now, and the agents' states —
 * follow reports made through the API without a reload, in the viewer's scope; a viewer without
 * the permissions has neither section. Build first: `npm run build`.
 */

let h: Harness;
let api: GraphQLClient;
let admin: Recorded;
let north: Recorded;
let plain: Recorded;
const ids: Record<string, string> = {};
let serial = 0;

/** The queues' and agents' menus with their view operations: what a supervisor watching them has. */
const WATCHER = ['skill-queues', 'skill-queues:view', 'agents', 'agents:view', 'agent-state', 'agent-state:view'];

async function queue(name: string, ouId: string): Promise<string> {
  const { createSkillQueue } = await api.ok<{ createSkillQueue: { id: string } }>(
    'mutation($n: String, $o: ID) { createSkillQueue(name: $n, type: VOICE, ouId: $o) { id } }',
    {
      n: name,
      o: ouId,
    },
  );
  return createSkillQueue.id;
}

/** An agent of an employee of `ouId` (its OU), with the one skill queue. */
async function agent(ouId: string, queueId: string): Promise<{ id: string; agentId: number }> {
  const employee = await createEmployee(h.t, api, { homeOuId: ouId }, 'agent');
  const agentId = 700 + ++serial;
  const { createAgent } = await api.ok<{ createAgent: { id: string } }>(
    `mutation($e: ID, $q: ID!, $n: Int, $p: String) {
       createAgent(agentId: $n, agentType: VERSATILE, softphoneNumber: $p, employeeId: $e, skills: [{ skillQueueId: $q, isDefault: true }]) { id } }`,
    { e: employee.id, q: queueId, n: agentId, p: `77${serial}` },
  );
  return { id: createAgent.id, agentId };
}

const report = (agentId: string, state: string, queues: string[] = []) =>
  api.ok('mutation($a: ID!, $s: AgentStateValue!, $q: [ID!]) { reportAgentState(agentId: $a, state: $s, signedInQueueIds: $q) { id } }', {
    a: agentId,
    s: state,
    q: queues,
  });
const load = (queueId: string, queued: number) =>
  api.ok('mutation($q: ID!, $n: Int!) { reportQueueLoad(queueId: $q, queued: $n) { queued } }', { q: queueId, n: queued });

beforeAll(async () => {
  h = await startHarness();
  const tenant = await createTestTenant(h.t.orm, 'dash');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  await api.ok('mutation { updateMyTenant(quotaVersatileAgents: 100) { id } }');
  ids.north = await createOu(api, 'North');
  ids.south = await createOu(api, 'South');
  ids.northDesk = await queue('North desk', ids.north);
  ids.southDesk = await queue('South desk', ids.south);
  const n = await agent(ids.north, ids.northDesk);
  const s = await agent(ids.south, ids.southDesk);
  ids.northAgent = n.id;
  ids.northAgentNo = String(n.agentId);
  ids.southAgent = s.id;
  ids.southAgentNo = String(s.agentId);

  const watcherRole = await createRole(api, WATCHER, 'Queue watcher');
  const supervisor = await createEmployee(
    h.t,
    api,
    { roleIds: [watcherRole], homeOuId: ids.north, grants: [{ ouId: ids.north, canRead: true, canWrite: false }] },
    'north',
  );
  const customersRole = await createRole(api, ['customer-center', 'customer-center:view'], 'Customers only');
  const reader = await createEmployee(
    h.t,
    api,
    { roleIds: [customersRole], homeOuId: ids.north, grants: [{ ouId: ids.north, canRead: true, canWrite: false }] },
    'plain',
  );

  admin = await h.newPage({ bypassCSP: true });
  north = await h.newPage({ bypassCSP: true });
  plain = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
  await signIn(north.page, h.url(), supervisor.account, supervisor.password);
  await signIn(plain.page, h.url(), reader.account, reader.password);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, r] of [
    ['admin', admin],
    ['north', north],
    ['plain', plain],
  ] as const)
    await failureShot(r?.page, `dashboard-${name}-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

const sections = (page: Page) => page.locator('[data-home-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-home-section')));
const queueRow = (page: Page, id: string) => page.locator(`[data-home-section="queues"] tr[data-queue="${id}"]`);
const agentRow = (page: Page, id: string) => page.locator(`[data-home-section="agents"] tr[data-agent="${id}"]`);
const stat = (page: Page, queueId: string, name: string) => queueRow(page, queueId).locator(`[data-stat="${name}"]`);
/** The line of a queue in one of the charts (by its title), as drawn. */
const line = (page: Page, chart: string, queueName: string) =>
  page.locator(`[data-home-section="queues"] svg[aria-label="${chart}"] path[data-series="${queueName}"]`);

/** Marks the page: a reload would drop the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { dashMark: number }).dashMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { dashMark?: number }).dashMark);

describe('agent dashboard', () => {
  it('shows the queues and agents, and follows state and load reports without a reload (tenant admin)', { timeout: STEP_TIMEOUT * 2 }, async () => {
    const { page } = admin;
    await page.waitForURL((u) => u.hash === '#/');
    await expect.poll(() => sections(page)).toEqual(expect.arrayContaining(['counts', 'queues', 'agents']));
    await queueRow(page, ids.northDesk).waitFor();
    await expect.poll(() => stat(page, ids.northDesk, 'signedIn').textContent()).toBe('0');
    await expect.poll(() => agentRow(page, ids.northAgent).locator('[data-cell="state"]').textContent()).toBe('Signed Out');
    await expect.poll(() => agentRow(page, ids.northAgent).locator('th').textContent()).toBe(ids.northAgentNo);
    // Nothing reported yet: a flat line (one move, then straight on to now).
    const flat = await line(page, 'Queued calls', 'North desk').getAttribute('d');
    expect(flat).toMatch(/^M[\d.]+,[\d.]+ H[\d.]+$/);
    await mark(page);

    await report(ids.northAgent, 'IDLE', [ids.northDesk]);
    const row = agentRow(page, ids.northAgent);
    await expect.poll(() => row.locator('[data-cell="state"]').textContent(), { timeout: 15_000 }).toBe('Idle');
    await expect.poll(() => row.locator('[data-cell="queues"]').textContent()).toBe('North desk');
    expect(await row.locator('[data-cell="since"]').textContent()).toMatch(/\d{1,2}:\d{2}/);
    await expect.poll(() => stat(page, ids.northDesk, 'signedIn').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await stat(page, ids.northDesk, 'idle').textContent()).toBe('1');

    await load(ids.northDesk, 3);
    await expect.poll(() => stat(page, ids.northDesk, 'queued').textContent(), { timeout: 15_000 }).toBe('3');
    // The queued-calls line steps up where the report came in; the usage line likewise.
    await expect.poll(() => line(page, 'Queued calls', 'North desk').getAttribute('d')).toContain('V');
    const usageBefore = await stat(page, ids.northDesk, 'deviceUsage').textContent();

    await report(ids.northAgent, 'BUSY', [ids.northDesk]);
    await expect.poll(() => row.locator('[data-cell="state"]').textContent(), { timeout: 15_000 }).toBe('Busy');
    await expect.poll(() => stat(page, ids.northDesk, 'busy').textContent(), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => stat(page, ids.northDesk, 'deviceUsage').textContent()).not.toBe(usageBefore);
    await expect.poll(() => line(page, 'Device usage', 'North desk').getAttribute('d')).toContain('V');
    // The other OU's queue and agent are there too, for the tenant admin.
    await queueRow(page, ids.southDesk).waitFor();
    await agentRow(page, ids.southAgent).waitFor();
    expect(await marked(page)).toBe(1);

    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await docShot(page, 'home-dashboard.png');
  });

  it('as a North supervisor: only the North queue and agent, live', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = north;
    await page.waitForURL((u) => u.hash === '#/');
    await queueRow(page, ids.northDesk).waitFor();
    await agentRow(page, ids.northAgent).waitFor();
    await mark(page);
    // A South report, then a North one: once the North one shows, the South one had its chance.
    await report(ids.southAgent, 'IDLE', [ids.southDesk]);
    await load(ids.southDesk, 5);
    await report(ids.northAgent, 'WRAP_UP', [ids.northDesk]);
    await expect.poll(() => agentRow(page, ids.northAgent).locator('[data-cell="state"]').textContent(), { timeout: 15_000 }).toBe('Wrap Up');
    await load(ids.northDesk, 1);
    await expect.poll(() => stat(page, ids.northDesk, 'queued').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await page.locator('[data-home-section="queues"] tr[data-queue]').count()).toBe(1);
    expect(await page.locator('[data-home-section="agents"] tr[data-agent]').count()).toBe(1);
    expect(await page.locator('[data-home-section]').getByText('South desk').count()).toBe(0);
    expect(await marked(page)).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a viewer without the queue and agent permissions has neither section', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = plain;
    await page.waitForURL((u) => u.hash === '#/');
    await page.locator('[data-home-section="counts"]').waitFor();
    await settled(page);
    expect(await sections(page)).not.toContain('queues');
    expect(await sections(page)).not.toContain('agents');
    expect(plain.ops('dashboardQueues')).toEqual([]);
    expect(plain.ops('dashboardAgents')).toEqual([]);
  });

  it('speaks Chinese: titles, columns and states', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    const language = (name: string) => page.locator('header').getByRole('button', { name, exact: true });
    await language('English').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    try {
      await page.getByRole('heading', { name: '坐席状态' }).waitFor();
      await page.getByRole('heading', { name: '技能队列实况' }).waitFor();
      await expect.poll(() => agentRow(page, ids.northAgent).locator('[data-cell="state"]').textContent()).toBe('话后处理');
      await page.locator('[data-home-section="queues"] svg[aria-label="排队来电数"]').waitFor();
    } finally {
      await language('简体中文').click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await language('English').waitFor();
    }
  });

  it('fits a 390 px phone', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await queueRow(page, ids.northDesk).waitFor();
      await settled(page);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
      const box = await page.locator('[data-home-section="queues"] svg[aria-label="Device usage"]').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('ran without uncaught page errors or logged errors', () => {
    expect(h.errors).toEqual([]);
  });
});
