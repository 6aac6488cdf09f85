import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The console keeps its token in localStorage: one injected script would own the session. So
 * scripts come from this origin only, never inline. Styles may be inline: the page's own <style>
 * and emotion (MUI / react-admin), which inserts <style> elements at run time.
 */
const CONSOLE_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  // GraphQL over HTTP and WebSocket on this origin ('self' covers ws: / wss: of the same host).
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // TLS is the deployment's business (HSTS below); upgrading would break plain-HTTP installs.
  'upgrade-insecure-requests': null,
};

/** The API answers JSON: nothing in it may load anything or be framed. */
const API_DIRECTIVES = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'upgrade-insecure-requests': null,
};

const common = {
  // Sent below, and only over TLS: on plain HTTP it would be ignored or, on a shared host name, harmful.
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
} as const;

/**
 * The headers a helmet middleware sets, taken once: the policies here are constant, so each
 * response copies a list instead of running helmet's dozen middlewares (a tenth of a small
 * request's CPU).
 */
function constantHeaders(middleware: RequestHandler): readonly (readonly [string, string])[] {
  const headers: [string, string][] = [];
  const res = { setHeader: (name: string, value: string) => headers.push([name, String(value)]), removeHeader: () => {} };
  middleware({} as never, res as never, () => {});
  return headers;
}

const consoleHeaders = constantHeaders(helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_DIRECTIVES } }));
const apiHeaders = constantHeaders(helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: API_DIRECTIVES } }));
const hsts = constantHeaders(helmet.strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: false }));

const CONSOLE_PATH = /^\/admin(\/|$)/;

/**
 * Every response: the console's policy under /admin, the API's everywhere else. HSTS only for
 * requests that arrived over TLS: `req.secure` is true on a TLS socket, or when a proxy of
 * TRUSTED_PROXIES says so in X-Forwarded-Proto (express's trust proxy), never because a client
 * wrote that header itself.
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  setHeaders(res, CONSOLE_PATH.test(req.path) ? consoleHeaders : apiHeaders, req.secure);
  res.removeHeader('X-Powered-By');
  next();
};

/** The API's headers on a reply served outside express (graphql-post.ts); `secure` as express's `req.secure`. */
export function apiSecurityHeaders(res: ServerResponse, secure: boolean): void {
  setHeaders(res, apiHeaders, secure);
}

function setHeaders(res: ServerResponse, headers: readonly (readonly [string, string])[], secure: boolean): void {
  for (const [name, value] of headers) res.setHeader(name, value);
  if (secure) for (const [name, value] of hsts) res.setHeader(name, value);
}
