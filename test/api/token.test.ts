import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from '../../api/src/modules/identity/token';

const claims = { sub: '0190f5c8-6c3a-7000-8000-000000000001', tid: '0190f5c8-6c3a-7000-8000-000000000002', knd: 'employee' as const, cv: 0 };

afterEach(() => vi.useRealTimers());

/** Verified tokens are remembered (issue 15): never past their expiry, never for other bytes or another key. */
describe('token verification', () => {
  it('trusts a token it verified until it expires, and not a second longer', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z'), toFake: ['Date'] });
    const tokens = new TokenService('a-secret-of-at-least-thirty-two-bytes!!', 60);
    const { token, expiresAt } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toMatchObject(claims);
    vi.setSystemTime(expiresAt.getTime() - 1000);
    expect(await tokens.verify(token)).toMatchObject(claims);
    vi.setSystemTime(expiresAt.getTime());
    expect(await tokens.verify(token)).toBeNull();
  });

  it('does not trust other bytes, or a token of another key, because it knows one', async () => {
    const tokens = new TokenService('a-secret-of-at-least-thirty-two-bytes!!', 60);
    const other = new TokenService('another-secret-of-at-least-thirty-two-b', 60);
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).not.toBeNull();
    expect(await tokens.verify(`${token}x`)).toBeNull();
    expect(await other.verify(token)).toBeNull();
  });
});
