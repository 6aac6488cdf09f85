import pluralize from 'pluralize';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, type ClassType } from 'type-graphql';
import { Requires } from '../authz/access';
import type { Context } from '../server/context';
import { ListArgs, ListMetadata } from './list';

/** What a resource's service offers to the generic resolver; every method enforces scope itself. */
export interface CrudService<TEntity, TFilter, TCreate, TUpdate> {
  get(id: string): Promise<TEntity>;
  list(args: ListArgs, filter: TFilter | null | undefined): Promise<TEntity[]>;
  count(filter: TFilter | null | undefined): Promise<number>;
  create(input: TCreate): Promise<TEntity>;
  update(input: TUpdate): Promise<TEntity>;
  delete(id: string): Promise<TEntity>;
}

export interface CrudOptions<TEntity extends object, TFilter extends object, TCreate extends object, TUpdate extends object> {
  /** GraphQL type name, e.g. "OrgUnit" (plural from `pluralize`, as react-admin expects). */
  name: string;
  type: ClassType<TEntity>;
  filter: ClassType<TFilter>;
  createArgs: ClassType<TCreate>;
  updateArgs: ClassType<TUpdate>;
  /** Permission menu of the page, e.g. "org-units": operations `:view :create :edit :delete`. */
  menu: string;
  service: (ctx: Context) => CrudService<TEntity, TFilter, TCreate, TUpdate>;
}

/**
 * The ra-data-graphql-simple grammar, written once: `X(id)`, `allXs(...)`, `_allXsMeta(filter)`,
 * `createX(...)`, `updateX(id, ...)`, `deleteX(id)`, each declaring its permission.
 */
export function createCrudResolver<TEntity extends object, TFilter extends object, TCreate extends object, TUpdate extends object>(o: CrudOptions<TEntity, TFilter, TCreate, TUpdate>) {
  const plural = pluralize(o.name);

  @Resolver(() => o.type)
  class CrudResolver {
    @Requires(`${o.menu}:view`)
    @Query(() => o.type, { name: o.name, nullable: true })
    one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
      return o.service(ctx).get(id);
    }

    @Requires(`${o.menu}:view`)
    @Query(() => [o.type], { name: `all${plural}` })
    list(@Args(() => ListArgs) args: ListArgs, @Arg('filter', () => o.filter, { nullable: true }) filter: TFilter | null, @Ctx() ctx: Context) {
      return o.service(ctx).list(args, filter);
    }

    @Requires(`${o.menu}:view`)
    @Query(() => ListMetadata, { name: `_all${plural}Meta` })
    async meta(@Arg('filter', () => o.filter, { nullable: true }) filter: TFilter | null, @Ctx() ctx: Context) {
      return { count: await o.service(ctx).count(filter) };
    }

    @Requires(`${o.menu}:create`)
    @Mutation(() => o.type, { name: `create${o.name}` })
    create(@Args(() => o.createArgs) input: TCreate, @Ctx() ctx: Context) {
      return o.service(ctx).create(input);
    }

    @Requires(`${o.menu}:edit`)
    @Mutation(() => o.type, { name: `update${o.name}` })
    update(@Args(() => o.updateArgs) input: TUpdate, @Ctx() ctx: Context) {
      return o.service(ctx).update(input);
    }

    @Requires(`${o.menu}:delete`)
    @Mutation(() => o.type, { name: `delete${o.name}` })
    delete(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
      return o.service(ctx).delete(id);
    }
  }
  Object.defineProperty(CrudResolver, 'name', { value: `${o.name}CrudResolver` });
  return CrudResolver;
}
