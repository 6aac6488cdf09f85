import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
