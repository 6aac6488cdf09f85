import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OU_NAME } from '../../api/src/modules/tenant/tenant.service';
import { createTestTenant } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createOu } from '../support/security';
import { STEP_TIMEOUT, docShot, expectText, failureShot, settled, signIn, startHarness, type Harness, type Recorded } from './browser';

/**
 * Two languages (issue 9): the language menu of the app bar switches the console to Simplified
 * Chinese, and then no visible text of the main pages (lists, a form, a record's page, the profile,
 * the tenant parameters, a dialog) holds an English word outside the data values; the choice
 * survives a reload, and switching back restores English. Build first: `npm run build -w admin`.
 */

let h: Harness;
let api: GraphQLClient;
let admin: Recorded;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  tenant = await createTestTenant(h.t.orm, 'i18n');
  api = await h.t.loginAs(tenant.adminAccount, tenant.password);
  // Data in Chinese, so that any Latin word on a page is the console's own.
  ids.ou = await createOu(api, '华北');
  for (const name of ['王伟', '李娜']) {
    const { createCustomer } = await api.ok<{ createCustomer: { id: string } }>(
      'mutation($n: String, $o: ID) { createCustomer(name: $n, ouId: $o, phones: ["+86 10 1234 5678"]) { id } }',
      { n: name, o: ids.ou },
    );
    ids[name] = createCustomer.id;
  }
  // A journey: an activity in a request, with a comment. The activity is written in SQL: an audit
  // entry of it would show the server's title of the activity (its channel's code) on the home page.
  const { createCustomerRequest } = await api.ok<{ createCustomerRequest: { id: string } }>(
    'mutation($c: ID!) { createCustomerRequest(customerId: $c, title: "发票问题") { id } }',
    { c: ids.王伟 },
  );
  const [activity] = await h.t.orm.em.getConnection().execute<{ id: string }[]>(
    `insert into activity (id, tenant_id, customer_id, request_id, media_type, tags, fields, version, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, 'VOICE', '{账单}', '{}', 1, now(), now()) returning id`,
    [tenant.tenantId, ids.王伟, createCustomerRequest.id],
  );
  await api.ok('mutation($a: ID!) { addComment(activityId: $a, text: "客户将发送发票号码") { id } }', { a: activity!.id });
  await api.ok('mutation { createRole(name: "坐席主管", permissions: ["customer-center", "customer-center:view"]) { id } }');
  const { createSkillQueue } = await api.ok<{ createSkillQueue: { id: string } }>('mutation { createSkillQueue(name: "投诉热线", type: VOICE) { id } }');
  ids.queue = createSkillQueue.id;
  admin = await h.newPage();
  await signIn(admin.page, h.url(), tenant.adminAccount, tenant.password);
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await failureShot(admin?.page, `i18n-${ctx.task.name}`);
});

afterAll(async () => {
  await h?.close();
});

/**
 * Latin text a Chinese page may show: the data the test created with Latin letters (the tenant,
 * the admin's account, the default OU), the product's name, and the names and abbreviations the
 * Chinese wording keeps as they are (API, IVR, WebRTC...).
 */
const allowedLatin = () => [
  tenant.adminAccount,
  `Tenant ${tenant.code}`,
  tenant.code,
  DEFAULT_OU_NAME,
  'Switchboard',
  'WebRTC',
  'OpenEye',
  'JSON',
  'API',
  'IVR',
  'ID',
  'HH:MM',
  'YYYY-MM-DD',
];

/**
 * Every visible text of the page (text nodes of rendered elements, and the placeholders of the
 * inputs) that still holds a Latin word once the allowed data and names are taken out.
 */
async function englishLeft(page: Page, alsoAllowed: readonly string[] = []): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const visible = (el: Element | null) => !!el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue?.trim();
      if (text && visible(node.parentElement)) found.push(text);
    }
    for (const input of Array.from(document.querySelectorAll('input[placeholder], textarea[placeholder]'))) {
      const placeholder = input.getAttribute('placeholder')?.trim();
      if (placeholder && visible(input)) found.push(placeholder);
    }
    return found;
  });
  const allowed = [...allowedLatin(), ...alsoAllowed].sort((a, b) => b.length - a.length);
  return [
    ...new Set(
      texts.filter((text) => {
        let rest = text;
        for (const a of allowed) rest = rest.split(a).join(' ');
        // E-mail addresses are data, wherever they show.
        rest = rest.replace(/\S+@\S+/g, ' ');
        return /[A-Za-z]{2,}/.test(rest);
      }),
    ),
  ];
}

