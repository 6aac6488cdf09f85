import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { plainToInstance } from '../../api/src/common/plain';
import { unscoped } from '../../api/src/common/row-scope';
import { validateInput } from '../../api/src/common/validation';
import { DEMO, seedDemo } from '../../api/src/db/seed/demo';
import { DEMO_AGENTS } from '../../api/src/db/seed/demo-agents';
import { DEMO_WEB_CHANNEL } from '../../api/src/db/seed/demo-routing';
import { AccessCode } from '../../api/src/modules/routing/access-code.entity';
import { CalledRoute } from '../../api/src/modules/routing/called-route.entity';
import { Ivr } from '../../api/src/modules/routing/ivr.entity';
import { RoutingMediaType } from '../../api/src/modules/routing/media-type';
import { SkillQueue } from '../../api/src/modules/routing/skill-queue.entity';
import { QueueAction } from '../../api/src/modules/routing/skill-queue.enums';
import { SkillQueueGroup, SkillQueueGroupMember } from '../../api/src/modules/routing/skill-queue-group.entity';
import { VoicePrompt } from '../../api/src/modules/routing/voice-prompt.entity';
import { WebChannel } from '../../api/src/modules/routing/web-channel.entity';
import { WorkTimeException } from '../../api/src/modules/routing/work-time-exception.entity';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { Activity } from '../../api/src/modules/context/activity.entity';
import { Comment } from '../../api/src/modules/context/comment.entity';
import { CustomerRequest, RequestStatus } from '../../api/src/modules/context/request.entity';
import { ContactRecord } from '../../api/src/modules/customer/contact-record.entity';
import { CustomerEmail, CustomerPhone } from '../../api/src/modules/customer/customer-contact.entity';
import { fileSource, importCustomers, RejectionReportFile } from '../../api/src/modules/customer/import/file';
import { loadTenantContext } from '../../api/src/modules/customer/import/rows';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { CustomerFields } from '../../api/src/modules/customer/customer.inputs';
import { normalizePhone } from '../../api/src/modules/customer/phone';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { Tenant } from '../../api/src/common/tenant.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { runCli } from '../support/process';

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-import-'));
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// A deterministic 100,000-row file

const ROWS = 100_000;
const HEADER = 'name,gender,phones,emails,company,address,addressDetail,remark,ou';
const OU_CELLS = ['', 'North', 'North / North-East', 'South', 'Unorganized'] as const;
const DEFAULT_OU = 'South';

interface Expected {
  /** Rejected rows: physical line -> field. */
  bad: Map<number, string>;
  duplicates: number;
  /** The rows that must be imported, by their 0-based index. */
  imported: { index: number; line: number; name: string; phones: string[]; emails: string[]; ou: string }[];
}

const csv = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Row i's own phone, unique in the file, in one of four formats (national, +, 00 and +). */
function phoneOf(i: number): string {
  const s = String(1_000_000 + i);
  switch (i % 4) {
    case 0:
      return `+1 212-${s.slice(0, 3)}-${s.slice(3)}`;
    case 1:
      return `(212) ${s.slice(0, 3)}-${s.slice(3)}`;
    case 2:
      return `+44 20 7${s.slice(0, 3)} ${s.slice(3)}`;
    default:
      return `+49 30 ${s}`;
  }
}
const mobileOf = (i: number) => `+44 7400 ${pad(i, 6)}`;
const emailOf = (i: number) => (i % 4 === 0 ? `Customer.${i}@Example.com` : `customer.${i}@example.org`);

