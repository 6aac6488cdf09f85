import { Authorized, Extensions } from 'type-graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../base/context';
import { AppError, ErrorCode, forbidden, unauthenticated } from '../base/errors';
import { can } from './principal';

/**
 * Every root field declares its access: `public`, `authenticated`, or a permission code.
 * The declaration is stored in the field's extensions, where the auth checker and the
 * permission snapshot test both read it.
 */
export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';
/** Held by tenant admins only, never through a role (e.g. editing tenant parameters). */
export const TENANT_ADMIN = 'tenant-admin';

type Decorator = MethodDecorator & PropertyDecorator;

/** Marks the few operations a principal may use before changing its initial password. */
const DURING_PASSWORD_CHANGE = 'during-password-change';

function declare(access: string, checked: boolean, duringPasswordChange = false): Decorator {
  const ext = Extensions({ access });
  const auth = checked ? Authorized(duringPasswordChange ? [access, DURING_PASSWORD_CHANGE] : [access]) : undefined;
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    (ext as MethodDecorator)(target, key, descriptor!);
    if (auth) (auth as MethodDecorator)(target, key, descriptor!);
  }) as Decorator;
}

/** Callable without a token (login). */
export const Public = (): Decorator => declare(PUBLIC, false);
/** Any signed-in principal of the tenant; `duringPasswordChange` also before the first password change. */
export const Authenticated = (options: { duringPasswordChange?: boolean } = {}): Decorator => declare(AUTHENTICATED, true, options.duringPasswordChange);
/** A signed-in principal holding the permission (tenant admins hold all). */
export const Requires = (permission: string): Decorator => declare(permission, true);
/** A signed-in tenant admin: what no role can give. */
export const TenantAdmin = (): Decorator => declare(TENANT_ADMIN, true);

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const principal = context.principal;
  if (!principal) throw unauthenticated();
  const [access] = roles;
  if (principal.mustChangePassword && !roles.includes(DURING_PASSWORD_CHANGE)) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Change your initial password first', { reason: 'PASSWORD_CHANGE_REQUIRED' });
  }
  if (!access || access === AUTHENTICATED) return true;
  if (access === TENANT_ADMIN) {
    if (!principal.isTenantAdmin) throw new AppError(ErrorCode.FORBIDDEN, 'Only tenant admins may do this', { reason: 'TENANT_ADMIN_ONLY' });
    return true;
  }
  if (!can(principal, access)) throw forbidden(`Missing permission ${access}`);
  return true;
};
