import { getNullableType, isListType } from 'graphql';
import { Authorized, Extensions, UseMiddleware, type AuthChecker } from 'type-graphql';
import type { Context } from '../base/context';
import { AppError, ErrorCode, forbidden, unauthenticated } from '../base/errors';
import { can } from './principal';

/**
 * Every root field declares its access: `public`, `authenticated`, `tenant-admin`, or the
 * permission codes it needs (joined by ` & `). The declaration is stored in the field's
 * extensions, where the auth checker and the permission snapshot test both read it. Object
 * fields whose content depends on a permission declare it too (`ShownWith`).
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
/** Joins the permissions an operation needs into its declaration, and splits one back. */
export const ALL_OF = ' & ';
export const permissionsOf = (access: string): string[] => access.split(ALL_OF);

/** A signed-in principal holding every one of the permissions (tenant admins hold all). */
export const Requires = (...permissions: [string, ...string[]]): Decorator => declare(permissions.join(ALL_OF), true);

/**
 * An object field shown only to a principal holding the permission; for others it is empty (a
 * list) or null. Its parent is readable with less, so refusing the whole reply would be wrong.
 */
export const ShownWith =
  (permission: string): PropertyDecorator =>
  (target, key) => {
    Extensions({ access: permission })(target, key);
    UseMiddleware(async ({ context, info }, next) => {
      if (context.principal && can(context.principal, permission)) return next();
      return isListType(getNullableType(info.returnType)) ? [] : null;
    })(target, key);
  };
/** The extension of a root field whose first statement carries the principal's head check (server/verified-principal.ts). */
export const FOLDS_PRINCIPAL_CHECK = 'foldsPrincipalCheck';
/** Its first statement is a `requestHotQuery`: the principal is confirmed by it, not by a statement of its own. */
export const FoldsPrincipalCheck = (): MethodDecorator => Extensions({ [FOLDS_PRINCIPAL_CHECK]: true }) as MethodDecorator;

/** A signed-in tenant admin: what no role can give. */
export const TenantAdmin = (): Decorator => declare(TENANT_ADMIN, true);

export const authChecker: AuthChecker<Context> = ({ context }, roles) => checkAccess(context, ...roles);

/** The one access check of an operation (a resolver's @Requires, an HTTP endpoint's `requires`): throws its refusal. */
export function checkAccess(context: Pick<Context, 'principal'>, ...roles: string[]): true {
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
  const missing = permissionsOf(access).filter((p) => !can(principal, p));
  if (missing.length) throw forbidden(`Missing permission ${missing.join(', ')}`);
  return true;
}
