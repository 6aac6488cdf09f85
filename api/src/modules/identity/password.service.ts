// Brings identity's services (tokens, throttle) into AppServices for every program that compiles this file.
import './services';
import type { Context } from '../../base/context';
import { badInput, forbidden } from '../../base/errors';
import { auditRequest } from '../../common/audit.writer';
import { Employee } from './employee.entity';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { unscoped } from '../../common/row-scope';
import { SELF } from './account';

/** The reason a current-password check gives when the password is wrong (beside BAD_USER_INPUT on the field). */
export const WRONG_PASSWORD = 'WRONG_PASSWORD';

/** An employee replaces its own password (and so ends a pending first-login change). */
export async function changePassword(ctx: Context, oldPassword: string, newPassword: string): Promise<boolean> {
  const principal = ctx.principal!;
  if (principal.kind !== 'employee') throw forbidden('API clients have secrets, not passwords: rotate the secret instead');
  await checkCurrentPassword(ctx, oldPassword);
  return ctx.em.transactional(async (em) => {
    // Its own record, whatever its OU scope: changed on a fork of the transaction, so the
    // request's identity map never holds a record the scope would not find.
    const fork = em.fork({ keepTransactionContext: true });
    const own = unscoped(fork, "a principal's own record, whatever its OU scope");
    const employee = await own.findOneOrFail(Employee, { id: principal.id, tenant: principal.tenantId });
    const rule = passwordProblem(newPassword, employee.account);
    if (rule) throw badInput({ newPassword: rule });
    if (newPassword === oldPassword) throw badInput({ newPassword: 'The new password must differ from the current one' });
    const before = { passwordHash: employee.passwordHash, mustChangePassword: employee.mustChangePassword };
    employee.passwordHash = await hashPassword(newPassword);
    employee.mustChangePassword = false;
    await own.flush();
    await auditRequest(ctx, em, {
      operation: 'changePassword',
      action: 'updated',
      recordType: 'Employee',
      recordId: employee.id,
      ouId: employee.homeOuId,
      before,
      after: { passwordHash: employee.passwordHash, mustChangePassword: false },
    });
    return true;
  });
}

/**
 * The current password is a guess like a sign-in: throttled and counted for the account and the
 * client address. Checked before the change's transaction, so its rollback cannot undo a count
 * and the check does not hold a second pooled connection while the transaction holds one.
 */
export async function checkCurrentPassword(ctx: Context, oldPassword: string, field = 'oldPassword'): Promise<void> {
  const principal = ctx.principal!;
  const ok = await ctx.services.throttle.attempt(ctx.em, `employee:${principal.handle}`, ctx.clientAddress, async () => {
    const employee = await ctx.em.fork().findOneOrFail(Employee, { id: principal.id, tenant: principal.tenantId }, SELF);
    return (await verifyPassword(employee.passwordHash, oldPassword)) || null;
  });
  if (!ok) throw badInput({ [field]: 'The current password is not correct' }, undefined, { reason: WRONG_PASSWORD });
}
