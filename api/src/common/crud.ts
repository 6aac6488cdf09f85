import pluralize from 'pluralize';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { FoldsPrincipalCheck, Requires } from '../authz/access';
import { permissionFor, type SubjectName } from '../authz/ability';
import type { Context } from '../base/context';
import { ListArgs, ListMetadata } from './list';
import { RecordAccess } from './record-access';
import { rowScopeOf } from './row-scope';

/** What a resource's service offers to the generic resolvers; every method enforces scope itself. */
export interface ReadService<TEntity, TFilter> {
  get(id: string): Promise<TEntity>;
  list(args: ListArgs, filter: TFilter | null | undefined): Promise<TEntity[]>;
  count(filter: TFilter | null | undefined): Promise<number>;
  access(record: TEntity): RecordAccess | Promise<RecordAccess>;
  /** The titles of the records among `ids` the caller may read (batched, scoped like `get`); the others are absent. */
  titles(ids: readonly string[]): Promise<Map<string, string>>;
}

export interface CrudService<TEntity, TFilter, TCreate, TUpdate> extends ReadService<TEntity, TFilter> {
  create(input: TCreate): Promise<TEntity>;
  update(input: TUpdate): Promise<TEntity>;
  delete(id: string): Promise<TEntity>;
}

export interface ReadOptions<TEntity extends object, TFilter extends object> {
  /** GraphQL type name, e.g. "OrgUnit" (plural from `pluralize`, as react-admin expects). */
  name: string;
  type: ClassType<TEntity>;
  filter: ClassType<TFilter>;
  /** The guarded subject, when it is not the one the type's `@RowScope` declares: its operations (view, create, edit, delete or others) come from authz. */
  subject?: SubjectName;
  service: (ctx: Context) => ReadService<TEntity, TFilter>;
}

export interface CrudOptions<TEntity extends object, TFilter extends object, TCreate extends object, TUpdate extends object>
  extends ReadOptions<TEntity, TFilter> {
  createArgs: ClassType<TCreate>;
  updateArgs: ClassType<TUpdate>;
  service: (ctx: Context) => CrudService<TEntity, TFilter, TCreate, TUpdate>;
}

/** Every listable resource by its GraphQL type name, with its entity class: what schema/constraints.json publishes per resource. */
export const LIST_RESOURCES = new Map<string, Function>();

/** The GraphQL resource name of an entity class (what live events name), if it is a listed resource. */
export function resourceNameOf(entity: Function): string | undefined {
  for (const [name, type] of LIST_RESOURCES) if (type === entity) return name;
  return undefined;
}

/** How to read a listable resource for the caller, by its GraphQL type name: its subject and its scoped service (titles, counts). */
export const RESOURCE_READERS = new Map<string, { subject: SubjectName; service: (ctx: Context) => ReadService<object, object> }>();

/** The subject a resolver guards: named, or declared on its type. */
function subjectOf(o: ReadOptions<object, object>): SubjectName {
  const subject = o.subject ?? rowScopeOf(o.type)?.subject;
  if (!subject) throw new Error(`${o.name}: no subject (declare it with @RowScope on the type)`);
  return subject;
}