/** Opens a page of the console and waits for a text of its content, then for the page to settle. */
async function open(page: Page, path: string, shows: string | RegExp) {
  await page.goto(h.url(path));
  await expectText(page.getByText(shows).first(), shows);
  await settled(page);
}

const MENU_BUTTON = (page: Page, language: string) => page.locator('header').getByRole('button', { name: language, exact: true });

async function chooseLanguage(page: Page, from: string, to: string) {
  await MENU_BUTTON(page, from).click();
  await page.getByRole('menuitem', { name: to }).click();
  await MENU_BUTTON(page, to).waitFor();
}

describe('console in Simplified Chinese (issue 9, two languages)', () => {
  it('switches to 简体中文 from the app bar and leaves no English on the main pages', { timeout: STEP_TIMEOUT * 3 }, async () => {
    const { page } = admin;
    await open(page, '/Customer', '王伟');
    await chooseLanguage(page, 'English', '简体中文');
    await expectText(page.locator('.RaMenu-open').getByRole('menuitem', { name: '客户', exact: true }), '客户');

    // The import page names the file's columns as the file must spell them.
    const columns = ['name', 'gender', 'phones', 'emails', 'company', 'address', 'addressDetail', 'remark', 'ou', 'CSV'];
    const pages: [string, string | RegExp, string[]?][] = [
      ['/Customer', '王伟'],
      ['/OrgUnit', '华北'],
      ['/Employee', tenant.adminAccount],
      ['/Role', '坐席主管'],
      ['/Role/create', '客户中心管理'],
      [`/OrgUnit/${ids.ou}`, '上级组织单元'],
      ['/Customer/create', '公司'],
      [`/Customer/${ids.王伟}/show`, '联系历史'],
      [`/Customer/${ids.王伟}/show/contactHistory`, '此期间没有记录'],
      [`/Customer/${ids.王伟}/show/journey`, '旅程的开始'],
      [`/SkillQueue/${ids.queue}/show`, '现在来电会怎样处理？'],
      ['/WebChannel/create', '工作时间'],
      ['/Employee/create', '组织单元授权'],
      ['/Agent', /还没有坐席/],
      ['/profile', '我的资料'],
      ['/', '华北'],
      ['/AuditEntry', '华北'],
      ['/imports/customers', '导入客户', columns],
      ['/my-tenant', '坐席配额'],
    ];
    const left: Record<string, string[]> = {};
    for (const [path, shows, alsoAllowed] of pages) {
      await open(page, path, shows);
      const english = await englishLeft(page, alsoAllowed);
      if (english.length) left[path] = english;
    }
    // A dialog: deleting an OU asks first.
    await open(page, '/OrgUnit', '华北');
    await page.getByRole('row', { name: /华北/ }).getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').waitFor();
    const dialog = await englishLeft(page);
    if (dialog.length) left['delete dialog'] = dialog;
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await settled(page);
    // The one-time secret of a new API client (the secret itself is an input's value, not text).
    await open(page, '/ApiClient/create', /^名称/);
    await page.getByLabel(/^名称/).fill('客服系统');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').getByTestId('secret-value').waitFor();
    const secret = await englishLeft(page);
    if (secret.length) left['secret dialog'] = secret;
    await page.getByRole('dialog').getByRole('button', { name: '我已复制' }).click();
    await settled(page);
    expect(left).toEqual({});

    // The list in Chinese, for the README.
    await open(page, '/Customer', '王伟');
    await docShot(page, 'customers-zh.png');
  });

  it('keeps the choice across a reload, and switching back restores English', { timeout: STEP_TIMEOUT }, async () => {
    const { page } = admin;
    await open(page, '/Customer', '王伟');
    await page.reload();
    await MENU_BUTTON(page, '简体中文').waitFor();
    await expectText(page.locator('.RaMenu-open').getByRole('menuitem', { name: '客户', exact: true }), '客户');
    await expect.poll(() => page.title()).toBe('客户 · Switchboard');

    await chooseLanguage(page, '简体中文', 'English');
    await expectText(page.locator('.RaMenu-open').getByRole('menuitem', { name: 'Customers', exact: true }), 'Customers');
    await expectText(page.locator('thead').getByText('Customer number', { exact: true }), 'Customer number');
    await expect.poll(() => page.title()).toBe('Customers · Switchboard');
    await page.reload();
    await MENU_BUTTON(page, 'English').waitFor();
  });
});
