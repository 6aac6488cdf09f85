import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IDS } from '../../api/src/common/list';
import { TokenService } from '../../api/src/modules/identity/token';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient } from '../support/graphql';
import { createEmployee } from '../support/security';

/**
 * A stock react-admin data provider against the running server: `ra-data-graphql-simple` set up as
 * its README says, no buildQuery of ours, no adapter. The CommonJS builds, as the console's build
 * would bundle them (their ESM builds import @apollo/client in a way Node's ESM loader refuses).
 */
const require = createRequire(__filename);
const buildGraphQLProvider = require('ra-data-graphql-simple').default as (options: object) => StockProvider;
const { ApolloClient, HttpLink, InMemoryCache } = require('@apollo/client') as typeof import('@apollo/client');

type AnyRecord = { id: string; [key: string]: unknown };
type Sort = { field: string; order: 'ASC' | 'DESC' };
type Paging = { page: number; perPage: number };
/** The part of react-admin's DataProvider this test calls, as ra-data-graphql answers it. */
interface StockProvider {
  getList(resource: string, p: { pagination: Paging; sort: Sort; filter: object }): Promise<{ data: AnyRecord[]; total: number }>;
  getOne(resource: string, p: { id: string }): Promise<{ data: AnyRecord }>;
  getMany(resource: string, p: { ids: string[] }): Promise<{ data: AnyRecord[] }>;
  getManyReference(
    resource: string,
    p: { target: string; id: string; pagination: Paging; sort: Sort; filter: object },
  ): Promise<{ data: AnyRecord[]; total: number }>;
  create(resource: string, p: { data: object }): Promise<{ data: AnyRecord }>;
  update(resource: string, p: { id: string; data: object; previousData: object }): Promise<{ data: AnyRecord }>;
  delete(resource: string, p: { id: string; previousData: object }): Promise<{ data: AnyRecord }>;
  getIntrospection(): Promise<Introspection>;
  client: { stop(): void };
}
interface Introspection {
  resources: { type: { name: string; fields: { name: string; type: TypeRef }[] }; GET_LIST?: object; UPDATE?: { args: { name: string }[] } }[];
}
type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null };

/** What react-admin's HttpError carries (ra-data-graphql throws it for every failure). */
interface HttpErrorLike {
  message: string;
  status: number;
  body?: { errors?: unknown; graphQLErrors?: { extensions?: { code?: string; fields?: Record<string, string> } }[] };
}
async function failure(promise: Promise<unknown>): Promise<HttpErrorLike> {
  try {
    await promise;
  } catch (e) {
    return e as HttpErrorLike;
  }
  throw new Error('expected the call to fail');
}

/**
 * react-admin's documented authProvider.checkError: a 401 or 403 from the data provider signs out
 * (https://marmelab.com/react-admin/AuthProviderWriting.html).
 */
function stockAuthProvider(session: { token?: string }) {
  return {
    checkError(error: { status?: number }) {
      if (error.status === 401 || error.status === 403) {
        delete session.token;
        return Promise.reject();
      }
      return Promise.resolve();
    },
  };
}

let t: TestApp;
let admin: GraphQLClient;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let secret: string;
const opened: StockProvider[] = [];
const DEFAULT_SORT: Sort = { field: 'id', order: 'ASC' };

/** The README's setup: `clientOptions` with the endpoint, the bearer token as a header. */
function provider(token: string): StockProvider {
  const dp = buildGraphQLProvider({ clientOptions: { uri: `${t.baseUrl}/graphql`, headers: { authorization: `Bearer ${token}` } } });
  opened.push(dp);
  return dp;
}

