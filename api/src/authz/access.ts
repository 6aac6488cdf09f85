import { Authorized, Extensions } from 'type-graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../server/context';
import { forbidden, unauthenticated } from '../server/errors';
import { can } from './principal';

/**
 * Every root field declares its access: `public`, `authenticated`, or a permission code.
 * The declaration is stored in the field's extensions, where the auth checker and the
 * permission snapshot test both read it.
 */
export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';

type Decorator = MethodDecorator & PropertyDecorator;

function declare(access: string, checked: boolean): Decorator {
  const ext = Extensions({ access });
  const auth = checked ? Authorized(access) : undefined;
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    (ext as MethodDecorator)(target, key, descriptor!);
    if (auth) (auth as MethodDecorator)(target, key, descriptor!);
  }) as Decorator;
}

/** Callable without a token (login). */
export const Public = (): Decorator => declare(PUBLIC, false);
/** Any signed-in principal of the tenant. */
export const Authenticated = (): Decorator => declare(AUTHENTICATED, true);
/** A signed-in principal holding the permission (tenant admins hold all). */
export const Requires = (permission: string): Decorator => declare(permission, true);

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const principal = context.principal;
  if (!principal) throw unauthenticated();
  const [access] = roles;
  if (!access || access === AUTHENTICATED) return true;
  if (!can(principal, access)) throw forbidden(`Missing permission ${access}`);
  return true;
};
