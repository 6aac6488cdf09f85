import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { CustomerImport } from '../../api/src/modules/customer/import/customer-import.entity';
import { INTERRUPTED } from '../../api/src/modules/customer/import/console-import';
import { MAX_UPLOAD_BYTES } from '../../api/src/modules/customer/import/import.endpoint';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee, createOu, createRole, setIsolation } from '../support/security';

/** Issue 9, "CSV import in the console": the upload endpoint and the import it starts, for the uploader's scope only. */
describe('customer import from the console', () => {
  let t: TestApp;
  let tenantId: string;
  let admin: GraphQLClient;
  let north: string;
  let south: string;
  let northWriter: { client: GraphQLClient; account: string; id: string };
  let viewer: { client: GraphQLClient };

  beforeAll(async () => {
    t = await startTestApp();
    const tenant = await createTestTenant(t.orm, 'imports');
    tenantId = tenant.tenantId;
    admin = await t.loginAs(tenant.adminAccount, tenant.password);
    await setIsolation(admin, true);
    north = await createOu(admin, 'North');
    south = await createOu(admin, 'South');
    const writer = await createRole(admin, ['customer-center', 'customer-center:view', 'customer-center:create']);
    northWriter = await createEmployee(t, admin, { roleIds: [writer], grants: [{ ouId: north, canRead: true, canWrite: true }], homeOuId: north });
    const reader = await createRole(admin, ['customer-center', 'customer-center:view']);
    viewer = await createEmployee(t, admin, { roleIds: [reader], grants: [{ ouId: north, canRead: true, canWrite: false }] });
  });
  afterAll(() => t?.close());

  const upload = async (client: GraphQLClient | undefined, csv: string, query: Record<string, string> = {}) => {
    const res = await fetch(`${t.baseUrl}/api/imports/customers?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}) },
      body: csv,
    });
    return {
      status: res.status,
      body: (await res.json()) as { data?: { id: string }; errors?: { message: string; extensions: { code: string; fields?: Record<string, string> } }[] },
    };
  };

  const importsOfTenant = () => t.db().count(CustomerImport, { tenant: tenantId });

  const finished = async (client: GraphQLClient, id: string) => {
    const query = `query($id: ID!) { customerImport(id: $id) {
      id fileName state error fileSize bytesRead rows imported duplicates rejected rowsPerSecond finishedAt
      rejections { line field reason values } } }`;
    let job: Record<string, unknown> & { state: string } = { state: 'RUNNING' };
    await expect
      .poll(
        async () => {
          job = (await client.ok<{ customerImport: typeof job }>(query, { id })).customerImport;
          return job.state;
        },
        { timeout: 30_000, interval: 100 },
      )
      .not.toBe('RUNNING');
    return job;
  };

  it('refuses the anonymous (401), those without the create permission (403) and an OU the uploader may not add to (400 on ou), writing nothing', async () => {
    const before = await importsOfTenant();
    const csv = 'name,phones\nAda,+49 30 5550100\n';
    const anonymous = await upload(undefined, csv, { ou: north });
    expect([anonymous.status, anonymous.body.errors?.[0]?.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const reader = await upload(viewer.client, csv, { ou: north });
    expect([reader.status, reader.body.errors?.[0]?.extensions.code]).toEqual([403, 'FORBIDDEN']);
    const cases: [Record<string, string>, string][] = [
      [{ ou: south }, 'OU not found'], // South is hidden from it: as missing
      [{ ou: 'not-an-id' }, 'OU not found'],
      [{}, 'Not allowed to add customers in Unorganized: choose an OU for rows without one'],
      [{ ou: '' }, 'Not allowed to add customers in Unorganized: choose an OU for rows without one'],
    ];
    for (const [query, message] of cases) {
      const refused = await upload(northWriter.client, csv, query);
      expect(refused.status, JSON.stringify(query)).toBe(400);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { ou: message } });
    }
    expect(await importsOfTenant()).toBe(before);
    expect(await t.db().count(Customer, { tenant: tenantId, name: 'Ada' })).toBe(0);
  });

  it('imports in the background into OUs the uploader may write, reports refused rows with the row as read, audited as the uploader', async () => {
    const csv = [
      'name,phones,ou',
      'Ann,+49 30 5550201,',
      'Ben,+49 30 5550202,North',
      'Cat,+49 30 5550203,South', // hidden from the uploader
      '"=HYPERLINK(""http://x"")",not a phone,',
      'Dan,+49 30 5550201,', // Ann's phone
    ].join('\n');
    const started = await upload(northWriter.client, csv, { ou: north, name: 'north.csv' });
    expect(started.status).toBe(202);
    const job = await finished(northWriter.client, started.body.data!.id);
    expect(job).toMatchObject({
      fileName: 'north.csv',
      state: 'DONE',
      error: null,
      rows: 5,
      imported: 2,
      duplicates: 1,
      rejected: 2,
      fileSize: Buffer.byteLength(csv),
    });
    expect(job.bytesRead).toBe(job.fileSize);
    expect(job.rowsPerSecond).toBeGreaterThan(0);
    expect(job.rejections).toEqual([
      { line: 4, field: 'ou', reason: 'Unknown OU "South"', values: ['Cat', '', '+49 30 5550203', '', '', '', '', '', 'South'] },
      { line: 5, field: 'phones', reason: expect.any(String), values: ['=HYPERLINK("http://x")', '', 'not a phone', '', '', '', '', '', ''] },
    ]);
    const imported = await t.db().find(Customer, { tenant: tenantId, name: { $in: ['Ann', 'Ben', 'Cat', 'Dan'] } }, { orderBy: { name: 'asc' } });
    expect(imported.map((c) => [c.name, c.ouId])).toEqual([
      ['Ann', north],
      ['Ben', north],
    ]);
    const audit = await t.db().find(AuditEntry, { tenant: tenantId, recordType: 'CustomerImport' });
    expect(audit.map((a) => [a.principalId, a.principalHandle])).toEqual([[northWriter.id, northWriter.account]]);
  });

  it('shows an import to its uploader only, and one whose server stopped as FAILED', async () => {
    const started = await upload(northWriter.client, 'name,phones\nEve,+49 30 5550301\n', { ou: north });
    const id = started.body.data!.id;
    await finished(northWriter.client, id);
    const query = 'query($id: ID!) { customerImport(id: $id) { id state error } }';
    for (const other of [admin, viewer.client]) {
      const res = await other.request(query, { id });
      expect(res.errors?.[0]?.extensions?.code).not.toBeUndefined();
      expect(res.data?.customerImport ?? null).toBeNull();
    }
    expect((await admin.request<{ myCustomerImports: unknown[] }>('{ myCustomerImports { id } }')).data?.myCustomerImports).toEqual([]);
    const mine = await northWriter.client.ok<{ myCustomerImports: { id: string }[] }>('{ myCustomerImports { id } }');
    expect(mine.myCustomerImports[0]?.id).toBe(id);

    // A RUNNING import that stopped writing its progress was interrupted.
    await t.db().nativeUpdate(CustomerImport, { id }, { state: 'RUNNING' as never, finishedAt: null, updatedAt: new Date(Date.now() - 120_000) });
    expect((await northWriter.client.ok<{ customerImport: unknown }>(query, { id })).customerImport).toEqual({ id, state: 'FAILED', error: INTERRUPTED });
  });

  it('refuses a file larger than the limit from its declared length (413), before reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.baseUrl}/api/imports/customers?ou=${north}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${northWriter.client.token}`, 'content-type': 'text/csv', 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('name,phones\n');
    });
    expect(status).toBe(413);
  });

  it('rejects paging arguments out of range with BAD_USER_INPUT', async () => {
    const started = await upload(northWriter.client, 'name,phones\nFay,+49 30 5550401\n', { ou: north });
    const id = started.body.data!.id;
    await finished(northWriter.client, id);
    const res = await northWriter.client.request('query($id: ID!) { customerImport(id: $id) { rejections(first: 0) { line } } }', { id });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
