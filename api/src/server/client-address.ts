import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether the hop at `addr` (the i-th from the socket) is a proxy whose X-Forwarded-For is believed. */
export type ProxyTrust = (addr: string, i: number) => boolean;

/**
 * The configured proxies (TRUSTED_PROXIES: addresses, CIDR ranges, or proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`) as one predicate, for express's `trust proxy` and the
 * WebSocket upgrade alike. Throws on an entry proxy-addr cannot read.
 */
export function compileProxyTrust(proxies: readonly string[]): ProxyTrust {
  return proxyaddr.compile([...proxies]);
}

/**
 * The client's address: the socket's peer, or the nearest X-Forwarded-For hop not itself a
 * trusted proxy. With no trusted proxy the header is ignored, so a client cannot pick its own
 * address (e.g. to escape the sign-in throttle).
 */
export function clientAddress(req: IncomingMessage, trust: ProxyTrust): string {
  return proxyaddr(req, trust) ?? 'unknown';
}

/**
 * Whether the request arrived over TLS, as express's `req.secure` has it: a TLS socket, or the
 * first X-Forwarded-Proto a trusted proxy sent (never the header of a client itself).
 */
export function requestIsSecure(req: IncomingMessage, trust: ProxyTrust): boolean {
  const own = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  if (!trust(req.socket.remoteAddress ?? '', 0)) return own === 'https';
  const header = req.headers['x-forwarded-proto'];
  const proto = typeof header === 'string' ? (header.split(',')[0] ?? '').trim() : own;
  return proto === 'https';
}
