import { inBackground } from '../../common/background';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal, PrincipalKind } from '../../authz/principal';
import { unscoped } from '../../common/row-scope';
import type { Logger } from '../../logger';
import { currentKeys, loadPrincipal, principalKey } from '../identity/principal.loader';
import type { TokenService, VerifiedToken } from '../identity/token';
import type { EventHub, Subscriber } from './hub';

/** graphql-ws's close code for a connection refused or ended by authorization. */
export const CLOSE_FORBIDDEN = 4403;

/** What a session needs of its socket. */
export interface SessionSocket {
  close(code: number, reason: string): void;
  send(data: string): void;
}

/** One authenticated WebSocket connection: its token, its principal as of the last check, and its expiry. */
export class LiveSession implements Subscriber {
  expiry?: NodeJS.Timeout;

  constructor(
    readonly token: VerifiedToken,
    public current: Principal | undefined,
    readonly socket: SessionSocket,
  ) {}

  get tenantId(): string {
    return this.token.tid;
  }

  readonly principal = (): Principal | undefined => this.current;

  end(code: number, reason: string): void {
    this.current = undefined;
    this.socket.close(code, reason);
  }
}

export interface SessionOptions {
  /** How often every session's principal is re-checked (disabled, revoked, grants or roles changed). */
  revalidateMs: number;
  /** How often each socket gets a heartbeat carrying its tenant's latest sequence number. */
  heartbeatMs: number;
}

/**
 * The authenticated WebSocket connections of this process (issue 12, item 1). A connection
 * without a valid token is refused at connection_init; an open one is closed when its token
 * expires, and within `revalidateMs` of its principal being disabled, revoked or its credentials
 * changed. A changed scope (roles, grants, the OU tree) is picked up by the same check, so events
 * stop or start within that time. One statement per principal kind per check, whatever the count.
 */
export class LiveSessions {
  private readonly sessions = new Set<LiveSession>();
  private readonly timers: NodeJS.Timeout[] = [];
  private checking?: Promise<void>;

  constructor(
    private readonly em: EntityManager,
    private readonly hub: EventHub,
    private readonly o: SessionOptions,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  start(): void {
    const revalidate = setInterval(() => inBackground('connection re-check', () => void this.revalidate()), this.o.revalidateMs);
    const heartbeat = setInterval(() => this.heartbeat(), this.o.heartbeatMs);
    for (const t of [revalidate, heartbeat]) t.unref();
    this.timers.push(revalidate, heartbeat);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    for (const s of this.sessions) this.close(s);
  }

  /** A session for a connection's token, verified by the server's `tokens`, or undefined when it does not stand (the connection is refused). */
  async open(tokens: TokenService, token: string | undefined, socket: SessionSocket): Promise<LiveSession | undefined> {
    const verified = token ? await tokens.verify(token) : null;
    if (!verified) return undefined;
    const principal = await loadPrincipal(this.db(), verified);
    if (!principal) return undefined;
    const session = new LiveSession(verified, principal, socket);
    const left = verified.exp * 1000 - Date.now();
    if (left <= 0) return undefined;
    session.expiry = setTimeout(() => session.end(CLOSE_FORBIDDEN, 'Token expired'), left);
    session.expiry.unref();
    this.sessions.add(session);
    await this.hub.learn(verified.tid);
    return session;
  }

  /** The connection closed: forget its session (its subscriptions end with the socket). */
  close(session: LiveSession): void {
    clearTimeout(session.expiry);
    session.current = undefined;
    this.sessions.delete(session);
  }

  private db(): EntityManager {
    return unscoped(this.em.fork(), 'a WebSocket connection is authenticated (and re-checked) before any request of it runs');
  }

  /** Re-checks every session's principal; overlapping checks are skipped (the next interval comes soon). */
  revalidate(): Promise<void> {
    this.checking ??= this.check()
      .catch((e: unknown) => this.logger.warn({ err: e }, 'live session check failed'))
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async check(): Promise<void> {
    const db = this.db();
    for (const kind of ['employee', 'client'] as PrincipalKind[]) {
      const sessions = [...this.sessions].filter((s) => s.token.knd === kind);
      if (!sessions.length) continue;
      const keys = await currentKeys(db, kind, [...new Set(sessions.map((s) => s.token))]);
      for (const s of sessions) {
        const key = keys.get(s.token);
        if (key == null) {
          s.end(CLOSE_FORBIDDEN, 'Access revoked');
          continue;
        }
        if (s.current && principalKey(s.current) === key) continue;
        // Rebuilt once per principal (loadPrincipal caches it), shared by its sessions.
        s.current = await loadPrincipal(db, s.token);
        if (!s.current) s.end(CLOSE_FORBIDDEN, 'Access revoked');
      }
    }
  }

  /** A graphql-ws ping carrying the tenant's latest sequence number: a client that stops hearing them reconnects and resumes. */
  heartbeat(): void {
    for (const s of this.sessions) {
      try {
        s.socket.send(JSON.stringify({ type: 'ping', payload: { seq: this.hub.latestSeq(s.tenantId) } }));
      } catch {
        // A socket closing meanwhile: its close handler forgets the session.
      }
    }
  }
}
