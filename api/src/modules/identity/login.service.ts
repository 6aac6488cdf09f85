import type { Context } from '../../server/context';
import { unauthenticated } from '../../server/errors';
import { ACCOUNT_MAX, accountIs } from './account';
import { ApiClient } from './api-client.entity';
import type { LoginPayload } from './auth.types';
import { Employee } from './employee.entity';
import { timingDummyHash, verifyPassword } from './password';

const INVALID_LOGIN = 'Invalid account or password';
const INVALID_CLIENT = 'Invalid client id or secret';

/** Employees sign in with account and password. */
export async function loginEmployee(ctx: Context, account: string, password: string): Promise<LoginPayload> {
  const { em, services, clientAddress } = ctx;
  const subject = `employee:${account.slice(0, ACCOUNT_MAX + 1)}`;
  await services.throttle.assertOpen(em, subject, clientAddress);
  const employee = account.length <= ACCOUNT_MAX ? await em.findOne(Employee, accountIs(account)) : null;
  // Verify against a dummy hash for unknown accounts: equal timing reveals no account names.
  const ok = await verifyPassword(employee?.passwordHash ?? (await timingDummyHash()), password);
  if (!employee || !ok || !employee.enabled) {
    await services.throttle.recordFailure(em, subject, clientAddress);
    throw unauthenticated(INVALID_LOGIN);
  }
  await services.throttle.recordSuccess(em, subject, clientAddress);
  const { token, expiresAt } = await services.tokens.issue({ sub: employee.id, tid: employee.tenant.id, knd: 'employee', cv: employee.credentialVersion });
  return { token, expiresAt, mustChangePassword: employee.mustChangePassword };
}

/** API clients (CRMs, integrations) sign in with their client id and secret. */
export async function loginClient(ctx: Context, clientId: string, secret: string): Promise<LoginPayload> {
  const { em, services, clientAddress } = ctx;
  const subject = `client:${clientId.slice(0, 41)}`;
  await services.throttle.assertOpen(em, subject, clientAddress);
  const client = clientId.length <= 40 ? await em.findOne(ApiClient, { clientId }) : null;
  const ok = await verifyPassword(client?.secretHash ?? (await timingDummyHash()), secret);
  if (!client || !ok || !client.enabled || client.revokedAt) {
    await services.throttle.recordFailure(em, subject, clientAddress);
    throw unauthenticated(INVALID_CLIENT);
  }
  await services.throttle.recordSuccess(em, subject, clientAddress);
  await em.nativeUpdate(ApiClient, { id: client.id }, { lastUsedAt: new Date() });
  const { token, expiresAt } = await services.tokens.issue({ sub: client.id, tid: client.tenant.id, knd: 'client', cv: client.credentialVersion });
  return { token, expiresAt, mustChangePassword: false };
}
