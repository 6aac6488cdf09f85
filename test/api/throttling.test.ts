import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_POLICY, LoginThrottle, type LoginPolicy } from '../../api/src/modules/identity/throttle';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import type { GraphQLClient, GraphQLResponse } from '../support/graphql';
import { createEmployee } from '../support/security';

let t: TestApp;
let admin: GraphQLClient;

// Clients play different addresses behind a proxy on this machine, so X-Forwarded-For counts.
beforeAll(async () => {
  t = await startTestApp({ trustedProxies: ['loopback'] });
  const tenant = await createTestTenant(t.orm, 'throttle');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
});
// The counters live in the shared database: this run's addresses must not lock out a later run.
afterAll(async () => {
  await t?.orm.em.getConnection().execute(`delete from login_throttle where address like ?`, [`${ADDRESS_PREFIX}%`]);
  await t?.close();
});
afterEach(() => {
  t.app.services.throttle = new LoginThrottle(DEFAULT_LOGIN_POLICY);
});

/** Addresses of this run only (198.18.0.0/15 is for benchmarks, never routed). */
const ADDRESS_PREFIX = `198.${18 + randomInt(2)}.${randomInt(256)}.`;
let lastHost = 0;
const newAddress = () => `${ADDRESS_PREFIX}${++lastHost}`;

const LOGIN = 'mutation($a: String!, $p: String!) { login(account: $a, password: $p) { token } }';
const CHANGE = 'mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }';
const WRONG = 'Wrong#Pass1';

async function login(account: string, password: string, address: string): Promise<string> {
  const { reply } = await t.client.send<{ login: { token: string } | null }>(
    { query: LOGIN, variables: { a: account, p: password } },
    { 'x-forwarded-for': address },
  );
  return outcome(reply);
}
const outcome = (reply: GraphQLResponse<unknown>) => reply.errors?.[0]?.extensions?.code ?? 'OK';

/** Counter rows of an address (its own and its pairs). */
async function countersAt(address: string): Promise<number> {
  const rows = await t.orm.em.getConnection().execute<{ n: number }[]>(`select count(*)::int as n from login_throttle where address = ?`, [address]);
  return rows[0]!.n;
}

/** A small policy, so each scope's limit is reached in a few attempts (set after the set-up's own sign-ins from loopback). */
function usePolicy(policy: Partial<LoginPolicy>) {
  t.app.services.throttle = new LoginThrottle({ ...DEFAULT_LOGIN_POLICY, ...policy });
}

const tally = (codes: string[]) => {
  const counts: Record<string, number> = {};
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
};