/** The other documented setup: an Apollo Client 3 of the app's own, its HttpLink carrying the token. */
function providerWithClient(token: string): StockProvider {
  const client = new ApolloClient({
    link: new HttpLink({ uri: `${t.baseUrl}/graphql`, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache(),
  });
  const dp = buildGraphQLProvider({ client });
  opened.push(dp);
  return dp;
}

let dp: StockProvider;

beforeAll(async () => {
  t = await startTestApp();
  // A token service whose key the test knows, so it can sign a token that has expired.
  secret = randomBytes(32).toString('hex');
  t.app.services.tokens = new TokenService(secret, 3600);
  tenant = await createTestTenant(t.orm, 'stock');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  dp = provider(admin.token!);
});
afterAll(async () => {
  for (const p of opened) p.client.stop();
  await t?.close();
});

const ouNamed = async (name: string, parentId?: string) => (await dp.create('OrgUnit', { data: parentId ? { name, parentId } : { name } })).data;

describe('a stock ra-data-graphql-simple provider', () => {
  it("lists every resource in react-admin's default sort (by id), both ways", async () => {
    const intro = await dp.getIntrospection();
    const listed = intro.resources.filter((r) => r.GET_LIST).map((r) => r.type.name);
    expect(listed.length).toBeGreaterThanOrEqual(10);
    await Promise.all([ouNamed('Sort A'), ouNamed('Sort B'), ouNamed('Sort C')]);
    for (const resource of listed) {
      for (const order of ['ASC', 'DESC'] as const) {
        const page = await dp.getList(resource, { pagination: { page: 1, perPage: 25 }, sort: { field: 'id', order }, filter: {} });
        const ids = page.data.map((r) => r.id);
        const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(ids, `${resource} ${order}`).toEqual(order === 'ASC' ? sorted : sorted.reverse());
        expect(page.total, resource).toBeGreaterThanOrEqual(page.data.length);
      }
    }
    const ous = await dp.getList('OrgUnit', { pagination: { page: 1, perPage: 25 }, sort: DEFAULT_SORT, filter: {} });
    expect(ous.data.map((o) => o.name)).toEqual(expect.arrayContaining(['DefaultOU', 'Sort A', 'Sort B', 'Sort C']));
  });

  it('reads one record, with its reference as react-admin expects it (`ou.id` beside `ouId`)', async () => {
    const created = (await dp.create('Customer', { data: { name: 'Read Me', ouId: tenant.defaultOuId } })).data;
    const { data } = await dp.getOne('Customer', { id: created.id });
    expect(data).toMatchObject({ id: created.id, name: 'Read Me', ouId: tenant.defaultOuId, 'ou.id': tenant.defaultOuId, ou: { id: tenant.defaultOuId } });
  });

  describe('getMany', () => {
    const ids: string[] = [];
    let ou: string;
    beforeAll(async () => {
      ou = (await ouNamed('Sixty')).id;
      for (let batch = 0; batch < 6; batch++) {
        const created = await Promise.all(Array.from({ length: 10 }, (_, i) => dp.create('Customer', { data: { name: `Many ${batch * 10 + i}`, ouId: ou } })));
        ids.push(...created.map((c) => c.data.id));
      }
    });

    it('of 60 ids answers all 60 (no default page cuts it)', async () => {
      const { data } = await dp.getMany('Customer', { ids });
      expect(data.map((c) => c.id).sort()).toEqual([...ids].sort());
    });

    it('answers the ids in scope only: an unknown id is left out, not an error', async () => {
      const { data } = await dp.getMany('Customer', { ids: [ids[0]!, randomUUID()] });
      expect(data.map((c) => c.id)).toEqual([ids[0]]);
    });

    it(`of ${MAX_IDS} ids, the most, passes the cost limit (priced by the ids, as the largest page)`, async () => {
      const most = [...ids, ...Array.from({ length: MAX_IDS - ids.length }, () => randomUUID())];
      const { data } = await dp.getMany('Customer', { ids: most });
      expect(data).toHaveLength(ids.length);
    });

    it(`above ${MAX_IDS} ids is refused as BAD_USER_INPUT saying so, never cut`, async () => {
      const tooMany = [...ids, ...Array.from({ length: MAX_IDS + 1 - ids.length }, () => randomUUID())];
      const error = await failure(dp.getMany('Customer', { ids: tooMany }));
      expect(error.message).toMatch(new RegExp(`At most ${MAX_IDS} ids`));
      expect(error.body?.graphQLErrors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('getManyReference pages the records that point at one record', async () => {
      const page1 = await dp.getManyReference('Customer', { target: 'ouId', id: ou, pagination: { page: 1, perPage: 25 }, sort: DEFAULT_SORT, filter: {} });
      const page3 = await dp.getManyReference('Customer', { target: 'ouId', id: ou, pagination: { page: 3, perPage: 25 }, sort: DEFAULT_SORT, filter: {} });
      expect(page1.total).toBe(60);
      expect(page1.data).toHaveLength(25);
      expect(page3.data).toHaveLength(10);
      expect(page1.data.every((c) => c.ouId === ou)).toBe(true);
    });
  });

  describe('update carrying the whole loaded record', () => {
    it("moves a customer to the OU its `ouId` names, though the record's `ou { id }` still names the old one", async () => {
      const from = (await ouNamed('From')).id;
      const to = (await ouNamed('To')).id;
      const created = (await dp.create('Customer', { data: { name: 'Mover', ouId: from } })).data;
      const { data: loaded } = await dp.getOne('Customer', { id: created.id });
      expect(loaded.ou).toEqual({ id: from });
      const { data: saved } = await dp.update('Customer', { id: loaded.id, data: { ...loaded, ouId: to }, previousData: loaded });
      expect(saved.ouId).toBe(to);
      expect((await dp.getOne('Customer', { id: loaded.id })).data.ouId).toBe(to);

      // And to no OU (Unorganized), the reference set to null by its id field.
      const { data: reloaded } = await dp.getOne('Customer', { id: created.id });
      await dp.update('Customer', { id: reloaded.id, data: { ...reloaded, ouId: null }, previousData: reloaded });
      const { data: unorganized } = await dp.getOne('Customer', { id: created.id });
      expect(unorganized.ouId).toBeUndefined(); // null fields are left out of react-admin records
      expect(unorganized.ou).toBeUndefined();
    });

    it('moves an OU under another parent, and to the top level with `parentId: null`', async () => {
      const a = await ouNamed('Parent A');
      const b = await ouNamed('Parent B');
      const child = await ouNamed('Child', a.id);
      const { data: loaded } = await dp.getOne('OrgUnit', { id: child.id });
      expect(loaded).toMatchObject({ parentId: a.id, parent: { id: a.id } });

      const { data: moved } = await dp.update('OrgUnit', { id: child.id, data: { ...loaded, parentId: b.id }, previousData: loaded });
      expect(moved).toMatchObject({ parentId: b.id, path: 'Parent B / Child' });

      const { data: top } = await dp.update('OrgUnit', { id: child.id, data: { ...moved, parentId: null }, previousData: moved });
      expect(top).toMatchObject({ path: 'Child' });
      expect(top.parentId).toBeUndefined();
    });

    it('keeps a null reference when the loaded record has none, and sets one', async () => {
      const top = await ouNamed('Top level');
      const target = await ouNamed('Target');
      const { data: loaded } = await dp.getOne('OrgUnit', { id: top.id });
      expect(loaded.parent).toBeUndefined();
      const { data: renamed } = await dp.update('OrgUnit', { id: top.id, data: { ...loaded, name: 'Top level renamed' }, previousData: loaded });
      expect(renamed).toMatchObject({ name: 'Top level renamed', path: 'Top level renamed' });
      expect(renamed.parentId).toBeUndefined();
      const { data: placed } = await dp.update('OrgUnit', { id: top.id, data: { ...renamed, parentId: target.id }, previousData: renamed });
      expect(placed).toMatchObject({ parentId: target.id, path: 'Target / Top level renamed' });
    });

    it('moves an employee to another home OU and manager', async () => {
      const home = await ouNamed('Home');
      const employee = async (account: string, managerId?: string) =>
        (
          await dp.create('Employee', {
            data: { account: `${account}.${tenant.code}`, name: account, password: 'Initial#Pass1', homeOuId: tenant.defaultOuId, managerId },
          })
        ).data;
      const [boss, other] = await Promise.all([employee('boss'), employee('other')]);
      const emp = await employee('emp', boss.id);
      const { data: loaded } = await dp.getOne('Employee', { id: emp.id });
      expect(loaded).toMatchObject({ homeOu: { id: tenant.defaultOuId }, manager: { id: boss.id } });
      const { data: saved } = await dp.update('Employee', { id: emp.id, data: { ...loaded, homeOuId: home.id, managerId: other.id }, previousData: loaded });
      expect(saved).toMatchObject({ homeOuId: home.id, managerId: other.id });
    });

    it("`parent: null` in the data fails inside the stock provider, before any request (the limit of the grammar's `xId` arguments)", async () => {
      const a = await ouNamed('Null A');
      const child = await ouNamed('Null child', a.id);
      const { data: loaded } = await dp.getOne('OrgUnit', { id: child.id });
      // ra-data-graphql-simple writes any object-or-null value `x` as `xId: x.id` when the mutation
      // has an `xId` argument, and reads `.id` of null. react-admin never sends it by itself: its
      // records leave null fields out, and inputs are bound to `parentId`.
      await expect(dp.update('OrgUnit', { id: child.id, data: { ...loaded, parent: null, parentId: null }, previousData: loaded })).rejects.toThrow(
        /Cannot read properties of null/,
      );
      expect((await dp.getOne('OrgUnit', { id: child.id })).data).toMatchObject({ parentId: a.id, version: loaded.version });
    });
  });

  it('deletes', async () => {
    const ou = await ouNamed('Doomed');
    const { data } = await dp.delete('OrgUnit', { id: ou.id, previousData: ou });
    expect(data.id).toBe(ou.id);
    const error = await failure(dp.getOne('OrgUnit', { id: ou.id }));
    expect(error.body?.graphQLErrors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("a server field error reaches react-admin as the error's message, with the field in the GraphQL error", async () => {
    await ouNamed('Taken');
    const error = await failure(dp.create('OrgUnit', { data: { name: 'Taken' } }));
    const message = 'An OU named "Taken" already exists at the top level';
    // What react-admin shows (its notification shows error.message); a field error keeps HTTP 200,
    // because ra-data-graphql keeps neither the message nor the errors of a non-2xx reply.
    expect(error).toMatchObject({ status: 200, message });
    expect(error.body?.graphQLErrors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: message } });
    // What a stock form cannot do: ra-core puts `error.body.errors` ({ field: message }) under the
    // inputs, and ra-data-graphql's body is the ApolloError, which has no `errors`.
    expect(error.body?.errors).toBeUndefined();
  });

  it('an expired token is a 401 for every call, so a stock checkError signs out', async () => {
    const { me } = await admin.ok<{ me: { id: string } }>('{ me { id } }');
    const [row] = await t.orm.em.getConnection().execute<{ credential_version: number }[]>('select credential_version from employee where id = ?', [me.id]);
    const expired = await new TokenService(secret, -120).issue({ sub: me.id, tid: tenant.tenantId, knd: 'employee', cv: row!.credential_version });
    for (const stale of [provider(expired.token), providerWithClient(expired.token)]) {
      const calls = [
        () => stale.getList('OrgUnit', { pagination: { page: 1, perPage: 25 }, sort: DEFAULT_SORT, filter: {} }),
        () => stale.getOne('OrgUnit', { id: tenant.defaultOuId }), // a nullable root field: refused, not answered null
        () => stale.update('OrgUnit', { id: tenant.defaultOuId, data: { id: tenant.defaultOuId, name: 'Hijacked' }, previousData: {} }),
      ];
      for (const call of calls) {
        const session = { token: expired.token };
        const error = await failure(call());
        expect(error.status).toBe(401);
        await expect(stockAuthProvider(session).checkError(error)).rejects.toBeUndefined();
        expect(session.token).toBeUndefined();
      }
    }
    expect((await dp.getOne('OrgUnit', { id: tenant.defaultOuId })).data.name).toBe('DefaultOU');
  });

  it('a request the caller may not make is a 403', async () => {
    const nobody = await createEmployee(t, admin, {}, 'nobody');
    const error = await failure(provider(nobody.client.token!).getList('OrgUnit', { pagination: { page: 1, perPage: 25 }, sort: DEFAULT_SORT, filter: {} }));
    expect(error.status).toBe(403);
  });
});

describe('the HTTP status of a refusal', () => {
  it('401 with WWW-Authenticate and no data when every root field is refused for authentication', async () => {
    // Two nullable root fields: graphql-js answers `data: { a: null, b: null }`, which says nothing.
    const res = await t.client.post({
      query: 'query($id: ID!) { a: OrgUnit(id: $id) { id } b: Customer(id: $id) { id } }',
      variables: { id: tenant.defaultOuId },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body).not.toHaveProperty('data');
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('200 with the data when only part of the request is refused', async () => {
    const res = await t.client.post({ query: 'query($id: ID!) { __typename a: OrgUnit(id: $id) { id } }', variables: { id: tenant.defaultOuId } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toEqual({ __typename: 'Query', a: null });
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('200 for a failed login: a public operation answering, not a refusal of the caller', async () => {
    const res = await t.client.post({
      query: 'mutation($a: String!) { login(account: $a, password: "Wrong#Pass1") { token } }',
      variables: { a: tenant.adminAccount },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ login: null });
  });

  it('200 for errors of other codes (BAD_USER_INPUT, NOT_FOUND), with their data', async () => {
    const res = await admin.post({ query: 'query($id: ID!) { OrgUnit(id: $id) { id } }', variables: { id: randomUUID() } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ OrgUnit: null });
  });
});

describe('the served schema', () => {
  it("lists each reference's object field before its id field, for every update with an `xId` argument", async () => {
    const intro = await dp.getIntrospection();
    const pairs: string[] = [];
    for (const r of intro.resources) {
      const fields = r.type.fields.map((f) => f.name);
      for (const arg of r.UPDATE?.args ?? []) {
        const object = arg.name.endsWith('Id') ? arg.name.slice(0, -2) : undefined;
        if (!object || !fields.includes(object) || !fields.includes(arg.name)) continue;
        pairs.push(`${r.type.name}.${object}`);
        expect(fields.indexOf(object), `${r.type.name}: ${object} before ${arg.name}`).toBeLessThan(fields.indexOf(arg.name));
      }
    }
    expect(pairs).toEqual(expect.arrayContaining(['OrgUnit.parent', 'Customer.ou', 'Employee.homeOu', 'Employee.manager']));
  });
});
