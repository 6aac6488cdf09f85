import { createRequire } from 'node:module';
import { getNamedType, getNullableType, introspectionFromSchema, isLeafType, isListType, isObjectType, parse, print, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { buildAppSchema } from '../../api/src/schema';
import { costCheck } from '../../api/src/server/cost';
import { QUERY_LIMITS } from '../../api/src/server/limits';
import { LIST_SIZE } from '../../api/src/base/list-size';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { createEmployee } from '../support/security';
import { countStatements } from '../support/statements';
import { wsClient, wsRequest, type GraphQLClient, type GraphQLResponse } from '../support/graphql';

/** A logger keeping every entry (debug and up), so a test can say what was logged at which level. */
function recordingLogger() {
  const entries: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line)) });
  return { logger, entries, above: (level: number) => entries.filter((e) => e.level > level) };
}
const DEBUG = 20;

const CRM = 'https://crm.example.com';

/** The product's defaults. */
let t: TestApp;
/** Behind a proxy on this machine, with a CRM widget's origin allowed. */
let configured: TestApp;
let log: ReturnType<typeof recordingLogger>;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let admin: GraphQLClient;

beforeAll(async () => {
  log = recordingLogger();
  [t, configured] = await Promise.all([startTestApp({ logger: log.logger }), startTestApp({ trustedProxies: ['loopback'], corsOrigins: [CRM] })]);
  tenant = await createTestTenant(t.orm, 'hard');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(async () => {
  await t?.close();
  await configured?.close();
});

type Transport = (query: string, token?: string) => Promise<GraphQLResponse<unknown>>;
const overHttp: Transport = (query, token) => (token ? t.client.withToken(token) : t.client).request(query);
const overWs: Transport = async (query, token) => {
  const client = wsClient(t.wsUrl, token);
  try {
    return await wsRequest(client, query);
  } finally {
    await client.dispose();
  }
};
const transports = [
  ['HTTP', () => overHttp],
  ['WebSocket', () => overWs],
] as const;

describe.each(transports)('a subscription field the schema lacks, over %s', (name, transport) => {
  it('is a validation error, anonymously (HTTP) and signed in, logged at most at debug', async () => {
    const before = log.above(DEBUG).length;
    // An anonymous WebSocket is closed at connection_init (test/api/events.test.ts).
    for (const token of name === 'HTTP' ? [undefined, admin.token] : [admin.token]) {
      const res = await transport()('subscription { me { id } }', token);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/Cannot query field "me" on type "Subscription"/);
    }
    expect(log.above(DEBUG).slice(before)).toEqual([]);
  });
});

/** graphql-ws over a socket whose upgrade request carries extra headers (as a proxy would add). */
function wsWithHeaders(url: string, headers: Record<string, string>, token: string) {
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({ url, webSocketImpl: HeaderSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: `Bearer ${token}` } });
}

