import { type EntityClass, type EntityName, type FilterQuery, type QueryOrderMap, raw, ReferenceKind, Utils } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { allows, scopeFilter, type Action, type SubjectName } from '../authz/ability';
import { subtreeOf } from '../authz/scope';
import { bumpAuthzEpoch } from '../authz/epoch';
import type { Principal } from '../authz/principal';
import { writeAudit, type AuditAction, type Snapshot } from './audit.writer';
import type { Context } from '../base/context';
import { AppError, ErrorCode, badInput, conflict, forbidden, notFound, unauthenticated } from '../base/errors';
import { requestHotQuery } from './hot-query';
import { isUuid } from './ids';
import { readOnlyEntity, readsPlainly } from './read-only-entity';
import { filterWhereOf, referenceViolationAsFieldError, searchWhereOf, snapshotOf, uniqueViolationAsFieldError } from './fields';
import { resourceNameOf } from './crud';
import { requestLoader } from './request-loader';
import { rowScopeHolds, rowScopeOf } from './row-scope';
import { sortableOf } from './sortable';
import { pageSize, type BaseFilter, type ListArgs } from './list';
import { countMatching } from './list-count';

/** A tenant's record: an id, and a version when it is mutable. */
export interface Scoped {
  id: string;
  version?: number;
}

export interface Refusal {
  reason: string;
  message: string;
}

export interface RecordAccess {
  canEdit: boolean;
  canDelete: boolean;
}

const AUDIT_ACTION: Record<'create' | 'update' | 'delete', AuditAction> = { create: 'created', update: 'updated', delete: 'deleted' };

/**
 * One tenant-owned resource, enforced in one place:
 * - reads are scoped in SQL (tenant + the caller's ability for `read`); a record outside the
 *   scope, a missing id and a malformed id all give the same NOT_FOUND;
 * - writes go through `write()`: the record is read in scope, its version checked, the
 *   operation allowed on its OU before and on its placement after the change (FORBIDDEN),
 *   and an audit entry written in the same transaction.
 */
export abstract class TenantCrudService<TEntity extends Scoped, TFilter extends BaseFilter> {
  protected abstract readonly entity: EntityName<TEntity>;
  /** The guarded subject (ability rules, audit record type): declared on the entity with `@RowScope`. */
  protected get subject(): SubjectName {
    const subject = rowScopeOf(this.entity as Function)?.subject;
    if (!subject) throw new Error(`${String(this.entity)}: its @RowScope declares no subject`);
    return subject;
  }
  /** Human name used in messages, e.g. "OU". */
  protected abstract readonly label: string;
  /** Fields a list may be sorted by besides `id` (react-admin's default sort): declared on the entity with `@Sortable`. */
  protected get sortable(): readonly string[] {
    return sortableOf(this.entity as Function);
  }
  protected abstract readonly defaultSort: QueryOrderMap<TEntity>;
  /** The path to the OU that scopes a record ('id' for OUs themselves), as its `@RowScope` declares it. */
  protected get ouField(): string {
    return rowScopeOf(this.entity as Function)?.ouField ?? 'ou';
  }
  /** Relations loaded with every record (e.g. what `ouOf` needs). */
  protected readonly populate: readonly string[] = [];
  /** Whether writes change somebody's scope (roles, grants, the tree): cached principals must be rebuilt. */
  protected readonly affectsAuthz: boolean = false;

  constructor(protected readonly ctx: Context) {}

  protected get em(): EntityManager {
    return this.ctx.em;
  }

