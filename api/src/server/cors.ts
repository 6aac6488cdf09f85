import type { IncomingMessage } from 'node:http';
import cors from 'cors';
import type { RequestHandler } from 'express';

/** An origin as browsers send it: scheme, host and port, nothing else (`https://crm.example.com`). */
export function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/**
 * Cross-origin reads of the API, for browser-based CRM widgets: only the CORS_ORIGINS (none by
 * default). No credentials (the API takes bearer tokens, not cookies); the headers a GraphQL
 * POST needs. A browser on any other origin gets no Access-Control-Allow-Origin and so no reply.
 */
export function corsFor(origins: readonly string[]): RequestHandler {
  return cors({
    origin: origins.length ? [...origins] : false,
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
}

/**
 * The same rule for WebSocket upgrades, which CORS does not cover: a browser page may open a
 * socket to any host, so its Origin must be this host or one of CORS_ORIGINS. Clients that are
 * not browsers send no Origin and are let through (they authenticate like everyone else).
 */
export function upgradeOriginAllowed(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (origin: string | undefined, req: IncomingMessage): boolean => {
    if (!origin) return true;
    if (allowed.has(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
}
