import { readFile } from 'node:fs/promises';
import { createServer, connect, type Server } from 'node:net';
import path from 'node:path';
import type { Client } from 'pg';
import { startServer } from './server';
import { CONTEXT_QUERY } from './context';
import type { World } from './seed';

export interface StatementCount {
  name: string;
  statements: number;
  target: string;
}

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients send: simple-protocol
 * Query ('Q') and extended-protocol Execute ('E') messages. It works on any server (no
 * pg_stat_statements, which needs shared_preload_libraries and a restart).
 */
function statementProxy(target: URL): Promise<{ port: number; count: () => number; close: () => void }> {
  let statements = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    let started = false;
    let pending = Buffer.alloc(0);
    let skip = 0;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      let b = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (skip) {
          const n = Math.min(skip, b.length);
          skip -= n;
          b = b.subarray(n);
        }
        // The startup packet (and an SSL request before it) has no type byte.
        const header = started ? 5 : 4;
        if (b.length < header) break;
        if (!started) {
          const length = b.readInt32BE(0);
          const code = b.length >= 8 ? b.readInt32BE(4) : 0;
          if (b.length < 8) break;
          if (code !== 80877103) started = true;
          skip = length;
          continue;
        }
        const type = String.fromCharCode(b[0]!);
        if (type === 'Q' || type === 'E') statements++;
        skip = 1 + b.readInt32BE(1);
      }
      pending = Buffer.from(b);
    });
    upstream.on('data', (c) => client.write(c));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, count: () => statements, close: () => server.close() });
    }),
  );
}

/** Every resource's list query (allCustomers, allEmployees, ...), from the committed schema. */
async function listQueries(): Promise<string[]> {
  const schema = await readFile(path.resolve(__dirname, '../../../schema/schema.graphql'), 'utf8');
  const query = /\ntype Query \{\n([\s\S]*?)\n\}/.exec(schema)?.[1] ?? '';
  return [...query.matchAll(/^ {2}(all[A-Z]\w*)\(/gm)].map((m) => m[1]!);
}

/**
 * M2: SQL statements per request, counted on the wire between a second API process (started
 * for this) and PostgreSQL. Each request is sent twice to warm up, then 10 times one after the
 * other; the background work of an idle interval as long is subtracted.
 */
export async function countStatements(
  pg: Client,
  databaseUrl: string,
  secret: string,
  world: World,
  tokens: { admin: string; scoped: string },
): Promise<StatementCount[]> {
  const target = new URL(databaseUrl);
  const proxy = await statementProxy(target);
  const through = new URL(databaseUrl);
  through.host = `127.0.0.1:${proxy.port}`;
  const api = await startServer(through.toString(), secret);
  const post = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await r.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (r.status !== 200 || body.errors) throw new Error(`M2: bad reply ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body.data!;
  };
  const REPEAT = 10;
  const measure = async (name: string, targetText: string, send: () => Promise<unknown>): Promise<StatementCount> => {
    await send();
    await send();
    const idleFrom = proxy.count();
    const started = performance.now();
    for (let i = 0; i < REPEAT; i++) await send();
    const elapsed = performance.now() - started;
    const during = proxy.count() - idleFrom;
    const idleStart = proxy.count();
    await new Promise((resolve) => setTimeout(resolve, elapsed));
    const idle = proxy.count() - idleStart;
    return { name, statements: Math.max(0, Math.round((during - idle) / REPEAT)), target: targetText };
  };
  const phone = world.contextCustomers[0]!.phone;
  const page = 'query($p: Int) { allCustomers(page: $p, perPage: 25) { id customerNumber name ouId } }';
  try {
    const out: StatementCount[] = [];
    out.push(await measure('customerContext by phone, tenant admin', '≤ 1 incl. the principal check', () => post(tokens.admin, CONTEXT_QUERY, { phone })));
    out.push(
      await measure('customerContext by phone, OU-scoped employee', '≤ 1 incl. the principal check', () => post(tokens.scoped, CONTEXT_QUERY, { phone })),
    );
    out.push(await measure('25-row customer page (own columns), tenant admin', '≤ 1 + relations', () => post(tokens.admin, page, { p: 0 })));
    out.push(await measure('25-row customer page (own columns), OU-scoped employee', '≤ 1 + relations', () => post(tokens.scoped, page, { p: 0 })));
    out.push(
      await measure('25-row page + count, with ou { id } and latestContacts', '≤ 1 + relations', () =>
        post(tokens.admin, `query { allCustomers(perPage: 25) { id ou { id } latestContacts { id } } _allCustomersMeta { count } }`),
      ),
    );
    out.push(await measure('{ me { id } }', '', () => post(tokens.admin, '{ me { id } }')));
    const created: string[] = [];
    out.push(
      await measure('mutation createCustomer (audited, with its event)', '', async () => {
        const data = await post(tokens.admin, 'mutation($o: ID) { createCustomer(ouId: $o, name: "M2", phones: ["+1 500 000 0001"]) { id } }', {
          o: world.scopedOuIds[0],
        });
        created.push((data.createCustomer as { id: string }).id);
      }),
    );
    for (const list of await listQueries()) {
      out.push(await measure(`${list}(perPage: 25) { id }`, '≤ 1 + relations selected (none)', () => post(tokens.admin, `{ ${list}(perPage: 25) { id } }`)));
    }
    // Back to the seeded data: the list pages' first rows and the customer numbers' order are checked by the next run.
    await pg.query('delete from customer where id = any($1)', [created]);
    return out;
  } finally {
    await api.stop();
    proxy.close();
  }
}
