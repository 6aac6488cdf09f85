import type { EntityManager } from '@mikro-orm/postgresql';
import { buildAbility } from '../../authz/ability';
import { hotQuery } from '../../common/hot-query';
import { holdingsOf } from '../../authz/holdings';
import type { Principal, PrincipalKind } from '../../authz/principal';
import { assignedTo } from './holdings.query';
import type { TokenClaims } from './token';

interface Head {
  id: string;
  handle: string;
  tenant_id: string;
  is_tenant_admin: boolean;
  must_change_password: boolean;
  version: number;
  authz_epoch: string;
  inter_org_isolation: boolean;
}

/** One statement per request: is the principal still active, and is its cached scope current? */
const HEAD_SQL: Record<PrincipalKind, string> = {
  employee: `select e.id, e.account as handle, e.tenant_id, e.is_tenant_admin, e.must_change_password, e.version,
                    t.authz_epoch, t.inter_org_isolation
               from employee e join tenant t on t.id = e.tenant_id
              where e.id = ? and e.tenant_id = ? and e.credential_version = ? and e.enabled`,
  client: `select c.id, c.client_id as handle, c.tenant_id, false as is_tenant_admin, false as must_change_password, c.version,
                  t.authz_epoch, t.inter_org_isolation
             from api_client c join tenant t on t.id = c.tenant_id
            where c.id = ? and c.tenant_id = ? and c.credential_version = ? and c.enabled and c.revoked_at is null`,
};

/** What a cached principal was built from: it is rebuilt when any of these moved. */
const keyOf = (h: Pick<Head, 'authz_epoch' | 'version' | 'inter_org_isolation'>) => `${h.authz_epoch}:${h.version}:${h.inter_org_isolation}`;

/** The heads of many principals of one kind in one statement (live subscriptions re-check theirs together). */
const HEADS_SQL: Record<PrincipalKind, string> = {
  employee: `select e.id, e.tenant_id, e.credential_version as cv, e.version, t.authz_epoch, t.inter_org_isolation
               from employee e join tenant t on t.id = e.tenant_id
              where e.id = any(?::uuid[]) and e.enabled`,
  client: `select c.id, c.tenant_id, c.credential_version as cv, c.version, t.authz_epoch, t.inter_org_isolation
             from api_client c join tenant t on t.id = c.tenant_id
            where c.id = any(?::uuid[]) and c.enabled and c.revoked_at is null`,
};

/**
 * For the principals of verified tokens, what each one's cached principal must be keyed by now,
 * or null when the token no longer stands (disabled, revoked, credentials changed, wrong tenant).
 */
export async function currentKeys(em: EntityManager, kind: PrincipalKind, tokens: readonly TokenClaims[]): Promise<Map<TokenClaims, string | null>> {
  const ids = [...new Set(tokens.map((t) => t.sub))];
  const rows = ids.length
    ? await em
        .getConnection()
        .execute<(Omit<Head, 'handle' | 'is_tenant_admin' | 'must_change_password'> & { cv: number })[]>(HEADS_SQL[kind], [`{${ids.join(',')}}`])
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(
    tokens.map((t) => {
      const head = byId.get(t.sub);
      return [t, head && head.tenant_id === t.tid && head.cv === t.cv ? keyOf(head) : null];
    }),
  );
}

const builtWith = new WeakMap<Principal, string>();

/** The key a principal was built with (compared with `currentKeys`). */
export const principalKey = (principal: Principal): string | undefined => builtWith.get(principal);

const MAX_CACHED = 10_000;
const cache = new Map<string, { key: string; principal: Principal }>();

/** The principal these claims were last turned into, if cached: still to be confirmed by its head. */
export function cachedPrincipal(claims: TokenClaims): Principal | undefined {
  const hit = cache.get(`${claims.knd}:${claims.sub}`);
  return hit?.principal.tenantId === claims.tid ? hit.principal : undefined;
}

/** The head statement of these claims (one row while they stand), to run inside a request's first statement. */
export const headStatement = (claims: TokenClaims): { sql: string; bindings: readonly unknown[] } => ({
  sql: HEAD_SQL[claims.knd],
  bindings: [claims.sub, claims.tid, claims.cv],
});

/** Whether a head row (as `headStatement` reads it) shows the principal still stands, built from current data. */
export const headConfirms = (principal: Principal, head: Pick<Head, 'authz_epoch' | 'version' | 'inter_org_isolation'> | null | undefined): boolean =>
  !!head && builtWith.get(principal) === keyOf(head);

/**
 * Turns verified token claims into a principal. The cheap head query runs on every request (a
 * disabled account, a revoked client or a token issued before the last credential change stops
 * at once); roles, grants and the OU tree are re-read only when the tenant's authz epoch or the
 * principal's version moved.
 */
export async function loadPrincipal(em: EntityManager, claims: TokenClaims): Promise<Principal | undefined> {
  const conn = em.getConnection();
  const [head] = await hotQuery<Head>(em, HEAD_SQL[claims.knd], [claims.sub, claims.tid, claims.cv]);
  if (!head) return undefined;
  const cacheId = `${claims.knd}:${head.id}`;
  const key = keyOf(head);
  const hit = cache.get(cacheId);
  if (hit?.key === key) return hit.principal;

  const [assigned, tree] = await Promise.all([
    assignedTo(em, claims.knd, head.tenant_id, [head.id]),
    conn.execute<{ id: string; parent_id: string | null; path: string }[]>('select id, parent_id, path from org_unit where tenant_id = ?', [head.tenant_id]),
  ]);
  const shape = { tree: tree.map((n) => ({ id: n.id, parentId: n.parent_id, path: n.path })), interOrgIsolation: head.inter_org_isolation };
  const own = assigned.get(head.id);
  const holdings = holdingsOf({ isTenantAdmin: head.is_tenant_admin, permissions: own?.permissions ?? [], grants: own?.grants ?? [] }, shape);
  const principal: Principal = {
    kind: claims.knd,
    id: head.id,
    tenantId: head.tenant_id,
    handle: head.handle,
    mustChangePassword: head.must_change_password,
    ...holdings,
    ...shape,
    ability: buildAbility(holdings.permissions, head.is_tenant_admin, holdings.scope),
    tenantOuIds: tree.map((n) => n.id),
  };
  builtWith.set(principal, key);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(cacheId, { key, principal });
  return principal;
}
