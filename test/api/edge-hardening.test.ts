import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { createEmployee } from '../support/security';
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
  [t, configured] = await Promise.all([
    startTestApp({ logger: log.logger }),
    startTestApp({ trustedProxies: ['loopback'], corsOrigins: [CRM] }),
  ]);
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

describe.each(transports)('an operation type the schema lacks, over %s', (_name, transport) => {
  it('subscription without a Subscription type is a validation error, anonymously and signed in, logged at most at debug', async () => {
    const before = log.above(DEBUG).length;
    for (const token of [undefined, admin.token]) {
      const res = await transport()('subscription { me { id } }', token);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/no subscription type/i);
    }
    expect(log.above(DEBUG).slice(before)).toEqual([]);
  });
});

/** graphql-ws over a socket whose upgrade request carries extra headers (as a proxy would add). */
function wsWithHeaders(url: string, headers: Record<string, string>) {
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({ url, webSocketImpl: HeaderSocket, retryAttempts: 0, lazy: true });
}

describe('X-Forwarded-For', () => {
  const WRONG = Array.from({ length: 10 }, (_, i) => `f${i}: login(account: $a, password: "Wrong#Pass1") { token }`).join(' ');
  const RIGHT = 'ok: login(account: $a, password: $p) { token }';

  async function send(app: TestApp, via: 'HTTP' | 'WebSocket', selection: string, variables: Record<string, string>, forwardedFor: string) {
    const query = `mutation($a: String!${'p' in variables ? ', $p: String!' : ''}) { ${selection} }`;
    const headers = { 'x-forwarded-for': forwardedFor };
    if (via === 'HTTP') return (await app.client.send({ query, variables }, headers)).reply;
    const client = wsWithHeaders(app.wsUrl, headers);
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
    fetch(`${app.baseUrl}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

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
  const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

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
    const headers = await headersOf(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
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

  it("serves no Apollo landing page (CDN scripts and inline code the CSP forbids), not even in development", async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<script|apollographql|embeddable-sandbox/i);
  });
});