function generate(): { text: string; expected: Expected } {
  const out: string[] = [`\uFEFF${HEADER}`];
  const expected: Expected = { bad: new Map(), duplicates: 0, imported: [] };
  let line = 2;
  for (let i = 0; i < ROWS; i++) {
    let name = `Customer ${i}`;
    let gender = ['', 'male', 'FEMALE', 'Unknown'][i % 4]!;
    const phones = [phoneOf(i), ...(i % 3 === 0 ? [mobileOf(i)] : [])];
    let emails = i % 2 === 0 ? [emailOf(i)] : [];
    const company = i % 7 === 0 ? 'Smith, Jones & Co' : i % 7 === 1 ? `Company ${i % 500}` : '';
    let address = ['', 'Berlin', 'Paris'][i % 3]!;
    const remark = i % 5000 === 1234 ? 'first line\nsecond line' : i % 11 === 0 ? 'called twice' : '';
    let ou: string = OU_CELLS[i % OU_CELLS.length]!;
    let badField: string | undefined;
    if (i % 100 === 50) {
      // ~1% bad rows, one problem each, of eight kinds.
      const kind = Math.floor(i / 100) % 8;
      badField = ['phones', 'phones', 'emails', 'emails', 'name', 'address', 'ou', 'gender'][kind];
      if (kind === 0) phones.push(...['1', '2', '3', '4', '5', '6'].map((d) => `555-000${d}`).slice(0, 6 - phones.length));
      if (kind === 1) phones.push('1234567890 1234567890'); // 21 characters
      if (kind === 2) emails = [`not-an-email-${i}`];
      if (kind === 3) emails = [`a${i}@example.com`, `b${i}@example.com`, `c${i}@example.com`];
      if (kind === 4) name = 'N'.repeat(81);
      if (kind === 5) address = 'Atlantis';
      if (kind === 6) ou = 'Nowhere / Land';
      if (kind === 7) gender = 'robot';
    }
    let duplicate = false;
    if (i % 10_000 === 9_999) {
      // In-file duplicates of the row before: its phone written with 00, or its e-mail in upper case.
      duplicate = true;
      const before = i - 1; // i - 1 ≡ 2 (mod 4): an international "+44" phone and an e-mail
      if (Math.floor(i / 10_000) % 2 === 0) phones.splice(0, phones.length, phoneOf(before).replace('+', '00'));
      else emails = [emailOf(before).toUpperCase()];
    }
    out.push([name, gender, phones.join(i % 2 ? '|' : ';'), emails.join(';'), company, address, '', remark, ou].map(csv).join(','));
    if (badField) expected.bad.set(line, badField);
    else if (duplicate) expected.duplicates++;
    else expected.imported.push({ index: i, line, name, phones, emails, ou: ou === '' ? DEFAULT_OU : ou });
    line += 1 + (remark.match(/\n/g)?.length ?? 0);
  }
  return { text: `${out.join('\n')}\n`, expected };
}

async function customerCount(tenantId: string) {
  return t.db().count(Customer, { tenant: tenantId });
}

const SUMMARY = /^imported (\d+), duplicates (\d+), rejected (\d+) in ([\d.]+) s \((\d+) rows\/s\)/m;

