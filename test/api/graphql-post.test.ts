import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';

/**
 * Plain GraphQL POSTs are answered outside express (server/graphql-post.ts); a body without a
 * declared length still goes through express's route. Every request here is sent both ways, and
 * the two replies must be the same: status, headers (but for the framing and the date) and body.
 */
const CRM = 'https://crm.example.com';
const MAX_BODY = 4 * 1024;
let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp({ trustedProxies: ['loopback'], corsOrigins: [CRM], maxBodyBytes: MAX_BODY });
  const tenant = await createTestTenant(t.orm, 'post');
  token = (await t.loginAs(tenant.adminAccount, tenant.password)).token!;
});
afterAll(() => t?.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** POSTs `body` to /graphql with its length declared (fast path) or chunked (express). */
function post(body: string, headers: Record<string, string>, framing: 'length' | 'chunked', path = '/graphql'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (framing === 'length') req.setHeader('content-length', Buffer.byteLength(body));
    else req.setHeader('transfer-encoding', 'chunked');
    req.end(body);
  });
}

/** The headers that say how the reply was framed and when, not what it says. */
const FRAMING = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const comparable = (r: Reply) => ({
  status: r.status,
  headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !FRAMING.has(k))),
  body: r.body,
});

async function bothWays(body: string, headers: Record<string, string> = {}, path?: string) {
  const [fast, viaExpress] = await Promise.all([post(body, headers, 'length', path), post(body, headers, 'chunked', path)]);
  expect(comparable(fast)).toEqual(comparable(viaExpress));
  return fast;
}

const query = (q: string, variables?: Record<string, unknown>) => JSON.stringify({ query: q, variables });
const auth = () => ({ authorization: `Bearer ${token}` });

describe('GraphQL POST outside express', () => {
  it('answers a query as the express route does, with the API security headers and no ETag', async () => {
    const r = await bothWays(query('{ me { account isTenantAdmin } }'), auth());
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).data.me.isTenantAdmin).toBe(true);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers.etag).toBeUndefined();
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses a request without a token with 401, as express does', async () => {
    const r = await bothWays(query('{ me { id } }'));
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers variables that do not coerce with 400 BAD_USER_INPUT', async () => {
    const r = await bothWays(query('query($n: Int!) { allCustomers(perPage: $n) { id } }', { n: 'x' }), auth());
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers malformed JSON and a body that is no object with the same 400 BAD_REQUEST', async () => {
    for (const body of ['{"query":', '"{ me { id } }"', '42']) {
      const r = await post(body, auth(), 'length');
      expect(r.status, body).toBe(400);
      expect(JSON.parse(r.body), body).toEqual({ errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] });
      expect(r.headers['content-security-policy'], body).toContain("default-src 'none'");
      // The express route's answer is the same but for its ETag (the error handler is the main app's).
      const viaExpress = await post(body, auth(), 'chunked');
      expect({ ...comparable(viaExpress), headers: { ...comparable(viaExpress).headers, etag: undefined } }).toEqual({
        ...comparable(r),
        headers: { ...comparable(r).headers, etag: undefined },
      });
    }
  });

  it('lets an allowed origin read the reply and gives any other origin no CORS header', async () => {
    const allowed = await bothWays(query('{ me { id } }'), { ...auth(), origin: CRM });
    expect(allowed.headers['access-control-allow-origin']).toBe(CRM);
    const other = await bothWays(query('{ me { id } }'), { ...auth(), origin: 'https://evil.example.com' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends HSTS when a trusted proxy says the request came over TLS', async () => {
    const r = await bothWays(query('{ me { id } }'), { ...auth(), 'x-forwarded-proto': 'https' });
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('takes a charset-qualified JSON type and a query string alike', async () => {
    const r = await bothWays(query('{ me { id } }'), { ...auth(), 'content-type': 'application/json; charset=utf-8' }, '/graphql?client=crm');
    expect(r.status).toBe(200);
  });

  it('leaves a body over the limit to express: 413 PAYLOAD_TOO_LARGE either way, nothing executed', async () => {
    const big = query(`{ me { id } } # ${'x'.repeat(MAX_BODY)}`);
    const r = await bothWays(big, auth());
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
