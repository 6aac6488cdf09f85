import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { IsDefined } from 'class-validator';
import { ArgsType, Field, ID, type ClassType } from 'type-graphql';
import type { Context } from '../base/context';
import { badInput, type FieldErrors } from '../base/errors';
import { createCrudResolver } from './crud';
import { applyArgs, declareLabel } from './fields';
import type { BaseFilter } from './list';
import { TenantCrudService, type Scoped } from './tenant-crud.service';
import { Tenant } from './tenant.entity';
import { VersionArg } from './version-arg';

/**
 * One resource, declared once. Its entity declares the fields (GraphQL, columns, `@Sortable`,
 * `@Searchable`, `@Unique`) and, with `@RowScope`, its subject, OU path and permission rules; its
 * argument class declares what a caller writes and the rules it must follow (class-validator,
 * `@RefersTo`). The kernel derives the rest: create and update arguments, the CRUD resolvers of
 * the react-admin grammar, applying arguments with references found in the caller's scope, the
 * audited snapshot, filters, search, unique violations as field errors, and what
 * schema/constraints.json publishes for the console.
 */
export interface ResourceDefinition<TEntity extends Scoped, TFilter extends BaseFilter> {
  /** GraphQL type name (queries `X`, `allXs`, mutations `createX`, `updateX`, `deleteX`). */
  name: string;
  entity: ClassType<TEntity>;
  /** Human name in messages, e.g. "Skill queue". */
  label: string;
  filter: ClassType<TFilter>;
  /** The writable fields, every one optional (omitted keeps the value on update). */
  fields: ClassType<object>;
  /** Fields a create must give (and may not give as null). */
  required?: readonly string[];
  defaultSort: QueryOrderMap<TEntity>;
  /** The field that names a record in messages (default `name`). */
  title?: string;
  /**
   * Rules across fields or records (a target of the same type, no transfer cycle, …), checked
   * on the record as the arguments left it, in the write's transaction, before anything is
   * written: every broken rule as a field error, all at once (none: an empty object).
   */
  check?: (em: EntityManager, record: TEntity, ctx: Context) => Promise<FieldErrors> | FieldErrors;
  /**
   * Arguments the kernel cannot apply itself (a nested input holding references, a list of
   * references): left out of `applyArgs` and handed, as given (omitted ones absent), to `apply`
   * after the others, before `check`; `apply` runs on every write, so it may also normalise.
   */
  nested?: {
    fields: readonly string[];
    apply: (em: EntityManager, record: TEntity, values: Record<string, unknown>, ctx: Context) => Promise<void>;
  };
  /** Relations loaded with every record (what its snapshot and nested fields read). */
  populate?: readonly string[];
  /**
   * The filter's own fields (beside `ids` and `q`) as conditions, where equality on each field
   * is not what they mean (a range of dates); default: equality, `xId` on the reference `x`.
   */
  filterWhere?: (filter: TFilter) => FilterQuery<TEntity>[];
  /**
   * Serialises the writes of one tenant's resources sharing this name (a transaction-scoped
   * advisory lock taken first), for rules across records that two concurrent saves could pass
   * together unseen: a transfer cycle closed from both ends, one number taken twice.
   */
  serialize?: string;
}

export interface Resource<TEntity extends Scoped> {
  resolver: Function;
  service: (ctx: Context) => TenantCrudService<TEntity, BaseFilter> & {
    create(input: object): Promise<TEntity>;
    update(input: { id: string; version?: number | null }): Promise<TEntity>;
  };
}

export function defineResource<TEntity extends Scoped, TFilter extends BaseFilter>(d: ResourceDefinition<TEntity, TFilter>): Resource<TEntity> {
  declareLabel(d.entity, d.label);
  @ArgsType()
  class CreateArgs extends (d.fields as ClassType<object>) {}
  for (const name of d.required ?? []) IsDefined({ message: `${name} is required` })(CreateArgs.prototype, name);
  Object.defineProperty(CreateArgs, 'name', { value: `Create${d.name}Args` });

  @ArgsType()
  class UpdateArgs extends (d.fields as ClassType<object>) {
    @Field(() => ID, { description: `The ${d.label.toLowerCase()} to update` })
    id!: string;

    @VersionArg()
    version?: number | null;
  }
  Object.defineProperty(UpdateArgs, 'name', { value: `Update${d.name}Args` });

  /** A required field is given on create, and never cleared (null or blank) on update. */
  const assertRequired = (input: object, mode: 'create' | 'update') => {
    const values = input as Record<string, unknown>;
    const errors: FieldErrors = {};
    for (const name of d.required ?? []) {
      const value = values[name];
      const blank = value === null || (typeof value === 'string' && !value.trim());
      if (blank || (mode === 'create' && value === undefined)) errors[name] = `${name} is required`;
    }
    if (Object.keys(errors).length) throw badInput(errors);
  };

  /** Applies the arguments: the kernel's share with `applyArgs`, the nested ones with the resource's own `apply`. */
  const nested = d.nested?.fields ?? [];
  const apply = async (em: EntityManager, record: TEntity, input: object, argsClass: Function, ctx: Context) => {
    await applyArgs(em, record, input, argsClass, { except: nested });
    if (!d.nested) return;
    const values = input as Record<string, unknown>;
    await d.nested.apply(em, record, Object.fromEntries(nested.filter((name) => values[name] !== undefined).map((name) => [name, values[name]])), ctx);
  };

  class DeclaredService extends TenantCrudService<TEntity, TFilter> {
    protected readonly entity = d.entity;
    protected override readonly populate = d.populate ?? [];

    protected override filterWhere(filter: TFilter): FilterQuery<TEntity>[] {
      return d.filterWhere ? d.filterWhere(filter) : super.filterWhere(filter);
    }

    private async check(em: EntityManager, record: TEntity): Promise<void> {
      const errors = d.check ? await d.check(em, record, this.ctx) : {};
      if (Object.keys(errors).length) throw badInput(errors);
    }
    protected readonly label = d.label;
    protected readonly defaultSort = d.defaultSort;

    protected override transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
      if (!d.serialize) return super.transaction(work);
      return super.transaction(async (em) => {
        await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${d.serialize}:${this.principal.tenantId}`]);
        return work(em);
      });
    }
    protected override readonly titleField = d.title ?? 'name';

    create(input: object): Promise<TEntity> {
      assertRequired(input, 'create');
      return this.write('create', null, async (em) => {
        const record = em.create(d.entity, { tenant: em.getReference(Tenant, this.principal.tenantId) } as never);
        await apply(em, record, input, CreateArgs, this.ctx);
        await this.check(em, record);
        return record;
      });
    }

    update(input: { id: string; version?: number | null }): Promise<TEntity> {
      assertRequired(input, 'update');
      return this.write('update', input, async (em, record) => {
        await apply(em, record!, input, UpdateArgs, this.ctx);
        await this.check(em, record!);
        return record!;
      });
    }
  }

  const service = (ctx: Context) => new DeclaredService(ctx);
  const resolver = createCrudResolver({ name: d.name, type: d.entity, filter: d.filter, createArgs: CreateArgs, updateArgs: UpdateArgs, service });
  return { resolver, service };
}
