import { SignJWT, jwtVerify, errors } from 'jose';
import { isUuid } from '../../common/ids';

export interface TokenClaims {
  /** Principal id (employee or API client id). */
  sub: string;
  /** Tenant id: the only source of the tenant for every request. */
  tid: string;
  /** Principal kind. */
  knd: 'employee' | 'client';
  /** Credential version of the principal at issue time: a password or secret change, a disable or a revoke bumps it, killing older tokens. */
  cv: number;
}

/** Claims of a verified token, with when it expires (seconds since the epoch). */
export interface VerifiedToken extends TokenClaims {
  exp: number;
}

const ISSUER = 'switchboard';
/** Verified tokens kept (the oldest verified goes first): one per active session is plenty. */
const MAX_VERIFIED = 10_000;
const AUDIENCE = 'switchboard-api';

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.ttlSeconds;
    const token = await new SignJWT({ tid: claims.tid, knd: claims.knd, cv: claims.cv })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * Tokens verified before, until they expire: a client sends the same token with every request,
   * and checking its signature again each time cost about a tenth of a lookup's CPU. Only the
   * exact bytes verified are trusted; whether the principal still stands is checked per request.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  /** Returns the claims of a valid token, or null for anything else (bad signature, expired, malformed). */
  async verify(token: string): Promise<VerifiedToken | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known;
      this.verified.delete(token);
    }
    const claims = await this.check(token);
    if (claims) {
      if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
    }
    return claims;
  }

  private async check(token: string): Promise<VerifiedToken | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') return null;
      if (payload.knd !== 'employee' && payload.knd !== 'client') return null;
      if (!isUuid(payload.sub) || !isUuid(payload.tid)) return null;
      if (!Number.isSafeInteger(payload.cv) || (payload.cv as number) < 0) return null;
      if (!Number.isSafeInteger(payload.exp)) return null;
      return { sub: payload.sub, tid: payload.tid, knd: payload.knd, cv: payload.cv as number, exp: payload.exp as number };
    } catch (e) {
      if (e instanceof errors.JOSEError || e instanceof TypeError) return null;
      throw e;
    }
  }
}