function readResolver<TEntity extends object, TFilter extends object>(o: ReadOptions<TEntity, TFilter>) {
  const plural = pluralize(o.name);
  const subject = subjectOf(o as ReadOptions<object, object>);
  LIST_RESOURCES.set(o.name, o.type);
  RESOURCE_READERS.set(o.name, { subject, service: o.service as (ctx: Context) => ReadService<object, object> });

  /** The read half of the ra-data-graphql-simple grammar: `X(id)`, `allXs(...)`, `_allXsMeta(filter)`, `X.access`. */

  // Not listed in buildSchema's resolvers itself: only the concrete subclasses are.
  @Resolver(() => o.type)
  abstract class ReadResolver {
    @Requires(permissionFor(subject, 'read'))
    @Query(() => o.type, {
      name: o.name,
      nullable: true,
      description: `One ${o.name} (react-admin's getOne); NOT_FOUND when it does not exist or is outside the caller's scope, alike`,
    })
    one(@Arg('id', () => ID, { description: `The ${o.name}'s id` }) id: string, @Ctx() ctx: Context) {
      return o.service(ctx).get(id);
    }

    @Requires(permissionFor(subject, 'read'))
    @FoldsPrincipalCheck()
    @Query(() => [o.type], {
      name: `all${plural}`,
      description: `A page of ${plural} in the caller's scope (react-admin's getList, getMany and getManyReference), sorted by sortField, then id`,
    })
    list(
      @Args(() => ListArgs) args: ListArgs,
      @Arg('filter', () => o.filter, { nullable: true, description: `Which ${plural}; omitted: all in scope` }) filter: TFilter | null,
      @Ctx() ctx: Context,
    ) {
      return o.service(ctx).list(args, filter);
    }

    // Paging and sorting are accepted (react-admin sends them) and ignored: a count has neither.
    @Requires(permissionFor(subject, 'read'))
    @FoldsPrincipalCheck()
    @Query(() => ListMetadata, {
      name: `_all${plural}Meta`,
      description: `How many ${plural} the filter matches in the caller's scope (react-admin's total); paging and sorting arguments are accepted and ignored`,
    })
    async meta(
      @Args(() => ListArgs) _paging: ListArgs,
      @Arg('filter', () => o.filter, { nullable: true, description: `Which ${plural}; omitted: all in scope` }) filter: TFilter | null,
      @Ctx() ctx: Context,
    ) {
      return { count: await o.service(ctx).count(filter) };
    }

    @FieldResolver(() => RecordAccess, { description: 'What the caller may do with this record' })
    access(@Root() record: TEntity, @Ctx() ctx: Context) {
      return o.service(ctx).access(record);
    }
  }
  return ReadResolver;
}

/** A read-only resource (e.g. the audit log). */
export function createReadResolver<TEntity extends object, TFilter extends object>(o: ReadOptions<TEntity, TFilter>) {
  @Resolver(() => o.type)
  class QueryResolver extends readResolver(o) {}
  Object.defineProperty(QueryResolver, 'name', { value: `${o.name}ReadResolver` });
  return QueryResolver;
}

/** The whole grammar, written once: reads plus `createX(...)`, `updateX(id, ...)`, `deleteX(id)`. */
export function createCrudResolver<TEntity extends object, TFilter extends object, TCreate extends object, TUpdate extends object>(
  o: CrudOptions<TEntity, TFilter, TCreate, TUpdate>,
) {
  const subject = subjectOf(o as ReadOptions<object, object>);
  @Resolver(() => o.type)
  class CrudResolver extends readResolver(o) {
    @Requires(permissionFor(subject, 'create'))
    @Mutation(() => o.type, {
      name: `create${o.name}`,
      description: `Creates one ${o.name} where the caller may create it; returns it. A reference is given by its id argument (\`…Id\`)`,
    })
    create(@Args(() => o.createArgs) input: TCreate, @Ctx() ctx: Context) {
      return o.service(ctx).create(input);
    }

    @Requires(permissionFor(subject, 'update'))
    @Mutation(() => o.type, {
      name: `update${o.name}`,
      description: `Changes one ${o.name}; returns it. An omitted argument keeps its value; a reference is changed by its id argument (\`…Id\`, null clears it); a stale version is a CONFLICT`,
    })
    update(@Args(() => o.updateArgs) input: TUpdate, @Ctx() ctx: Context) {
      return o.service(ctx).update(input);
    }

    @Requires(permissionFor(subject, 'delete'))
    @Mutation(() => o.type, { name: `delete${o.name}`, description: `Deletes one ${o.name}; returns it as it was` })
    delete(@Arg('id', () => ID, { description: `The ${o.name}'s id` }) id: string, @Ctx() ctx: Context) {
      return o.service(ctx).delete(id);
    }
  }
  Object.defineProperty(CrudResolver, 'name', { value: `${o.name}CrudResolver` });
  return CrudResolver;
}
