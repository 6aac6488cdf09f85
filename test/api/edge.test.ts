import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgUnit } from '../../api/src/modules/org/org-unit.entity';
import { QUERY_LIMITS } from '../../api/src/server/limits';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { connect } from '../support/events';
import { wsClient, wsRequest, type GraphQLClient, type GraphQLResponse } from '../support/graphql';

let t: TestApp;
let prod: TestApp;
let admin: GraphQLClient;
let token: string;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  [t, prod] = await Promise.all([startTestApp(), startTestApp({ production: true })]);
  tenant = await createTestTenant(t.orm, 'edge');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  token = admin.token!;
});
afterAll(async () => {
  await t?.close();
  await prod?.close();
});

const countOus = () => t.db().count(OrgUnit, { tenant: tenant.tenantId });

/** Nested `parent` selections: depth grows by one per level. */
const deepQuery = (levels: number) => `{ allOrgUnits { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
/** Mutations under aliases: had the resolvers run, OUs would exist afterwards. */
const aliasedCreates = (n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: createOrgUnit(name: "Alias-${n}-${i}") { id }`).join(' ')} }`;
/** Many tokens without depth, aliases or cost: only the token limit catches it. */
const manyTokens = () => `{ me { ${Array.from({ length: QUERY_LIMITS.maxTokens }, () => 'account').join(' ')} } }`;
/** Shallow and few aliases, but lists multiply: full pages of employees with all their OU grants (200 at most each). */
const costly = () => `{ ${['a', 'b'].map((a) => `${a}: allEmployees(perPage: 500) { id grants { ouId canRead canWrite ou { id name path } } }`).join(' ')} }`;

type Transport = (query: string) => Promise<GraphQLResponse<unknown>>;
const overHttp: Transport = (query) => admin.request(query);
const overWs: Transport = async (query) => {
  const client = wsClient(t.wsUrl, token);
  try {
    return await wsRequest(client, query);
  } finally {
    await client.dispose();
  }
};

describe.each([
  ['HTTP', () => overHttp],
  ['WebSocket', () => overWs],
])('limits over %s', (_name, transport) => {
  it('runs a legitimate query', async () => {
    const res = await transport()('{ me { account } allOrgUnits { id parent { id } } }');
    expect(res.errors).toBeUndefined();
    expect((res.data as { me: { account: string } }).me.account).toBe(tenant.adminAccount);
  });

  it(`rejects depth over ${QUERY_LIMITS.maxDepth}`, async () => {
    const ok = await transport()(deepQuery(QUERY_LIMITS.maxDepth - 2));
    expect(ok.errors).toBeUndefined();
    const res = await transport()(deepQuery(QUERY_LIMITS.maxDepth + 2));
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it(`rejects more than ${QUERY_LIMITS.maxAliases} aliases without running a resolver`, async () => {
    const before = await countOus();
    const res = await transport()(aliasedCreates(QUERY_LIMITS.maxAliases + 1));
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
    expect(await countOus()).toBe(before);
  });

  it(`rejects more than ${QUERY_LIMITS.maxTokens} tokens at parse time`, async () => {
    const res = await transport()(manyTokens());
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/token/i);
  });

  it(`rejects a cost over ${QUERY_LIMITS.maxCost}`, async () => {
    const res = await transport()(costly());
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/cost/i);
  });
});

describe('reply headers', () => {
  it('sends GraphQL replies without an ETag: nothing revalidates a POST (the console page keeps its own: first-load test)', async () => {
    const reply = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBeNull();
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('WebSocket authentication', () => {
  it('closes a connection without a token with 4403, and runs mutations with one', async () => {
    const anonymous = connect(t.wsUrl);
    expect(await anonymous.closed).toBe(4403);
    const before = await countOus();
    const res = await overWs('mutation { createOrgUnit(name: "Via WebSocket") { path } }');
    expect(res.data).toEqual({ createOrgUnit: { path: 'Via WebSocket' } });
    expect(await countOus()).toBe(before + 1);
  });
});

describe('HTTP edge', () => {
  it('blocks CSRF-able requests (simple content type without a preflight header)', async () => {
    const res = await admin.post('{"query":"{ me { account } }"}', { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    const get = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ me { account } }')}`);
    expect(get.status).toBe(400);
  });

  it('refuses a body over the size limit with PAYLOAD_TOO_LARGE', async () => {
    const { status, reply } = await admin.send({ query: '{ me { account } }', variables: { pad: 'x'.repeat(110 * 1024) } });
    expect(status).toBe(413);
    expect(reply.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a malformed JSON body with BAD_REQUEST', async () => {
    const { status, reply } = await admin.send('{"query": ');
    expect(status).toBe(400);
    expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('suggests field names outside production only', async () => {
    const dev = await admin.request('{ allOrgUnitz { id } }');
    expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
    const res = await prod.client.request('{ allOrgUnitz { id } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const ws = wsClient(prod.wsUrl, (await prod.loginAs(tenant.adminAccount, tenant.password)).token);
    const wsRes = await wsRequest(ws, '{ allOrgUnitz { id } }');
    await ws.dispose();
    expect(wsRes.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('answers a document over WebSocket the same each time it comes, on one connection or another', async () => {
    // Documents are parsed and validated once per server and shared (server/ws.ts): a cached
    // verdict must be the verdict, errors and all, for every connection that sends the text.
    const token = (await prod.loginAs(tenant.adminAccount, tenant.password)).token;
    const [one, two] = [wsClient(prod.wsUrl, token), wsClient(prod.wsUrl, token)];
    try {
      for (const ws of [one, two, one]) {
        expect((await wsRequest(ws, '{ allOrgUnitz { id } }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect((await wsRequest(ws, '{ allOrgUnits { id ')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
        const ok = await wsRequest(ws, '{ me { account } }');
        expect(ok.errors).toBeUndefined();
        expect(ok.data).toEqual({ me: { account: tenant.adminAccount } });
      }
    } finally {
      await Promise.all([one.dispose(), two.dispose()]);
    }
  });

  it('refuses introspection in production on both transports, allows it in development', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect((await t.client.request(query)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const http = await prod.client.request(query);
    expect(http.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ws = wsClient(prod.wsUrl, (await prod.loginAs(tenant.adminAccount, tenant.password)).token);
    const wsRes = await wsRequest(ws, query);
    await ws.dispose();
    expect(wsRes.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('input PostgreSQL cannot store', () => {
  it('refuses NUL characters per field, in plain arguments and inside JSON values, writing nothing', async () => {
    const before = await countOus();
    const res = await admin.request('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: 'Bad\u0000Name' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: 'Must not contain NUL characters' } });
    const tenantName = await admin.request('mutation($n: String) { updateMyTenant(name: $n) { id } }', { n: 'x\u0000' });
    expect(tenantName.errors?.[0]?.extensions?.fields).toHaveProperty('name');
    const search = await admin.request('query($q: String) { allOrgUnits(filter: { q: $q }) { id } }', { q: '\u0000' });
    expect(search.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countOus()).toBe(before);
  });
});

describe('react-admin compatibility', () => {
  it('meta queries accept (and ignore) the paging and sorting react-admin sends', async () => {
    const res = await admin.ok<{ _allOrgUnitsMeta: { count: number } }>(
      '{ _allOrgUnitsMeta(page: 3, perPage: 10, sortField: "name", sortOrder: "ASC") { count } }',
    );
    expect(res._allOrgUnitsMeta.count).toBe(await countOus());
  });
});

describe('internal errors', () => {
  it('are masked: a generic message and code, no stack, no SQL', async () => {
    const broken = await startTestApp();
    const client = await broken.loginAs(tenant.adminAccount, tenant.password);
    await broken.orm.close(true); // the database goes away under a running server
    const res = await client.request('{ allOrgUnits { id } }');
    await broken.app.stop();
    expect(res.errors?.[0]).toEqual(expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    expect(JSON.stringify(res)).not.toMatch(/select|org_unit|stack|pool/i);
  });
});