describe('bulk import: npm run import -- customers FILE --tenant CODE', () => {
  let tenant: Awaited<ReturnType<typeof createTestTenant>>;
  let admin: GraphQLClient;
  let file: string;
  let expected: Expected;
  const ouIds: Record<string, string | null> = { Unorganized: null };

  beforeAll(async () => {
    tenant = await createTestTenant(t.orm, 'imp');
    admin = await t.loginAs(tenant.adminAccount, tenant.password);
    await admin.ok('mutation { a: createAddressOption(value: "Berlin") { id } b: createAddressOption(value: "Paris") { id } }');
    const north = await admin.ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(name: "North") { id } }');
    await admin.ok('mutation($p: ID) { createOrgUnit(name: "North-East", parentId: $p) { id } }', { p: north.createOrgUnit.id });
    await admin.ok('mutation { createOrgUnit(name: "South") { id } }');
    const { allOrgUnits } = await admin.ok<{ allOrgUnits: { id: string; path: string }[] }>('{ allOrgUnits { id path } }');
    for (const ou of allOrgUnits) ouIds[ou.path] = ou.id;

    const generated = generate();
    expected = generated.expected;
    file = path.join(dir, 'customers.csv');
    await writeFile(file, generated.text);
  });

  const run = (...extra: string[]) =>
    runCli('cli/import.js', ['customers', file, '--tenant', tenant.code, '--ou', DEFAULT_OU, ...extra], { DATABASE_URL: inject('databaseUrl') });

  it('imports 100,000 rows: valid unique rows in, bad rows reported by line and field, one audit entry per batch', async () => {
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [, imported, duplicates, rejected, seconds, rate] = SUMMARY.exec(result.stdout) ?? [];
    console.log(`import of ${ROWS} rows: ${result.stdout.trim()}`);
    expect(Number(imported)).toBe(expected.imported.length);
    expect(Number(duplicates)).toBe(expected.duplicates);
    expect(Number(rejected)).toBe(expected.bad.size);
    expect(Number(seconds)).toBeGreaterThan(0);
    expect(Number(rate)).toBeGreaterThan(0);
    expect(expected.bad.size).toBe(1000);
    expect(expected.duplicates).toBe(10);
    expect(await customerCount(tenant.tenantId)).toBe(ROWS - 1000 - 10);

    // The report: exactly the bad rows, one line per field error, with the input's line numbers.
    const report = parse(await readFile(`${file}.rejected.csv`), { columns: true, bom: true }) as { line: string; field: string; reason: string }[];
    expect(new Map(report.map((r) => [Number(r.line), r.field]))).toEqual(expected.bad);
    expect(report).toHaveLength(expected.bad.size);
    const reasons = new Set(report.map((r) => r.reason));
    for (const reason of [
      'At most 5 phones',
      'Each phone must be 1 to 20 characters',
      'Each e-mail must be a valid address',
      'At most 2 e-mails',
      'Name must be at most 80 characters',
      '"Atlantis" is not one of the address options',
      'Unknown OU "Nowhere / Land"',
      'gender must be one of the following values: MALE, FEMALE, UNKNOWN',
    ]) {
      expect(reasons).toContain(reason);
    }

    // OUs: the row's own, else --ou; "Unorganized" is no OU.
    const em = t.db();
    const byOu = await em
      .getConnection()
      .execute<{ ou_id: string | null; n: string }[]>('select ou_id, count(*) as n from customer where tenant_id = ? group by ou_id', [tenant.tenantId]);
    const want = new Map<string | null, number>();
    for (const row of expected.imported) want.set(ouIds[row.ou]!, (want.get(ouIds[row.ou]!) ?? 0) + 1);
    expect(new Map(byOu.map((r) => [r.ou_id, Number(r.n)]))).toEqual(want);

    // Lookup rows, as replaceLookups writes them.
    expect(await em.count(CustomerPhone, { tenant: tenant.tenantId })).toBe(expected.imported.reduce((n, r) => n + r.phones.length, 0));
    expect(await em.count(CustomerEmail, { tenant: tenant.tenantId })).toBe(expected.imported.reduce((n, r) => n + r.emails.length, 0));
    const sample = expected.imported.find((r) => r.index === 12_345 - (12_345 % 12))!; // a row with two phones and an e-mail
    const customer = await em.findOneOrFail(Customer, { tenant: tenant.tenantId, name: sample.name });
    expect(customer.phones).toEqual(sample.phones);
    const phones = await em.find(CustomerPhone, { customer }, { orderBy: { raw: 'ASC' } });
    expect(phones.map(({ raw, normalized, digits, digitsRev }) => ({ raw, normalized, digits, digitsRev }))).toEqual(
      [...sample.phones].sort().map((raw) => ({ raw, ...normalizePhone(raw), digitsRev: [...normalizePhone(raw).digits].reverse().join('') })),
    );
    expect((await em.find(CustomerEmail, { customer })).map((e) => e.emailLower)).toEqual(sample.emails.map((e) => e.toLowerCase()));

    // Call-time lookups through the API find imported customers by phone (another format) and e-mail.
    const national = expected.imported.find((r) => r.index % 4 === 1 && r.index > 50_000)!; // "(212) ..." stored without country code
    const byPhone = await admin.ok<{ customerContext: { customer: { name: string } } | null }>(
      'query($p: String) { customerContext(phone: $p) { customer { name } } }',
      { p: `+1 ${national.phones[0]}` },
    );
    expect(byPhone.customerContext?.customer.name).toBe(national.name);
    const withEmail = expected.imported.find((r) => r.index % 4 === 0 && r.index > 70_000)!;
    const byEmail = await admin.ok<{ customerContext: { customer: { name: string } } | null }>(
      'query($e: String) { customerContext(email: $e) { customer { name } } }',
      { e: withEmail.emails[0]!.toLowerCase() },
    );
    expect(byEmail.customerContext?.customer.name).toBe(withEmail.name);

    // One audit entry per batch of 1000 accepted rows, with the counts.
    const entries = await em.find(AuditEntry, { tenant: tenant.tenantId, recordType: 'CustomerImport' });
    expect(entries).toHaveLength(Math.ceil((expected.imported.length + expected.duplicates) / 1000));
    expect(entries.every((e) => e.principalKind === 'platform' && e.operation === 'import customers')).toBe(true);
    expect(entries.reduce((n, e) => n + Number(e.changes.imported!.after), 0)).toBe(expected.imported.length);
  }, 150_000);

  it('re-running the same file imports nothing: every accepted row is a duplicate', async () => {
    const before = await customerCount(tenant.tenantId);
    const audits = await t.db().count(AuditEntry, { tenant: tenant.tenantId });
    const report = path.join(dir, 'again.rejected.csv');
    const result = await run('--report', report);
    expect(result.code).toBe(0);
    console.log(`re-run of ${ROWS} rows: ${result.stdout.trim()}`);
    const [, imported, duplicates, rejected] = SUMMARY.exec(result.stdout) ?? [];
    expect(Number(imported)).toBe(0);
    expect(Number(duplicates)).toBe(expected.imported.length + expected.duplicates);
    expect(Number(rejected)).toBe(expected.bad.size);
    expect(await customerCount(tenant.tenantId)).toBe(before);
    expect(await t.db().count(AuditEntry, { tenant: tenant.tenantId })).toBe(audits);
    expect(await readFile(report, 'utf8')).toBe(await readFile(`${file}.rejected.csv`, 'utf8'));
  }, 150_000);

  it('counts physical lines (CRLF, blank lines, quoted line breaks) and resolves OUs by path or unique name', async () => {
    const small = path.join(dir, 'crlf.csv');
    await writeFile(
      small,
      [
        'Name,Phones,Remark,OU', // header names in any case
        'Ann,+49 30 5550001,x,north-east', // a unique name, any case
        '',
        'Ben,+49 30 5550002,"two\r\nlines",North/North-East', // a path, any spacing
        '=Cat(),,,', // no phone nor e-mail; a name a spreadsheet would run
        'Dan,+49 30 5550003,x,North,extra', // one column too many
        'Eve,0049 30 5550001,,', // Ann's phone, written with 00
        'Fay,+49 30 5550004,"a\nb\nc",Unorganized',
        'Gus,+49 30 5550005,,Atlantis',
      ].join('\r\n'),
    );
    const report = path.join(dir, 'crlf.rejected.csv');
    const em0 = unscoped(t.db(), 'the test imports for the whole tenant, as the CLI');
    const context = await loadTenantContext(em0, { code: tenant.code }, { defaultOu: 'North' });
    const result = await importCustomers(em0, { source: await fileSource(small), context, rejections: new RejectionReportFile(report) });
    expect(result).toMatchObject({ rows: 7, imported: 3, duplicates: 1, rejected: 3 });
    const rejected = parse(await readFile(report), { columns: true, bom: true }) as Record<string, string>[];
    expect(rejected.map((r) => `${r.line}:${r.field}`)).toEqual(['6:phones', '7:row', '12:ou']);
    // The report opens in a spreadsheet as text: UTF-8 with a BOM, the row as read beside its reason, formulas neutralised.
    const text = await readFile(report, 'utf8');
    expect(text.startsWith('\ufeffline,field,reason,name,gender,phones,emails,company,address,addressDetail,remark,ou\r\n')).toBe(true);
    expect(rejected[0]).toMatchObject({ line: '6', field: 'phones', name: "'=Cat()" });
    expect(rejected[2]).toMatchObject({ line: '12', field: 'ou', name: 'Gus', phones: "'+49 30 5550005", ou: 'Atlantis' });
    const em = t.db();
    const ou = async (name: string) => (await em.findOneOrFail(Customer, { tenant: tenant.tenantId, name })).ouId;
    expect(await ou('Ann')).toBe(ouIds['North / North-East']);
    expect(await ou('Ben')).toBe(ouIds['North / North-East']);
    expect(await ou('Fay')).toBeNull();
    await em.nativeDelete(Customer, { tenant: tenant.tenantId, name: { $in: ['Ann', 'Ben', 'Fay'] } });
  });

  it('stops with a clear error on an unknown tenant, OU, column or file (exit code 1), and on bad usage (2)', async () => {
    const small = path.join(dir, 'small.csv');
    await writeFile(small, 'name,phones\nZed,5550100\n');
    const env = { DATABASE_URL: inject('databaseUrl') };
    const cases: [string[], number, RegExp][] = [
      [['customers', small, '--tenant', 'no-such-tenant'], 1, /Unknown tenant "no-such-tenant"/],
      [['customers', small, '--tenant', tenant.code, '--ou', 'Atlantis'], 1, /--ou: Unknown OU "Atlantis"/],
      [['customers', path.join(dir, 'missing.csv'), '--tenant', tenant.code], 1, /no such file/],
      [['customers', small], 2, /usage:/],
    ];
    for (const [args, code, message] of cases) {
      const result = await runCli('cli/import.js', args, env);
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(code);
    }
    await writeFile(small, 'name,phone\nZed,5550100\n');
    const column = await runCli('cli/import.js', ['customers', small, '--tenant', tenant.code], env);
    expect(column.stderr).toMatch(/unknown column\(s\) "phone"/);
    expect(column.code).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('demo data', () => {
  let demoTenantId: string;

  beforeAll(async () => {
    const started = Date.now();
    const seeded = await seedDemo(t.orm);
    if (seeded) console.log(`demo seeding took ${Date.now() - started} ms`);
    demoTenantId = (await t.db().findOneOrFail(Tenant, { code: DEMO.tenantCode })).id;
  });

  it('has customers with history: contact records, requests (open and auto-closed), activities, comments', async () => {
    const em = t.db();
    const customers = await em.find(Customer, { tenant: demoTenantId });
    expect(customers.length).toBeGreaterThanOrEqual(200);
    // Every demo customer passes the API's own rules.
    for (const c of customers) {
      await validateInput(plainToInstance(CustomerFields, { name: c.name, gender: c.gender, phones: c.phones, emails: c.emails, company: c.company }));
    }
    expect(await em.count(ContactRecord, { tenant: demoTenantId })).toBeGreaterThan(customers.length);
    const requests = await em.find(CustomerRequest, { tenant: demoTenantId });
    expect(requests.some((r) => r.status === RequestStatus.OPEN)).toBe(true);
    expect(requests.some((r) => r.status === RequestStatus.CLOSED && !r.closedAt)).toBe(true);
    expect(await em.count(Activity, { tenant: demoTenantId })).toBeGreaterThan(requests.length);
    expect(await em.count(Comment, { tenant: demoTenantId })).toBeGreaterThan(0);
    expect(new Set(customers.map((c) => c.ouId)).size).toBe(6); // five OUs and Unorganized
  });

  it('demo.north signs in and sees only the North subtree and Unorganized; demo.viewer reads everything and writes nothing', async () => {
    const em = t.db();
    const ous = await em.find(OrgUnit, { tenant: demoTenantId });
    const northIds = new Set(ous.filter((o) => o.path === 'North' || o.path.startsWith('North / ')).map((o) => o.id));
    const all = await em.find(Customer, { tenant: demoTenantId });
    const visible = all.filter((c) => c.ouId === null || northIds.has(c.ouId));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(all.length);

    const [north, viewer] = await Promise.all(DEMO.accounts.map((a) => t.loginAs(a.account, DEMO.password)));
    const list = async (client: GraphQLClient) => {
      const ids: string[] = [];
      for (let page = 0; ; page++) {
        const { allCustomers } = await client.ok<{ allCustomers: { id: string; ouId: string | null }[] }>(
          'query($p: Int) { allCustomers(page: $p, perPage: 500) { id ouId } }',
          { p: page },
        );
        ids.push(...allCustomers.map((c) => c.id));
        if (allCustomers.length < 500) return ids.sort();
      }
    };
    expect(await list(north!)).toEqual(visible.map((c) => c.id).sort());
    expect((await north!.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }')).me.mustChangePassword).toBe(false);
    const south = all.find((c) => c.ouId !== null && !northIds.has(c.ouId))!;
    const hidden = await north!.request<{ Customer: unknown }>('query($id: ID!) { Customer(id: $id) { id } }', { id: south.id });
    expect(hidden.data?.Customer ?? null).toBeNull();

    expect(await list(viewer!)).toEqual(all.map((c) => c.id).sort());
    const write = await viewer!.request('mutation { createCustomer(name: "Nope", phones: ["5550100"]) { id } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  const ROUTING = { AccessCode, Ivr, VoicePrompt, SkillQueue, SkillQueueGroup, CalledRoute, WebChannel, WorkTimeException } as const;
  const routingCounts = async () => {
    const em = t.db();
    const counts = await Promise.all(Object.values(ROUTING).map((entity) => em.count(entity as typeof AccessCode, { tenant: demoTenantId })));
    return [...counts, await em.count(SkillQueueGroupMember, { group: { tenant: demoTenantId } })];
  };

  it('has a routing configuration: queues of each type with handlers, groups, an IVR, a voice prompt, access codes, routes with extensions, a web channel', async () => {
    const em = t.db();
    const queues = await em.find(SkillQueue, { tenant: demoTenantId });
    expect(new Set(queues.map((q) => q.type))).toEqual(new Set(Object.values(RoutingMediaType)));
    const transfers = queues.filter((q) => [q.onTimeoutAction, q.onBusyAction, q.onNoAgentAction].includes(QueueAction.TRANSFER));
    expect(transfers.some((q) => q.onBusySkillQueue)).toBe(true);
    expect(transfers.some((q) => q.onNoAgentIvr || q.onTimeoutIvr)).toBe(true);
    const groups = await em.find(SkillQueueGroup, { tenant: demoTenantId }, { populate: ['members'] });
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g.skillQueueIds.length > 0)).toBe(true);
    expect(await em.count(Ivr, { tenant: demoTenantId })).toBeGreaterThan(0);
    expect(await em.count(VoicePrompt, { tenant: demoTenantId })).toBeGreaterThan(0);
    expect(await em.count(AccessCode, { tenant: demoTenantId })).toBeGreaterThanOrEqual(5);
    const routes = await em.find(CalledRoute, { tenant: demoTenantId });
    expect(routes.some((r) => r.extensionCode !== '')).toBe(true);
    const channel = await em.findOneOrFail(WebChannel, { tenant: demoTenantId, channelCode: DEMO_WEB_CHANNEL });
    expect(channel.workTime.timeZone).toBe('Europe/Berlin');
    expect(channel.workTime.workdaySegments).toHaveLength(2);
    const holidays = await em.find(WorkTimeException, { tenant: demoTenantId, channel }, { orderBy: { date: 'ASC' } });
    expect(holidays.map((e) => [e.date, e.closed])).toEqual([
      ['2026-12-25', true],
      ['2027-01-01', true],
    ]);

    // Read as the API answers: open on a Monday morning in Berlin, closed for the holiday.
    const admin = await t.loginAs(DEMO.adminAccount, DEMO.password);
    const open = (at: string) =>
      admin.ok<{ channelOpen: { open: boolean; rule: { kind: string } } }>(
        'query($id: ID!, $at: DateTimeISO) { channelOpen(channelId: $id, at: $at) { open rule { kind } } }',
        {
          id: channel.id,
          at,
        },
      );
    expect((await open('2026-12-07T09:30:00Z')).channelOpen.open).toBe(true);
    expect((await open('2026-12-07T11:30:00Z')).channelOpen.open).toBe(false);
    expect((await open('2026-12-25T09:30:00Z')).channelOpen).toEqual({ open: false, rule: { kind: 'EXCEPTION_CLOSED' } });
  });

  it("every demo routing record passes the API's own rules: saved again by the demo admin, nothing changes", async () => {
    const admin = await t.loginAs(DEMO.adminAccount, DEMO.password);
    for (const kind of Object.keys(ROUTING)) {
      const list = await admin.ok<Record<string, { id: string; version: number }[]>>(`{ all${kind}s(perPage: 500) { id version } }`);
      const rows = list[`all${kind}s`]!;
      expect(rows.length, kind).toBeGreaterThan(0);
      for (const row of rows) {
        const saved = await admin.request<Record<string, { version: number }>>(`mutation($id: ID!) { update${kind}(id: $id) { version } }`, { id: row.id });
        expect(saved.errors, `${kind} ${row.id}: ${JSON.stringify(saved.errors)}`).toBeUndefined();
        expect(saved.data![`update${kind}`]!.version, kind).toBe(row.version);
      }
    }
  });

  it('has an agent of each type bound to an employee and the demo queues, within the quotas, with states that the queues count', async () => {
    const admin = await t.loginAs(DEMO.adminAccount, DEMO.password);
    const { allAgents, tenantQuotaUsage, allSkillQueues } = await admin.ok<{
      allAgents: {
        agentId: number;
        agentType: string;
        employeeId: string | null;
        canSignIn: boolean;
        skills: { isDefault: boolean }[];
        skillQueueGroupId: string | null;
      }[];
      tenantQuotaUsage: { kind: string; used: number; allowed: number }[];
      allSkillQueues: { name: string; deviceUsage: number }[];
    }>(
      '{ allAgents(perPage: 50) { agentId agentType employeeId canSignIn skills { isDefault } skillQueueGroupId } tenantQuotaUsage { kind used allowed } allSkillQueues(perPage: 50) { name deviceUsage } }',
    );
    expect(allAgents.map((a) => a.agentType).sort()).toEqual(DEMO_AGENTS.map((a) => a.type).sort());
    for (const a of allAgents) {
      expect(a.employeeId, `agent ${a.agentId}`).not.toBeNull();
      expect(a.canSignIn, `agent ${a.agentId}`).toBe(true);
      if (!a.skillQueueGroupId)
        expect(
          a.skills.filter((s) => s.isDefault),
          `agent ${a.agentId}`,
        ).toHaveLength(1);
    }
    for (const q of tenantQuotaUsage) expect(q.used, q.kind).toBeLessThanOrEqual(q.allowed);
    // Vera is signed in to the hotline and idle: 0 of 1 busy, no calls queued.
    expect(allSkillQueues.find((q) => q.name === 'Hotline')!.deviceUsage).toBe(0);
    // Victor is busy on the video desk: 1 of 1 busy is 70%.
    expect(allSkillQueues.find((q) => q.name === 'Video desk')!.deviceUsage).toBe(70);
    // Every demo agent passes the API's own rules: saved again, nothing changes.
    for (const row of (await admin.ok<{ allAgents: { id: string; version: number }[] }>('{ allAgents(perPage: 50) { id version } }')).allAgents) {
      const saved = await admin.request<{ updateAgent: { version: number } }>('mutation($id: ID!) { updateAgent(id: $id) { version } }', { id: row.id });
      expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
      expect(saved.data!.updateAgent.version).toBe(row.version);
    }
    // An agent's employee signs in to its own personal center.
    const vera = await t.loginAs(DEMO_AGENTS[0].account, DEMO.password);
    expect((await vera.ok<{ myAgent: { agent: { agentId: number } } }>('{ myAgent { agent { agentId } } }')).myAgent.agent.agentId).toBe(1001);
  });

  it('seeding again adds nothing', async () => {
    const before = await routingCounts();
    expect(await seedDemo(t.orm)).toBe(false);
    expect(await routingCounts()).toEqual(before);
  });
});
