import type { LoginThrottle } from './throttle';
import type { TokenService } from './token';

/** Identity's long-lived collaborators, part of every request's services. */
declare module '../../base/context' {
  interface AppServices {
    tokens: TokenService;
    throttle: LoginThrottle;
  }
}
