import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../../api/src/modules/customer/customer.entity';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { code, createEmployee, createOu, createRole } from '../support/security';

let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTestTenant(t.orm, 'cust');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  await admin.ok('mutation { a: createAddressOption(value: "Berlin") { id } b: createAddressOption(value: "Paris") { id } }');
});
afterAll(() => t?.close());

const CREATE = `mutation($name: String, $phones: [String!], $emails: [String!], $company: String, $address: String, $addressDetail: String, $remark: String, $ouId: ID, $gender: Gender) {
  createCustomer(name: $name, phones: $phones, emails: $emails, company: $company, address: $address, addressDetail: $addressDetail, remark: $remark, ouId: $ouId, gender: $gender) {
    id customerNumber name phones emails company address ouId version access { canEdit canDelete }
  }
}`;
type C = {
  id: string;
  customerNumber: string;
  name: string;
  phones: string[];
  address: string;
  emails: string[];
  ouId: string | null;
  access: { canEdit: boolean; canDelete: boolean };
};
const create = async (vars: Record<string, unknown>) => (await admin.ok<{ createCustomer: C }>(CREATE, vars)).createCustomer;
const count = () => t.db().count(Customer, { tenant: tenant.tenantId });

describe('customer fields', () => {
  it('creates a customer with a server-assigned numeric number, unique in the tenant', async () => {
    const a = await create({ name: 'Ada', phones: ['+44 20 7946 0018'], emails: ['ada@example.com'], address: 'Berlin', gender: 'FEMALE' });
    const b = await create({ name: 'Bob' });
    expect(a.customerNumber).toMatch(/^\d+$/);
    expect(Number(b.customerNumber)).toBe(Number(a.customerNumber) + 1);
    expect(a).toMatchObject({ name: 'Ada', phones: ['+44 20 7946 0018'], emails: ['ada@example.com'], ouId: null, access: { canEdit: true, canDelete: true } });
  });

  it('accepts every limit at its edge', async () => {
    const edge = await create({
      name: 'n'.repeat(80),
      company: 'c'.repeat(80),
      addressDetail: 'd'.repeat(80),
      remark: 'r'.repeat(80),
      phones: ['1', '22', '333', '4444', '5'.repeat(20)],
      emails: ['a@b.co', `a@${'b'.repeat(61)}.${'c'.repeat(60)}.com`],
    });
    expect(edge.phones).toHaveLength(5);
    expect(edge.emails[1]).toHaveLength(128);
  });

  it.each([
    ['name', { name: 'n'.repeat(81) }],
    ['company', { company: 'c'.repeat(81) }],
    ['addressDetail', { addressDetail: 'd'.repeat(81) }],
    ['remark', { remark: 'r'.repeat(81) }],
    ['phones', { phones: ['1', '2', '3', '4', '5', '6'] }],
    ['phones', { phones: ['1'.repeat(21)] }],
    ['phones', { phones: [''] }],
    ['phones', { phones: ['no digits'] }],
    ['emails', { emails: ['a@b.co', 'c@d.co', 'e@f.co'] }],
    ['emails', { emails: ['not-an-email'] }],
    ['emails', { emails: [`a@${'b'.repeat(62)}.${'c'.repeat(60)}.com`] }],
    ['address', { address: 'Atlantis' }],
    ['ouId', { ouId: '3b241101-e2bb-4255-8caf-4136c566a962' }],
  ])('refuses a bad %s with BAD_USER_INPUT on it, writing nothing', async (field, vars) => {
    const before = await count();
    const res = await admin.request(CREATE, vars);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors![0]!.extensions!.fields!)).toEqual([field]);
    expect(await count()).toBe(before);
  });

  it.each([
    [['+44 20 7946 0018', '0044 (20) 7946-0018'], 'phones.1'],
    [['555 0100', '+1 415 555 0199', '555-0100'], 'phones.2'],
  ])('refuses two phones that normalise to one number (%j), naming the second, writing nothing', async (phones, field) => {
    const before = await count();
    const res = await admin.request(CREATE, { name: 'Twice', phones });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors![0]!.extensions!.fields!)).toEqual([field]);
    expect(await count()).toBe(before);
    const c = await create({ name: 'Once', phones: [phones[0]] });
    const update = await admin.request('mutation($id: ID!, $p: [String!]) { updateCustomer(id: $id, phones: $p) { id } }', { id: c.id, p: phones });
    expect(Object.keys(update.errors![0]!.extensions!.fields!)).toEqual([field]);
  });

  it('says which reference was not found, in words an admin reads', async () => {
    const res = await admin.request(CREATE, { address: 'Atlantis', ouId: '3b241101-e2bb-4255-8caf-4136c566a962' });
    expect(res.errors![0]!.extensions!.fields).toEqual({ address: '"Atlantis" is not one of the address options', ouId: 'OU not found' });
  });

  it('trims an address option, and a null gender keeps the gender', async () => {
    const c = await create({ name: 'Trim', address: '  Berlin ', gender: 'MALE' });
    expect(c.address).toBe('Berlin');
    const kept = await admin.ok<{ updateCustomer: { gender: string; address: string } }>(
      'mutation($id: ID!) { updateCustomer(id: $id, gender: null, address: null) { gender address } }',
      { id: c.id },
    );
    expect(kept.updateCustomer).toEqual({ gender: 'MALE', address: '' });
  });

  it('updates with the same rules and a version check', async () => {
    const c = await create({ name: 'Versioned', phones: ['111-222-3333'] });
    const ok = await admin.ok<{ updateCustomer: { name: string; version: number } }>(
      'mutation($id: ID!) { updateCustomer(id: $id, name: "Renamed", version: 1) { name version } }',
      { id: c.id },
    );
    expect(ok.updateCustomer).toEqual({ name: 'Renamed', version: 2 });
    expect(code(await admin.request('mutation($id: ID!) { updateCustomer(id: $id, name: "Stale", version: 1) { id } }', { id: c.id }))).toBe('CONFLICT');
    expect(code(await admin.request('mutation($id: ID!) { updateCustomer(id: $id, phones: ["1","2","3","4","5","6"]) { id } }', { id: c.id }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('customer search', () => {
  let north: string;
  beforeAll(async () => {
    north = await createOu(admin, 'Search-North');
    await create({ name: 'Phone Person', phones: ['+1 (415) 555-0199'], company: 'Acme Widgets', ouId: north });
    await create({ name: 'National Person', phones: ['0412 345 678'], emails: ['Mixed.Case@Example.org'] });
  });
  const search = async (filter: Record<string, unknown>) =>
    await admin.ok<{ allCustomers: { name: string }[]; _allCustomersMeta: { count: number } }>(
      'query($f: CustomerFilter) { allCustomers(filter: $f, perPage: 100) { name } _allCustomersMeta(filter: $f) { count } }',
      { f: filter },
    );

  it.each([['+14155550199'], ['1-415-555-0199'], ['(415) 555 0199'], ['4155550199'], ['0199'], ['555-0199']])('finds a phone written as %s', async (phone) => {
    const res = await search({ phone });
    expect(res.allCustomers.map((c) => c.name)).toContain('Phone Person');
    expect(res._allCustomersMeta.count).toBe(res.allCustomers.length);
  });

  it('finds a national number from an international caller id, and refuses fewer than 4 digits', async () => {
    expect((await search({ phone: '+61 412 345 678' })).allCustomers.map((c) => c.name)).toEqual(['National Person']);
    expect(code(await admin.request('{ allCustomers(filter: { phone: "123" }) { id } }'))).toBe('BAD_USER_INPUT');
  });

  it('finds by a phone typed into the search (q), as a picker searches', async () => {
    expect((await search({ q: '555-0199' })).allCustomers.map((c) => c.name)).toEqual(['Phone Person']);
    expect((await search({ q: '+61 412 345 678' })).allCustomers.map((c) => c.name)).toEqual(['National Person']);
    // Three digits are a customer-number prefix, not a phone.
    expect((await search({ q: '019' })).allCustomers.map((c) => c.name)).not.toContain('Phone Person');
  });

  it('finds by e-mail in any case, by name, company or number, and by OU', async () => {
    expect((await search({ email: 'mixed.case@example.ORG' })).allCustomers.map((c) => c.name)).toEqual(['National Person']);
    expect((await search({ q: 'widgets' })).allCustomers.map((c) => c.name)).toEqual(['Phone Person']);
    expect((await search({ q: 'phone per' })).allCustomers.map((c) => c.name)).toEqual(['Phone Person']);
    expect((await search({ ouId: north })).allCustomers.map((c) => c.name)).toEqual(['Phone Person']);
    const [first] = (
      await admin.ok<{ allCustomers: { customerNumber: string; name: string }[] }>(
        '{ allCustomers(perPage: 1, sortField: "customerNumber", sortOrder: "ASC") { customerNumber name } }',
      )
    ).allCustomers;
    expect((await search({ q: first!.customerNumber })).allCustomers.map((c) => c.name)).toContain(first!.name);
  });
});

describe('OU filter with its sub-OUs', () => {
  it('matches the OU alone by default and its whole subtree with includeSubOus, in the list and its count', async () => {
    const top = await createOu(admin, 'Tree-Top');
    const mid = await createOu(admin, 'Tree-Mid', top);
    const leaf = await createOu(admin, 'Tree-Leaf', mid);
    const other = await createOu(admin, 'Tree-Other');
    await create({ name: 'At Top', ouId: top });
    await create({ name: 'At Mid', ouId: mid });
    await create({ name: 'At Leaf', ouId: leaf });
    await create({ name: 'Elsewhere', ouId: other });
    await create({ name: 'Nowhere', ouId: null });
    const names = async (filter: Record<string, unknown>) => {
      const res = await admin.ok<{ allCustomers: { name: string }[]; _allCustomersMeta: { count: number } }>(
        'query($f: CustomerFilter) { allCustomers(filter: $f, perPage: 100) { name } _allCustomersMeta(filter: $f) { count } }',
        { f: filter },
      );
      expect(res._allCustomersMeta.count).toBe(res.allCustomers.length);
      return res.allCustomers.map((c) => c.name).sort();
    };
    expect(await names({ ouId: top })).toEqual(['At Top']);
    expect(await names({ ouId: top, includeSubOus: false })).toEqual(['At Top']);
    expect(await names({ ouId: top, includeSubOus: true })).toEqual(['At Leaf', 'At Mid', 'At Top']);
    expect(await names({ ouId: mid, includeSubOus: true })).toEqual(['At Leaf', 'At Mid']);
    // Alone, the switch narrows nothing.
    expect(await names({ includeSubOus: true, q: 'Elsewhere' })).toEqual(['Elsewhere']);
  });

  it('keeps the caller’s scope: a sub-OU it may not read stays out', async () => {
    const top = await createOu(admin, 'Scope-Top');
    const hidden = await createOu(admin, 'Scope-Hidden', top);
    const seen = await createOu(admin, 'Scope-Seen', top);
    await create({ name: 'Scope seen', ouId: seen });
    await create({ name: 'Scope hidden', ouId: hidden });
    const role = await createRole(admin, ['customer-center', 'customer-center:view']);
    const reader = await createEmployee(t, admin, { roleIds: [role], grants: [{ ouId: seen, canRead: true, canWrite: false }] }, 'subtree');
    const api = await t.loginAs(reader.account, reader.password);
    const { allCustomers } = await api.ok<{ allCustomers: { name: string }[] }>(
      'query($o: ID) { allCustomers(filter: { ouId: $o, includeSubOus: true }, perPage: 100) { name } }',
      { o: top },
    );
    expect(allCustomers.map((c) => c.name)).toEqual(['Scope seen']);
  });

  it('is the kernel’s: an OU-owned routing list takes it too', async () => {
    const top = await createOu(admin, 'Ivr-Top');
    const sub = await createOu(admin, 'Ivr-Sub', top);
    await admin.ok('mutation($o: ID) { createIvr(name: "Sub IVR", accessCode: "7001", mediaType: VOICE, ouId: $o) { id } }', { o: sub });
    const list = async (include: boolean) =>
      (
        await admin.ok<{ allIvrs: { name: string }[] }>('query($o: ID, $i: Boolean) { allIvrs(filter: { ouId: $o, includeSubOus: $i }) { name } }', {
          o: top,
          i: include,
        })
      ).allIvrs.map((i) => i.name);
    expect(await list(false)).toEqual([]);
    expect(await list(true)).toEqual(['Sub IVR']);
  });
});

describe('access', () => {
  it('Edit needs edit-contacts and write on the OU; Delete needs delete and write on the OU', async () => {
    const mine = await createOu(admin, 'Access-Mine');
    const other = await createOu(admin, 'Access-Other');
    const inMine = await create({ name: 'In mine', ouId: mine });
    const readOnly = await create({ name: 'Read only', ouId: other });
    const editor = await createRole(admin, ['customer-center', 'customer-center:view', 'customer-center:edit-contacts']);
    const e = await createEmployee(
      t,
      admin,
      {
        roleIds: [editor],
        grants: [
          { ouId: mine, canRead: true, canWrite: true },
          { ouId: other, canRead: true, canWrite: false },
        ],
      },
      'cust-editor',
    );
    const { allCustomers } = await e.client.ok<{ allCustomers: { name: string; access: { canEdit: boolean; canDelete: boolean } }[] }>(
      'query($ids: [ID!]) { allCustomers(filter: { ids: $ids }) { name access { canEdit canDelete } } }',
      { ids: [inMine.id, readOnly.id] },
    );
    expect(Object.fromEntries(allCustomers.map((c) => [c.name, c.access]))).toEqual({
      'In mine': { canEdit: true, canDelete: false },
      'Read only': { canEdit: false, canDelete: false },
    });
    expect((await e.client.request('mutation($id: ID!) { updateCustomer(id: $id, remark: "ok") { id } }', { id: inMine.id })).errors).toBeUndefined();
    expect(code(await e.client.request('mutation($id: ID!) { updateCustomer(id: $id, remark: "no") { id } }', { id: readOnly.id }))).toBe('FORBIDDEN');
    expect(code(await e.client.request('mutation($id: ID!) { deleteCustomer(id: $id) { id } }', { id: inMine.id }))).toBe('FORBIDDEN');
    expect(code(await e.client.request('mutation($id: ID!, $o: ID) { updateCustomer(id: $id, ouId: $o) { id } }', { id: inMine.id, o: other }))).toBe(
      'FORBIDDEN',
    );
  });
});