describe('X-Forwarded-For', () => {
  const WRONG = Array.from({ length: 10 }, (_, i) => `f${i}: login(account: $a, password: "Wrong#Pass1") { token }`).join(' ');
  const RIGHT = 'ok: login(account: $a, password: $p) { token }';

  async function send(app: TestApp, via: 'HTTP' | 'WebSocket', selection: string, variables: Record<string, string>, forwardedFor: string) {
    const query = `mutation($a: String!${'p' in variables ? ', $p: String!' : ''}) { ${selection} }`;
    const headers = { 'x-forwarded-for': forwardedFor };
    if (via === 'HTTP') return (await app.client.send({ query, variables }, headers)).reply;
    // A WebSocket connection is authenticated (with a token of that server); the sign-ins run over it.
    const signedIn = await app.loginAs(tenant.adminAccount, tenant.password);
    const client = wsWithHeaders(app.wsUrl, headers, signedIn.token!);
    try {
      return await wsRequest(client, query, variables);
    } finally {
      await client.dispose();
    }
  }

  /**
   * Ten failed sign-ins of a fresh account with one X-Forwarded-For, then the right password with
   * another: whether the second was locked out by the first, i.e. both counted as one client address.
   */
  async function sameClient(app: TestApp, via: 'HTTP' | 'WebSocket', failFrom: string, thenFrom: string): Promise<boolean> {
    const e = await createEmployee(t, admin, {}, 'xff');
    const failed = await send(app, via, WRONG, { a: e.account }, failFrom);
    expect(failed.errors?.map((x) => x.extensions?.code)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    const after = await send(app, via, RIGHT, { a: e.account, p: e.password }, thenFrom);
    if (after.errors?.[0]?.extensions?.code === 'RATE_LIMITED') return true;
    expect((after.data as { ok: { token: string } }).ok.token).toBeTruthy();
    return false;
  }

  it.each(['HTTP', 'WebSocket'] as const)('from a loopback client is ignored by default (%s): the socket peer is the client', async (via) => {
    expect(await sameClient(t, via, '203.0.113.7', '198.51.100.9')).toBe(true);
  });

  it.each(['HTTP', 'WebSocket'] as const)('is honoured from a proxy listed in TRUSTED_PROXIES (%s)', async (via) => {
    expect(await sameClient(configured, via, '203.0.113.7', '198.51.100.9')).toBe(false);
    // Only the hop the trusted proxy added is believed: an entry the client wrote before it is not.
    expect(await sameClient(configured, via, '192.0.2.1, 203.0.113.7', '192.0.2.2, 203.0.113.7')).toBe(true);
  });
});

describe('CORS', () => {
  const preflight = (app: TestApp, origin: string) =>
    fetch(`${app.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
  const post = (app: TestApp, origin: string) =>
    fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('no cross-origin access by default: neither the preflight nor the reply allows another origin', async () => {
    expect((await preflight(t, CRM)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(t, CRM)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS_ORIGINS allows the named origins only, without credentials, with the Authorization and content-type headers', async () => {
    const ok = await preflight(configured, CRM);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CRM);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(['authorization', 'content-type']);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const reply = await post(configured, CRM);
    expect(reply.headers.get('access-control-allow-origin')).toBe(CRM);
    expect(await reply.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await preflight(configured, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(configured, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  /** Whether a WebSocket upgrade with this Origin header is accepted. */
  const upgrade = (app: TestApp, origin?: string) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(app.wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
      socket.once('open', () => {
        socket.close();
        resolve(101);
      });
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('error', () => {}); // the refusal itself, already resolved above
    });

  it('WebSocket upgrades follow the same rule: this host, CORS_ORIGINS, or no Origin (not a browser)', async () => {
    expect(await upgrade(t, CRM)).toBe(403);
    expect(await upgrade(t, t.baseUrl)).toBe(101);
    expect(await upgrade(t)).toBe(101);
    expect(await upgrade(configured, CRM)).toBe(101);
    expect(await upgrade(configured, 'https://evil.example')).toBe(403);
  });
});

describe('security headers', () => {
  const headersOf = async (url: string, init?: RequestInit) => (await fetch(url, init)).headers;
  const directives = (csp: string | null) =>
    new Map(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );

  it('the console is served with a strict CSP (scripts from self only, no framing), nosniff and no referrer', async () => {
    for (const path of ['/admin/', '/admin/index.html']) {
      const headers = await headersOf(`${t.baseUrl}${path}`);
      const csp = directives(headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('the API answers with a CSP that allows nothing, and the same headers', async () => {
    const headers = await headersOf(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    const csp = directives(headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('HSTS only for requests that arrived over TLS, which only a trusted proxy can say', async () => {
    const overTls = { 'x-forwarded-proto': 'https' };
    expect((await headersOf(`${t.baseUrl}/admin/`)).get('strict-transport-security')).toBeNull();
    expect((await headersOf(`${t.baseUrl}/admin/`, { headers: overTls })).get('strict-transport-security')).toBeNull();
    expect((await headersOf(`${configured.baseUrl}/admin/`)).get('strict-transport-security')).toBeNull();
    expect((await headersOf(`${configured.baseUrl}/admin/`, { headers: overTls })).get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('serves no Apollo landing page (CDN scripts and inline code the CSP forbids), not even in development', async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<script|apollographql|embeddable-sandbox/i);
  });
});

describe('list sizes are priced', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });
  const costOf = (query: string, variables: Record<string, unknown> = {}) => costCheck(schema, parse(query), variables, undefined, QUERY_LIMITS).cost;

  const CONTACT = 'id caller called channel direction userId skillQueue agent startedAt endedAt customerId createdAt';
  /** The reproduction of issue 7: it ran for ~50 s, returned 31 MB and held /healthz of the process. */
  const ATTACK = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: allCustomers(perPage: 500) { id latestContacts { id customer { id latestContacts { id customer { id latestContacts { ${CONTACT} } } } } } }`).join(' ')} }`;

  it.each(transports)('15 aliases of allCustomers(perPage: 500) nesting latestContacts are refused before any resolver runs (%s)', async (_name, transport) => {
    expect(costOf(ATTACK)).toBeGreaterThan(100 * QUERY_LIMITS.maxCost);
    const { result, statements } = await countStatements(t, () => transport()(ATTACK, admin.token));
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^Query cost \\d+ exceeds the limit of ${QUERY_LIMITS.maxCost}: .*smaller pages`));
    expect(statements.filter((sql) => /customer|contact_record/.test(sql))).toEqual([]);
  });

  it('refuses over HTTP with status 400, like the other validation failures', async () => {
    const { status, reply } = await admin.send({ query: ATTACK });
    expect(status).toBe(400);
    expect(reply.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reads the page size from the variables, where clients put it', async () => {
    const query = `query($n: Int) { allCustomers(perPage: $n) { id latestContacts { customer { latestContacts { ${CONTACT} } } } } }`;
    for (const transport of [overHttp, overWs]) {
      const big = await transport(query, admin.token);
      expect(big.errors).toBeUndefined(); // perPage omitted: the default page of 25
      const refused = await admin.request(query, { n: 500 });
      expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const ws = wsClient(t.wsUrl, admin.token);
    const overWsWithVariables = await wsRequest(ws, query, { n: 500 });
    await ws.dispose();
    expect(overWsWithVariables.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await admin.request(query, { n: 100 })).errors).toBeUndefined();
    expect(costOf(query, { n: 500 })).toBe(5 * costOf(query, { n: 100 }) - 4);
  });

  it('prices a document once when no variable can change its cost, never from a request whose variables did not fit', () => {
    // One parsed document, as Apollo keeps one per query text.
    const document = parse(`query($p: String, $x: Int) { ${ATTACK.slice(2, -2)} customerContext(phone: $p) { customer { id } } }`);
    const check = (variables: Record<string, unknown>) => costCheck(schema, document, variables, undefined, QUERY_LIMITS);
    // Variables that do not fit are left to execution (costed at 0), and not remembered as its cost.
    expect(check({ x: 'not a number' }).cost).toBe(0);
    const first = check({ p: '+49 30 5550100' });
    expect(first.error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(check({ p: '+49 30 5550199' })).toBe(first);
    // A variable that sizes a list or decides a @skip is priced per request.
    const sized = parse(`query($n: Int, $s: Boolean!) { allCustomers(perPage: $n) { id latestContacts @skip(if: $s) { ${CONTACT} } } }`);
    const cost = (variables: Record<string, unknown>) => costCheck(schema, sized, variables, undefined, QUERY_LIMITS).cost;
    expect(cost({ n: 500, s: false })).toBeGreaterThan(cost({ n: 100, s: false }));
    expect(cost({ n: 500, s: true })).toBeLessThan(cost({ n: 500, s: false }));
  });

  it('bounds the cost computation itself: fragments spread in fragments are refused once they expand past the node limit', async () => {
    // 20 spreads a level, 4 levels: tens of thousands of selections to visit, from ~200 tokens.
    const spreads = (name: string) => Array.from({ length: 20 }, () => `...${name}`).join(' ');
    const fragments = ['fragment F0 on Query { me { id } }', ...[1, 2, 3].map((i) => `fragment F${i} on Query { ${spreads(`F${i - 1}`)} }`)];
    const query = `{ ${spreads('F3')} } ${fragments.join(' ')}`;
    for (const transport of [overHttp, overWs]) {
      const res = await transport(query, admin.token);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(new RegExp(`limit of ${QUERY_LIMITS.maxNodes} selections`));
    }
  });

  it('every list of objects in the schema has a size: a size argument or a declared ListSize', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const list = getNullableType(field.type);
        if (!isListType(list) || isLeafType(getNamedType(field.type))) continue;
        const sized = field.args.some((a) => ['perPage', 'first', 'last', 'limit'].includes(a.name)) || typeof field.extensions?.[LIST_SIZE] === 'number';
        if (!sized) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it("every list query the console sends passes, at the console's largest page (exports and getMany chunks of 500)", async () => {
    // The console's own query builder (ra-data-graphql-simple), fed this schema. Its CommonJS
    // build: the ESM one imports @apollo/client in a way Node's ESM loader refuses.
    const require = createRequire(__filename);
    const { defaultOptions, introspectSchema } = require('ra-data-graphql');
    const { buildGqlQuery } = require('ra-data-graphql-simple');
    const introspection = await introspectSchema(null, { ...defaultOptions.introspection, schema: introspectionFromSchema(schema).__schema });
    const costs: Record<string, number> = {};
    for (const resource of introspection.resources) {
      const list = resource.GET_LIST;
      if (!list) continue;
      const variables = { page: 0, perPage: 500, filter: {} };
      const query = print(buildGqlQuery(introspection)(resource, 'GET_LIST', list, variables));
      costs[resource.type.name] = costOf(query, variables);
      const res = await admin.request(query, variables);
      expect(res.errors, resource.type.name).toBeUndefined();
    }
    expect(Object.keys(costs).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...Object.values(costs))).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
  });
});

