import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphQLClient, wsClient, wsRequest } from '../support/graphql';
import { runCli, startServer, type RunningServer } from '../support/process';

const DEMO_LOGIN = { a: 'demo.admin', p: 'Switchboard#1' };
const LOGIN = 'mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token } }';

async function signIn(baseUrl: string, vars = DEMO_LOGIN): Promise<GraphQLClient> {
  const client = new GraphQLClient(baseUrl);
  const { login } = await client.ok<{ login: { token: string } }>(LOGIN, vars);
  return client.withToken(login.token);
}

async function ouPaths(client: GraphQLClient) {
  const { allOrgUnits } = await client.ok<{ allOrgUnits: { id: string; path: string }[] }>('{ allOrgUnits { id path } }');
  return allOrgUnits;
}

describe('a fresh machine: embedded PostgreSQL, no DATABASE_URL', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  const env = () => ({ DATA_DIR: dataDir, JWT_SECRET: 'lifecycle-test-secret-lifecycle-test-secret' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-fresh-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  let firstIds: string[];

  it('starts, migrates, seeds the demo tenant and serves', async () => {
    server = await startServer(env());
    expect(server.output()).toContain('Demo login: tenant "demo", account demo.admin / Switchboard#1');
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const admin = await signIn(server.baseUrl);
    const ous = await ouPaths(admin);
    expect(ous.map((o) => o.path).sort()).toEqual(['DefaultOU', 'North', 'North / North-East', 'North / North-West', 'South']);
    firstIds = ous.map((o) => o.id).sort();
  });

  it('runs the tenant command against the same database while the server runs', async () => {
    const args = ['create', '--code', 'acme', '--name', 'Acme Ltd', '--admin-account', 'acme.admin', '--admin-password', 'Acme#Pass1'];
    const created = await runCli('cli/tenant.js', args, env());
    expect(created.stdout).toContain('created tenant acme');
    expect(created.code).toBe(0);
    const again = await runCli('cli/tenant.js', args, env());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--code: Tenant code "acme" is already taken');
    expect(again.stderr).toContain('--admin-account: Account "acme.admin" already exists');
    const weak = await runCli(
      'cli/tenant.js',
      ['create', '--code', 'weak', '--name', 'Weak', '--admin-account', 'weak.admin', '--admin-password', 'weakpass'],
      env(),
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('--admin-password');
    const acme = await signIn(server!.baseUrl, { a: 'acme.admin', p: 'Acme#Pass1' });
    expect((await ouPaths(acme)).map((o) => o.path)).toEqual(['DefaultOU']);
    await expect(signIn(server!.baseUrl, { a: 'weak.admin', p: 'weakpass' })).rejects.toThrow(/Invalid account or password/);
  });

  it('drains on SIGTERM: sockets are closed with 1001 and the process exits 0', async () => {
    const admin = await signIn(server!.baseUrl);
    const ws = wsClient(`ws://127.0.0.1:${server!.port}/graphql`, admin.token, { keepOpen: true });
    const closed = new Promise<number>((resolve) => ws.on('closed', (event) => resolve((event as { code: number }).code)));
    const res = await wsRequest(ws, '{ me { account } }');
    expect(res.data).toEqual({ me: { account: 'demo.admin' } });
    expect(await server!.stop()).toBe(0);
    expect(await closed).toBe(1001);
    await ws.dispose();
    server = undefined;
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('keeps the data across a restart and does not seed twice', async () => {
    server = await startServer(env());
    const admin = await signIn(server.baseUrl);
    expect((await ouPaths(admin)).map((o) => o.id).sort()).toEqual(firstIds);
    await signIn(server.baseUrl, { a: 'acme.admin', p: 'Acme#Pass1' });
    expect(await server.stop()).toBe(0);
    server = undefined;
  });

  it('runs the tenant command when no server runs, and leaves no database running', async () => {
    const res = await runCli(
      'cli/tenant.js',
      ['create', '--code', 'beta', '--name', 'Beta', '--admin-account', 'beta.admin', '--admin-password', 'Beta#Pass1'],
      env(),
    );
    expect(res.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});

describe('draining on SIGTERM', () => {
  it('finishes a request that is in flight, refuses new ones, then exits 0', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-drain-'));
    const url = inject('databaseUrl');
    // A tenant of its own: the demo tenant of this database is other tests' fixture.
    const code = `drain-${Date.now().toString(36)}`;
    const created = await runCli(
      'cli/tenant.js',
      ['create', '--code', code, '--name', 'Drain', '--admin-account', `${code}.admin`, '--admin-password', 'Drain#Pass1'],
      { DATABASE_URL: url, DATA_DIR: dataDir },
    );
    expect(created.code, created.stderr).toBe(0);
    const server = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir, JWT_SECRET: 'drain-test-secret-drain-test-secret-xx', LOG_LEVEL: 'info' });
    const admin = await signIn(server.baseUrl, { a: `${code}.admin`, p: 'Drain#Pass1' });
    const { me } = await admin.ok<{ me: { tenant: { id: string } } }>('{ me { tenant { id } } }');
    // Hold the OU-tree lock of the tenant: a createOrgUnit will wait for it, in flight.
    const holder = new Client({ connectionString: url });
    const watcher = new Client({ connectionString: url });
    await Promise.all([holder.connect(), watcher.connect()]);
    try {
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`ou-tree:${me.tenant.id}`]);
      const inFlight = admin.request<{ createOrgUnit: { name: string } }>('mutation { createOrgUnit(name: "Drained") { name } }');
      await expect
        .poll(async () => (await watcher.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted")).rows[0].n, {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) => server.proc.once('exit', resolve));
      server.proc.kill('SIGTERM');
      await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('draining');
      await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow();
      await holder.query('commit');
      expect((await inFlight).data).toEqual({ createOrgUnit: { name: 'Drained' } });
      expect(await exited).toBe(0);
    } finally {
      await holder.end();
      await watcher.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('with DATABASE_URL: replicas starting together', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('migrate under a lock, seed once, and all serve the same data', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-replica-'));
    const env = { DATABASE_URL: inject('databaseUrl'), DATA_DIR: dataDir, JWT_SECRET: 'replica-test-secret-replica-test-secret' };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    const lists = await Promise.all(servers.map(async (s) => (await ouPaths(await signIn(s.baseUrl))).map((o) => o.id).sort()));
    expect(lists[0]).toEqual(lists[1]);
    expect(lists[0]).toHaveLength(5);
    await rm(dataDir, { recursive: true, force: true });
  });
});