describe('sign-in throttling', () => {
  it('40 parallel wrong attempts: exactly the 10 the lock allows are checked against the password (check and count are atomic)', async () => {
    const e = await createEmployee(t, admin, {}, 'parallel');
    const address = newAddress();
    const codes = await Promise.all(Array.from({ length: 40 }, () => login(e.account, WRONG, address)));
    const counts = tally(codes);
    console.info('40 parallel wrong attempts:', counts);
    expect(counts).toEqual({ UNAUTHENTICATED: DEFAULT_LOGIN_POLICY.maxFailures, RATE_LIMITED: 40 - DEFAULT_LOGIN_POLICY.maxFailures });
    expect(await login(e.account, e.password, address)).toBe('RATE_LIMITED');
  });

  it('locks an account across all addresses once its failures from every address reach the account limit', async () => {
    const e = await createEmployee(t, admin, {}, 'per-account');
    usePolicy({ maxFailures: 3, maxAccountFailures: 5, maxAddressFailures: 50 });
    const [first, second, third] = [newAddress(), newAddress(), newAddress()];
    for (let i = 0; i < 3; i++) expect(await login(e.account, WRONG, first)).toBe('UNAUTHENTICATED');
    // The pair is locked; another address still may sign in, until the account limit is reached.
    expect(await login(e.account, e.password, first)).toBe('RATE_LIMITED');
    for (let i = 0; i < 2; i++) expect(await login(e.account, WRONG, second)).toBe('UNAUTHENTICATED');
    expect(await login(e.account, e.password, third)).toBe('RATE_LIMITED');
  });

  it('locks an address across all accounts once its failures for every account reach the address limit', async () => {
    const victims = await Promise.all([1, 2, 3, 4, 5].map((i) => createEmployee(t, admin, {}, `per-address-${i}`)));
    usePolicy({ maxFailures: 3, maxAccountFailures: 5, maxAddressFailures: 4 });
    const address = newAddress();
    // One wrong guess per account: no account and no pair comes near its own limit.
    for (const v of victims.slice(0, 4)) expect(await login(v.account, WRONG, address)).toBe('UNAUTHENTICATED');
    expect(await login(victims[4]!.account, victims[4]!.password, address)).toBe('RATE_LIMITED');
    // Made-up accounts count as well: the address is what is locked.
    expect(await login('nobody.at.all', WRONG, address)).toBe('RATE_LIMITED');
    expect(await login(victims[4]!.account, victims[4]!.password, newAddress())).toBe('OK');
  });

  it('a success gives back its own reservation at the address: successes do not lock a shared address', async () => {
    const e = await createEmployee(t, admin, {}, 'nat');
    usePolicy({ maxFailures: 3, maxAccountFailures: 5, maxAddressFailures: 2 });
    const address = newAddress();
    for (let i = 0; i < 5; i++) expect(await login(e.account, e.password, address)).toBe('OK');
    expect(await login(e.account, WRONG, address)).toBe('UNAUTHENTICATED');
    expect(await login(e.account, e.password, address)).toBe('OK');
  });

  it("changePassword's current-password check counts like a sign-in and is throttled like one", async () => {
    const e = await createEmployee(t, admin, {}, 'change');
    usePolicy({ maxFailures: 3, maxAccountFailures: 5, maxAddressFailures: 50 });
    const address = newAddress();
    const change = async (oldPassword: string) =>
      outcome((await e.client.send({ query: CHANGE, variables: { o: oldPassword, n: 'Another#Pass2' } }, { 'x-forwarded-for': address })).reply);
    for (let i = 0; i < 3; i++) expect(await change(WRONG)).toBe('BAD_USER_INPUT');
    // Locked for sign-ins from that address, and for further guesses through changePassword.
    expect(await login(e.account, e.password, address)).toBe('RATE_LIMITED');
    expect(await change(e.password)).toBe('RATE_LIMITED');
    // Two more guesses elsewhere reach the account limit: the account is locked everywhere.
    const elsewhere = newAddress();
    for (let i = 0; i < 2; i++) expect(await login(e.account, WRONG, elsewhere)).toBe('UNAUTHENTICATED');
    expect(await login(e.account, e.password, newAddress())).toBe('RATE_LIMITED');
  });
});

/** A password check the test holds until it says so. */
function heldCheck() {
  let release!: () => void;
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const done = new Promise<void>((resolve) => (release = resolve));
  let isRunning = false;
  const check = async () => {
    isRunning = true;
    started();
    await done;
    return null;
  };
  return {
    check,
    release,
    running,
    get isRunning() {
      return isRunning;
    },
  };
}

describe('bounded password checks', () => {
  it('runs at most maxConcurrentChecks at once, queues maxQueuedChecks, and answers RATE_LIMITED beyond that, counting nothing', async () => {
    const e = await createEmployee(t, admin, {}, 'bounded');
    usePolicy({ maxConcurrentChecks: 1, maxQueuedChecks: 1 });
    const throttle = t.app.services.throttle;
    const em = t.db();
    const first = heldCheck();
    const second = heldCheck();
    const running = throttle.attempt(em, 'employee:holder.one', newAddress(), first.check);
    await first.running;
    const queued = throttle.attempt(em, 'employee:holder.two', newAddress(), second.check);
    // A sign-in over HTTP while one check runs and one waits: refused at once, not queued.
    const address = newAddress();
    expect(await login(e.account, e.password, address)).toBe('RATE_LIMITED');
    expect(await countersAt(address)).toBe(0);
    expect(second.isRunning).toBe(false);
    first.release();
    await second.running;
    second.release();
    expect(await running).toBeNull();
    expect(await queued).toBeNull();
    expect(await login(e.account, e.password, newAddress())).toBe('OK');
  });
});
