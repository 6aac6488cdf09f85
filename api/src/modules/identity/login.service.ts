// Brings identity's services (tokens, throttle) into AppServices for every program that compiles this file.
import './services';
import type { Context } from '../../base/context';
import { unauthenticated } from '../../base/errors';
import { ACCOUNT_MAX, accountIs } from './account';
import { ApiClient } from './api-client.entity';
import type { LoginPayload } from './auth.types';
import { Employee } from './employee.entity';
import { timingDummyHash, verifyPassword } from './password';
import { unscoped } from '../../common/row-scope';

const INVALID_LOGIN = 'Invalid account or password';
const INVALID_CLIENT = 'Invalid client id or secret';

/** Signing in finds the account before anyone is signed in: nothing to scope by yet. */
const SIGN_IN = unscoped('sign-in looks up the account (unique across tenants) before there is a principal');

/** Employees sign in with account and password. */
export async function loginEmployee(ctx: Context, account: string, password: string): Promise<LoginPayload> {
  const { em, services, clientAddress } = ctx;
  const subject = `employee:${account.slice(0, ACCOUNT_MAX + 1)}`;
  const employee = await services.throttle.attempt(em, subject, clientAddress, async () => {
    const found = account.length <= ACCOUNT_MAX ? await em.findOne(Employee, accountIs(account), SIGN_IN) : null;
    // Verify against a dummy hash for unknown accounts: equal timing reveals no account names.
    const ok = await verifyPassword(found?.passwordHash ?? (await timingDummyHash()), password);
    return found && ok && found.enabled ? found : null;
  });
  if (!employee) throw unauthenticated(INVALID_LOGIN);
  const { token, expiresAt } = await services.tokens.issue({ sub: employee.id, tid: employee.tenant.id, knd: 'employee', cv: employee.credentialVersion });
  return { token, expiresAt, mustChangePassword: employee.mustChangePassword };
}

/** API clients (CRMs, integrations) sign in with their client id and secret. */
export async function loginClient(ctx: Context, clientId: string, secret: string): Promise<LoginPayload> {
  const { em, services, clientAddress } = ctx;
  const subject = `client:${clientId.slice(0, 41)}`;
  const client = await services.throttle.attempt(em, subject, clientAddress, async () => {
    const found = clientId.length <= 40 ? await em.findOne(ApiClient, { clientId }, SIGN_IN) : null;
    const ok = await verifyPassword(found?.secretHash ?? (await timingDummyHash()), secret);
    return found && ok && found.enabled && !found.revokedAt ? found : null;
  });
  if (!client) throw unauthenticated(INVALID_CLIENT);
  await em.nativeUpdate(ApiClient, { id: client.id }, { lastUsedAt: new Date() }, SIGN_IN);
  const { token, expiresAt } = await services.tokens.issue({ sub: client.id, tid: client.tenant.id, knd: 'client', cv: client.credentialVersion });
  return { token, expiresAt, mustChangePassword: false };
}