  protected get principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
  }

  /** The OU that scopes reads and edits of a record (null = Unorganized, or not OU-owned): the record's value at `ouField`. */
  protected ouOf(record: TEntity): string | null {
    if (!rowScopeOf(this.entity as Function)?.ouField) return null;
    let value: unknown = record;
    for (const key of this.ouField.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[key];
    if (value == null) return null;
    return typeof value === 'string' ? value : (value as { id: string }).id;
  }
  /** The OU where a record is placed, which must be writable to put it there (default: its OU). */
  protected placementOf(record: TEntity): string | null {
    return this.ouOf(record);
  }
  /**
   * What live-event subscriptions filter a change of this record on, besides its id and OUs
   * (SPEC §7): by default the customer it belongs to, if any. `before` is its audited snapshot.
   */
  protected eventTopics(record: TEntity, _before: Snapshot | null): Record<string, unknown> {
    const customerId = (record as { customerId?: unknown }).customerId;
    return typeof customerId === 'string' ? { customerId } : {};
  }

  /** The audited view of a record: plain values, relations as ids, secrets named so they are masked. */
  protected snapshot(record: TEntity, _em: EntityManager): Snapshot | Promise<Snapshot> {
    return snapshotOf(this.entity as Function, record);
  }

  /** The caller's scope for `action` as a filter, for other services that join through this resource. */
  inScope(action: Action): FilterQuery<TEntity> {
    return this.scope(action);
  }

  /**
   * The caller's scope for `action` as a filter. The tenant and the OU scope (`locate`) already
   * hold for every query through the row scope (common/row-scope.ts); what this adds for `read`
   * is the page's view operation.
   */
  protected scope(action: Action = 'read'): FilterQuery<TEntity> {
    // The row scope (also applied inside joins) keeps the plain form; a service's own reads add
    // the guard for a path through a nullable relation (see scopeFilter).
    const [first, ...rest] = this.ouField.split('.');
    const nullableVia = rest.length > 0 && this.em.getMetadata().find(Utils.className(this.entity))?.properties[first!]?.nullable === true;
    return scopeFilter(this.principal.ability, action, this.subject, this.ouField, { nullableVia }) as FilterQuery<TEntity>;
  }

  /** The filter's own fields (beside `ids` and `q`) as equality on the entity; resources with other rules override it. */
  protected filterWhere(filter: TFilter): FilterQuery<TEntity>[] {
    return this.filterWhereBy(filter.constructor, filter);
  }

  /** The fields `filterClass` declares (a filter, or a base one it extends) as the kernel reads them; an OU's subtree from the tenant's tree. */
  protected filterWhereBy(filterClass: Function, filter: TFilter): FilterQuery<TEntity>[] {
    return filterWhereOf<TEntity>(filterClass, filter, subtreeOf(this.principal.tree));
  }

  /** `q` on the entity's `@Searchable` properties (contains, any case). */
  protected searchWhere(q: string): FilterQuery<TEntity> {
    return searchWhereOf<TEntity>(this.entity as Function, q);
  }

  protected where(filter?: TFilter | null): FilterQuery<TEntity> {
    const read = this.scope();
    // Where the view operation adds nothing to the OU scope the row scope applies anyway (the
    // principal may view every OU it may locate), the same condition is not sent twice.
    const parts: FilterQuery<TEntity>[] = rowScopeHolds(this.em, this.entity as Function, this.principal, read as object) ? [] : [read];
    if (filter?.ids) parts.push({ id: { $in: filter.ids } } as unknown as FilterQuery<TEntity>);
    const q = filter?.q?.trim();
    if (q) parts.push(this.searchWhere(q));
    if (filter) parts.push(...this.filterWhere(filter));
    return { $and: parts } as FilterQuery<TEntity>;
  }

  /**
   * One record in the caller's scope, or NOT_FOUND. Reads need the view operation; writes
   * (`action` locate, with the transaction's `em`) need only the OU scope.
   */
  async get(id: string, em: EntityManager = this.em, action: Action = 'read'): Promise<TEntity> {
    const found = isUuid(id)
      ? await em.findOne(this.entity, { $and: [{ id }, this.scope(action)] } as FilterQuery<TEntity>, { populate: this.populate as never })
      : null;
    if (!found) throw notFound(this.label);
    return found;
  }

  /**
   * One page in the caller's scope. A filter by ids without `perPage` is one page holding every
   * id in scope (react-admin's getMany), never cut to the default page size.
   */
  async list(args: ListArgs, filter?: TFilter | null): Promise<TEntity[]> {
    const size = pageSize(args.perPage, filter);
    if (size === 0) return [];
    const orderBy = this.orderBy(args);
    const where = this.where(filter);
    return this.readReply((args.after ? { $and: [where, await this.after(args.after, where, orderBy)] } : where) as FilterQuery<TEntity>, {
      orderBy,
      limit: size,
      offset: args.after ? 0 : (args.page ?? 0) * (args.perPage ?? size),
    });
  }

  /**
   * Records read for a reply, not for a change. Without populated relations: one statement
   * (which carries the principal's check while it is pending), its rows built as read-only
   * entities, outside the identity map; otherwise em.find.
   */
  private async readReply(where: FilterQuery<TEntity>, page: { orderBy?: QueryOrderMap<TEntity>[]; limit?: number; offset?: number } = {}): Promise<TEntity[]> {
    if (this.populate.length || !readsPlainly(this.em, this.entity as EntityClass<object>)) {
      return this.em.find(this.entity, where, { populate: this.populate as never, ...page } as never);
    }
    const qb = this.em.createQueryBuilder(this.entity, 'e').select('e.*').where(where);
    if (page.orderBy) qb.orderBy(page.orderBy);
    if (page.limit !== undefined) qb.limit(page.limit, page.offset);
    // The row scope, as em.find applies it.
    await qb.applyFilters();
    const { sql, bindings } = qb.getKnexQuery().toSQL();
    const rows = await requestHotQuery<Record<string, unknown>>(this.ctx, sql, bindings, { prepare: false });
    return rows.map((row) => readOnlyEntity(this.em, this.entity as EntityClass<TEntity>, row));
  }

  /**
   * Keyset paging: the records after `id` in `orderBy` (its keys compared in order, the id last),
   * which an index walks from there instead of counting off an offset. PostgreSQL's order puts
   * empty values last going up and first going down: so does this.
   */
  private async after(id: string, where: FilterQuery<TEntity>, orderBy: QueryOrderMap<TEntity>[]): Promise<FilterQuery<TEntity>> {
    const refused = () => badInput({ after: 'Not a record of this list: give the id of the last record of the previous page' });
    const [last] = isUuid(id) ? await this.readReply({ $and: [{ id }, where] } as FilterQuery<TEntity>, { limit: 1 }) : [];
    if (!last) throw refused();
    const meta = this.em.getMetadata().get(Utils.className(this.entity));
    const keys = orderBy.flatMap((o) => Object.entries(o) as [string, string][]);
    if (keys.some(([k]) => meta.properties[k as never]?.kind !== ReferenceKind.SCALAR)) {
      throw badInput({ after: 'Keyset paging sorts by the record’s own fields: give sortField too' });
    }
    const value = (k: string) => (last as Record<string, unknown>)[k] ?? null;
    // Strictly after the last record's value of one key; then equal on it and after on the next.
    const beyond = ([k, dir]: [string, string]): FilterQuery<TEntity> | null => {
      const v = value(k);
      const up = String(dir).toUpperCase() === 'ASC';
      if (v === null) return up ? null : ({ [k]: { $ne: null } } as FilterQuery<TEntity>);
      return (up ? { $or: [{ [k]: { $gt: v } }, { [k]: null }] } : { [k]: { $lt: v } }) as FilterQuery<TEntity>;
    };
    const branches = keys.flatMap((key, i) => {
      const strict = beyond(key);
      return strict ? [{ $and: [...keys.slice(0, i).map(([k]) => ({ [k]: value(k) })), strict] }] : [];
    });
    if (!branches.length) return { id: null } as FilterQuery<TEntity>;
    // The same set, bounded on the first key where it can never be empty: an index on it is then
    // walked from the last record on (the branches alone read as a scan to the planner).
    const [first, dir] = keys[0]!;
    const bound = value(first) !== null && !meta.properties[first as never]?.nullable;
    const from = { [first]: { [String(dir).toUpperCase() === 'ASC' ? '$gte' : '$lte']: value(first) } };
    return (bound ? { $and: [from, { $or: branches }] } : { $or: branches }) as FilterQuery<TEntity>;
  }

  /** How many records the filter matches in scope: exact up to EXACT_COUNT_LIMIT, above it an estimate (list-count.ts). */
  async count(filter?: TFilter | null): Promise<number> {
    const qb = this.em.createQueryBuilder(this.entity, 'e').select(raw('1')).where(this.where(filter));
    // The row scope, as em.count applies it.
    await qb.applyFilters();
    return countMatching(this.ctx, this.em.getConnection().getKnex(), qb.getKnexQuery());
  }

  /**
   * What the caller may do with a record, so the console hides what the API would refuse: the
   * same checks as `write()` (operation, OU scope, and the resource's own refusal rules).
   */
  async access(record: TEntity): Promise<RecordAccess> {
    const ou = this.ouOf(record);
    const mayEdit = allows(this.principal.ability, 'update', this.subject, ou);
    const mayDelete = allows(this.principal.ability, 'delete', this.subject, ou);
    const refused = (mayEdit || mayDelete) && (await this.changeRefusal(record)) !== null;
    return { canEdit: mayEdit && !refused, canDelete: mayDelete && !refused };
  }

  /**
   * A rule beyond operation and OU scope that forbids changing or deleting this record (e.g. a
   * principal that holds more than the caller): its stable reason and message; null when none applies.
   */
  protected changeRefusal(_record: TEntity): Promise<Refusal | null> | Refusal | null {
    return null;
  }

  /** Batched, scoped lookups for nested fields: one query per level, never per row. */
  loader(): DataLoader<string, TEntity | null> {
    return requestLoader(this.ctx, `loader:${this.subject}`, async (ids: readonly string[]) => {
      const rows = await this.readReply({ $and: [{ id: { $in: [...ids] } }, this.scope()] } as FilterQuery<TEntity>);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** How a record is named to a reader (a link's text, a reference in the audit log): its `titleField`. */
  titleOf(record: TEntity): string {
    return String((record as unknown as Record<string, unknown>)[this.titleField] ?? '');
  }

  /** The titles of the records among `ids` the caller may read, through the scoped loader; malformed, missing and hidden ids are absent alike. */
  async titles(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.loader().loadMany(ids.filter(isUuid));
    return new Map(rows.flatMap((r) => (r && !(r instanceof Error) ? [[r.id, this.titleOf(r)] as const] : [])));
  }

  /** Refuses unless the caller may do `action` on a record placed in `ouId`. */
  protected assertAllowed(action: Action, ouId: string | null): void {
    if (!allows(this.principal.ability, action, this.subject, ouId)) {
      throw forbidden(`Not allowed to ${action === 'update' ? 'edit' : action} this ${this.label} here`);
    }
  }

  /**
   * The one write path. `change` builds, edits or removes the record (no flush); everything
   * else (scope, version, checks, audit, flush, authz epoch) happens here.
   */
  protected write(
    action: 'create' | 'update' | 'delete',
    target: { id: string; version?: number | null } | null,
    change: (em: EntityManager, record: TEntity | null) => Promise<TEntity>,
  ): Promise<TEntity> {
    return this.transaction(async (em) => {
      const record = target ? await this.get(target.id, em, 'locate') : null;
      let before: Snapshot | null = null;
      let placedBefore: string | null = null;
      let ouBefore: string | null = null;
      if (record) {
        // A record was read, so a target was named.
        const expected = target!.version;
        if (expected != null && expected !== record.version) throw conflict();
        this.assertAllowed(action, this.ouOf(record));
        const refusal = await this.changeRefusal(record);
        if (refusal) throw new AppError(ErrorCode.FORBIDDEN, refusal.message, { reason: refusal.reason });
        before = await this.snapshot(record, em);
        placedBefore = this.placementOf(record);
        ouBefore = this.ouOf(record);
      }
      const result = await change(em, record);
      if (action === 'create') this.assertAllowed('create', this.placementOf(result));
      if (action === 'update' && this.placementOf(result) !== placedBefore) this.assertAllowed('update', this.placementOf(result));
      const after = action === 'delete' ? null : await this.snapshot(result, em);
      if (action === 'delete') em.remove(result);
      await this.flush(em, result);
      const ouId = this.ouOf(result);
      await writeAudit(em, {
        tenantId: this.principal.tenantId,
        actor: this.principal,
        operation: this.ctx.operation ?? `${action}${this.subject}`,
        action: AUDIT_ACTION[action],
        recordType: this.subject,
        recordId: result.id,
        ouId,
        before,
        after,
        event: {
          resource: resourceNameOf(this.entity as Function) ?? this.subject,
          subject: this.subject,
          ouIds: record ? [ouBefore, ouId] : [ouId],
          topics: this.eventTopics(result, before),
        },
      });
      if (this.affectsAuthz) await bumpAuthzEpoch(em, this.principal.tenantId);
      return result;
    });
  }

  /** Deletes one record in the caller's scope; resources with rules of their own override it. */
  delete(id: string): Promise<TEntity> {
    return this.write('delete', { id }, async (_em, record) => record!);
  }

  /** The property that names a record in messages (`OU "North" is still used by …`). */
  protected readonly titleField: string = 'name';

  /**
   * Writes the change; a broken unique constraint is a field error on its field, a delete that
   * others still point to is an error naming them. Resources with messages of their own override it.
   */
  protected async flush(em: EntityManager, record: TEntity): Promise<void> {
    await em.flush().catch((e: unknown) => {
      const title = String((record as unknown as Record<string, unknown>)[this.titleField] ?? record.id);
      throw referenceViolationAsFieldError(em, this.label, title, uniqueViolationAsFieldError(em, this.entity as Function, this.label, record, e));
    });
  }

  /** Hook for resources that serialise writes (the OU tree takes a lock). */
  protected transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(work);
  }

  /** The sort asked for (or the default), then `id`: pages are stable and never overlap. */
  protected orderBy(args: ListArgs): QueryOrderMap<TEntity>[] {
    const byId = (order: 'ASC' | 'DESC') => ({ id: order }) as QueryOrderMap<TEntity>;
    const order = args.sortOrder?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    if (args.sortField === 'id') return [byId(order)];
    if (!args.sortField) return [this.defaultSort, byId('ASC')];
    if (!this.sortable.includes(args.sortField)) {
      throw badInput({ sortField: `Cannot sort by "${args.sortField}"; use one of ${['id', ...this.sortable].join(', ')}` });
    }
    return [{ [args.sortField]: order } as QueryOrderMap<TEntity>, byId('ASC')];
  }
}