describe('what still slips through the cost limit', () => {
  let slow: TestApp;
  let small: TestApp;
  let slowLog: ReturnType<typeof recordingLogger>;
  beforeAll(async () => {
    slowLog = recordingLogger();
    [slow, small] = await Promise.all([startTestApp({ statementTimeoutMs: 300, logger: slowLog.logger }), startTestApp({ maxResponseBytes: 4096 })]);
  });
  afterAll(async () => {
    await slow?.close();
    await small?.close();
  });

  it.each(transports)('a statement over STATEMENT_TIMEOUT_MS is cancelled and answered QUERY_TIMEOUT, not INTERNAL_SERVER_ERROR (%s)', async (name) => {
    const slowAdmin = await slow.loginAs(tenant.adminAccount, tenant.password);
    // Another session holds the customer table: the request's statement waits until PostgreSQL cancels it.
    const holder = new Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table customer in access exclusive mode');
      const query = '{ allCustomers { id } }';
      let res: GraphQLResponse<unknown>;
      if (name === 'HTTP') res = await slowAdmin.request(query);
      else {
        const ws = wsClient(slow.wsUrl, slowAdmin.token);
        res = await wsRequest(ws, query);
        await ws.dispose();
      }
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      expect(res.errors?.[0]?.message).toMatch(/took longer than the server allows/);
      expect(JSON.stringify(res)).not.toMatch(/statement timeout|57014|select/i);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    expect(slowLog.entries.filter((e) => e.level >= 50)).toEqual([]);
    expect(slowLog.entries.some((e) => e.msg === 'statement timeout')).toBe(true);
  });

  it.each(transports)('a reply over MAX_RESPONSE_BYTES is not sent: RESPONSE_TOO_LARGE instead (%s)', async (name) => {
    const query = '{ permissionCatalogue { code label operations { code label } } }';
    const full = await admin.request(query);
    expect(JSON.stringify(full).length).toBeGreaterThan(4096);
    const smallAdmin = await small.loginAs(tenant.adminAccount, tenant.password);
    let res: GraphQLResponse<unknown>;
    if (name === 'HTTP') res = await smallAdmin.request(query);
    else {
      const ws = wsClient(small.wsUrl, smallAdmin.token);
      res = await wsRequest(ws, query);
      await ws.dispose();
    }
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxResponseBytes: 4096 });
    expect((await smallAdmin.request('{ me { account } }')).data).toEqual({ me: { account: tenant.adminAccount } });
  });
});
