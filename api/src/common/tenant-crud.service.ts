import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Principal } from '../authz/principal';
import type { Context } from '../server/context';
import { badInput, conflict, notFound, unauthenticated } from '../server/errors';
import type { TenantOwned } from './tenant-owned.entity';
import type { BaseFilter, ListArgs } from './list';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const DEFAULT_PER_PAGE = 25;

/**
 * Reads of one tenant-owned resource, scoped to the caller's tenant in SQL. A record outside
 * the scope and a missing or malformed id give the same NOT_FOUND.
 */
export abstract class TenantCrudService<TEntity extends TenantOwned<string>, TFilter extends BaseFilter> {
  protected abstract readonly entity: EntityName<TEntity>;
  /** Human name used in messages, e.g. "OU". */
  protected abstract readonly label: string;
  protected abstract readonly sortable: readonly string[];
  protected abstract readonly defaultSort: QueryOrderMap<TEntity>;

  constructor(protected readonly ctx: Context) {}

  protected get em(): EntityManager {
    return this.ctx.em;
  }

  protected get principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
  }

  /** The caller's read scope; issue-specific OU rules narrow it further. */
  protected scope(): FilterQuery<TEntity> {
    return { tenant: this.principal.tenantId } as FilterQuery<TEntity>;
  }

  /** Resource-specific filter fields (beyond ids and q). */
  protected abstract filterWhere(filter: TFilter): FilterQuery<TEntity>[];
  protected abstract searchWhere(q: string): FilterQuery<TEntity>;

  protected where(filter?: TFilter | null): FilterQuery<TEntity> {
    const parts: FilterQuery<TEntity>[] = [this.scope()];
    if (filter?.ids) parts.push({ id: { $in: filter.ids } } as unknown as FilterQuery<TEntity>);
    const q = filter?.q?.trim();
    if (q) parts.push(this.searchWhere(q));
    if (filter) parts.push(...this.filterWhere(filter));
    return { $and: parts } as FilterQuery<TEntity>;
  }

  /** `em` is given inside a write transaction, so the record is read (and locked) there. */
  async get(id: string, em: EntityManager = this.em): Promise<TEntity> {
    const found = isUuid(id) ? await em.findOne(this.entity, { $and: [{ id }, this.scope()] } as FilterQuery<TEntity>) : null;
    if (!found) throw notFound(this.label);
    return found;
  }

  list(args: ListArgs, filter?: TFilter | null): Promise<TEntity[]> {
    const perPage = args.perPage ?? DEFAULT_PER_PAGE;
    return this.em.find(this.entity, this.where(filter), {
      orderBy: [this.orderBy(args), { id: 'ASC' } as QueryOrderMap<TEntity>],
      limit: perPage,
      offset: (args.page ?? 0) * perPage,
    });
  }

  count(filter?: TFilter | null): Promise<number> {
    return this.em.count(this.entity, this.where(filter));
  }

  /** Batched, scoped lookups for nested fields: one query per level, never per row. */
  loader(): DataLoader<string, TEntity | null> {
    const key = `loader:${this.label}`;
    let loader = this.ctx.memo.get(key) as DataLoader<string, TEntity | null> | undefined;
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await this.em.find(this.entity, { $and: [{ id: { $in: [...ids] } }, this.scope()] } as FilterQuery<TEntity>);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.ctx.memo.set(key, loader);
    }
    return loader;
  }

  protected orderBy(args: ListArgs): QueryOrderMap<TEntity> {
    if (!args.sortField) return this.defaultSort;
    if (!this.sortable.includes(args.sortField)) {
      throw badInput({ sortField: `Cannot sort by "${args.sortField}"; use one of ${this.sortable.join(', ')}` });
    }
    const order = args.sortOrder?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    return { [args.sortField]: order } as QueryOrderMap<TEntity>;
  }

  /** Optimistic locking: an update that edited an older version is refused. */
  protected checkVersion(record: TEntity, version: number | null | undefined): void {
    if (version != null && version !== record.version) throw conflict();
  }
}
