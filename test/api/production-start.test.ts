import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../api/src/config';
import { GraphQLClient } from '../support/graphql';
import { ROOT, runCli, startServer, type RunningServer } from '../support/process';

const ENV_EXAMPLE_SECRET = 'change-me-change-me-change-me-change-me';
const COMPOSE_DEFAULT_SECRET = 'change-me-in-production-change-me-in-production';
const goodSecret = () => randomBytes(48).toString('base64');
const production = (extra: Record<string, string> = {}) => ({ NODE_ENV: 'production', JWT_SECRET: goodSecret(), ...extra });

describe('the production start refuses a weak JWT_SECRET', () => {
  it.each([
    ['the value published in .env.example', ENV_EXAMPLE_SECRET, /published example value/],
    ['the docker-compose default', COMPOSE_DEFAULT_SECRET, /published example value/],
    ['a secret shorter than 32 bytes', 'x'.repeat(31), /at least 32 bytes \(it has 31\)/],
  ])('refuses %s, with a message saying why and how to make one', (_what, secret, reason) => {
    expect(() => loadConfig(production({ JWT_SECRET: secret }))).toThrow(reason);
    expect(() => loadConfig(production({ JWT_SECRET: secret }))).toThrow(/JWT_SECRET: .*openssl rand/);
  });

  it('refuses a missing (or empty) secret in production, counts bytes not characters, accepts a random one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET: required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(16) }).JWT_SECRET).toBe('é'.repeat(16)); // 32 bytes
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: `${'é'.repeat(15)}x` })).toThrow(/it has 31/);
    expect(loadConfig(production()).NODE_ENV).toBe('production');
  });

  it('a published secret is refused outside production too: anyone can sign tokens with it', () => {
    expect(() => loadConfig({ JWT_SECRET: ENV_EXAMPLE_SECRET })).toThrow(/published example value/);
    expect(loadConfig({}).JWT_SECRET).toBeUndefined(); // generated into DATA_DIR by the start
  });

  it('neither .env.example nor docker-compose.yml carries a working secret', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    expect(example).not.toMatch(/^\s*JWT_SECRET=\S/m);
    const compose = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    // `${JWT_SECRET:?message}`: compose refuses to start without one (environment or .env).
    expect(compose).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?[^}]+\}/);
    expect(compose).not.toContain(COMPOSE_DEFAULT_SECRET);
    expect(compose).not.toMatch(/SEED_DEMO: "?true/);
  });

  it('the built server exits with the reason instead of starting', async () => {
    // Had it started, it is stopped again: the outcome is the text either way.
    const outcome = await startServer({ NODE_ENV: 'production', JWT_SECRET: COMPOSE_DEFAULT_SECRET }).then(
      async (started) => `started:\n${started.output()}${await started.stop()}`,
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/exited with 1 before starting:\n[\s\S]*Invalid environment:\n\s+JWT_SECRET: is the published example value/);
  });
});

describe('the demo tenant in production', () => {
  it('is seeded only when SEED_DEMO=true is set explicitly', () => {
    expect(loadConfig(production()).SEED_DEMO).toBe(false);
    expect(loadConfig(production({ SEED_DEMO: 'true' })).SEED_DEMO).toBe(true);
    expect(loadConfig({}).SEED_DEMO).toBe(true); // development: the README's first start
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
  });

  describe('a production start against a fresh database', () => {
    const database = `sb_prod_start_${process.pid}_${randomBytes(3).toString('hex')}`;
    let admin: Client;
    let dataDir: string;
    let server: RunningServer | undefined;

    beforeAll(async () => {
      admin = new Client({ connectionString: inject('databaseUrl') });
      await admin.connect();
      await admin.query(`create database ${database}`);
      dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-prod-'));
    });
    afterAll(async () => {
      await server?.stop();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('does not seed the demo tenant: demo.admin cannot sign in', async () => {
      const url = new URL(inject('databaseUrl'));
      url.pathname = `/${database}`;
      server = await startServer(production({ DATABASE_URL: url.toString(), DATA_DIR: dataDir, STATEMENT_TIMEOUT_MS: '300' }));
      expect(server.output()).not.toContain('Demo login');
      const res = await new GraphQLClient(server.baseUrl).request('mutation { login(account: "demo.admin", password: "Switchboard#1") { token } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const seeded = new Client({ connectionString: url.toString() });
      await seeded.connect();
      try {
        expect((await seeded.query(`select count(*)::int as n from tenant`)).rows[0].n).toBe(0);
      } finally {
        await seeded.end();
      }
    });

    it('serves with STATEMENT_TIMEOUT_MS (its migrations ran without it): a statement held past it answers QUERY_TIMEOUT', async () => {
      const url = new URL(inject('databaseUrl'));
      url.pathname = `/${database}`;
      const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
      const created = await runCli(
        'cli/tenant.js',
        ['create', '--code', 'prod', '--name', 'Prod', '--admin-account', 'prod.admin', '--admin-password', 'Prod#Pass12'],
        env,
      );
      expect(created.code).toBe(0);
      const client = new GraphQLClient(server!.baseUrl);
      const { login } = await client.ok<{ login: { token: string } }>('mutation { login(account: "prod.admin", password: "Prod#Pass12") { token } }');
      const holder = new Client({ connectionString: url.toString() });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('lock table customer in access exclusive mode');
        const res = await client.withToken(login.token).request('{ allCustomers { id } }');
        expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      } finally {
        await holder.query('rollback');
        await holder.end();
      }
    });
  });
});
