import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { wsClient, wsRequest, type GraphQLClient, type GraphQLResponse } from '../support/graphql';

/** A logger keeping every entry (debug and up), so a test can say what was logged at which level. */
function recordingLogger() {
  const entries: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line)) });
  return { logger, entries, above: (level: number) => entries.filter((e) => e.level > level) };
}
const DEBUG = 20;

let t: TestApp;
let log: ReturnType<typeof recordingLogger>;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let admin: GraphQLClient;

beforeAll(async () => {
  log = recordingLogger();
  t = await startTestApp({ logger: log.logger });
  tenant = await createTestTenant(t.orm, 'hard');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
afterAll(() => t?.close());

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
  const FAILED_LOGIN = 'mutation($a: String!) { login(account: $a, password: "Wrong#Pass1") { token } }';
  let trusting: TestApp;
  beforeAll(async () => {
    trusting = await startTestApp({ trustedProxies: ['loopback'] });
  });
  afterAll(() => trusting?.close());

  let n = 0;
  /** Fails a sign-in with the header, over HTTP or WebSocket, and reads the address the throttle counted it under. */
  async function countedAddress(app: TestApp, via: 'HTTP' | 'WebSocket', forwardedFor: string): Promise<string[]> {
    const account = `xff-${process.pid}-${++n}`;
    const headers = { 'x-forwarded-for': forwardedFor };
    if (via === 'HTTP') {
      expect((await app.client.send({ query: FAILED_LOGIN, variables: { a: account } }, headers)).reply.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } else {
      const client = wsWithHeaders(app.wsUrl, headers);
      expect((await wsRequest(client, FAILED_LOGIN, { a: account })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await client.dispose();
    }
    const rows = await app.orm.em.getConnection().execute<{ address: string }[]>("select address from login_throttle where subject like '%' || ?", [account]);
    return rows.map((r) => r.address);
  }

  it.each(['HTTP', 'WebSocket'] as const)('from a loopback client is ignored by default (%s): the socket peer is the client', async (via) => {
    expect(await countedAddress(t, via, '203.0.113.7')).toEqual(['127.0.0.1']);
  });

  it.each(['HTTP', 'WebSocket'] as const)('is honoured from a proxy listed in TRUSTED_PROXIES (%s)', async (via) => {
    expect(await countedAddress(trusting, via, '203.0.113.7')).toEqual(['203.0.113.7']);
    // Only the hops the trusted proxies added are believed: a client-written first entry is not.
    expect(await countedAddress(trusting, via, '198.51.100.1, 203.0.113.8')).toEqual(['203.0.113.8']);
  });
});
