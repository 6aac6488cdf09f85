import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { createCrudResolver } from '../../common/crud';
import type { Context } from '../../base/context';
import { ApiClient } from './api-client.entity';
import { ApiClientFilter, CreateApiClientArgs, UpdateApiClientArgs } from './api-client.inputs';
import { ApiClientService, plainSecrets } from './api-client.service';
import { grantsLoader, roleIdsLoader } from './assignments';
import { OuGrant } from './ou-grant.entity';
import { DATA_SIZED_LIST, ListSize } from '../../base/list-size';
import { RefersTo } from '../../common/validation';

export const ApiClientCrudResolver = createCrudResolver({
  name: 'ApiClient',
  type: ApiClient,
  filter: ApiClientFilter,
  createArgs: CreateApiClientArgs,
  updateArgs: UpdateApiClientArgs,
  service: (ctx) => new ApiClientService(ctx),
});

@Resolver(() => ApiClient)
export class ApiClientFieldsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The secret, in the reply to createApiClient and rotateApiClientSecret only; stored hashed, never shown again',
  })
  clientSecret(@Root() client: ApiClient): string | null {
    return plainSecrets.get(client) ?? null;
  }

  @FieldResolver(() => [ID], { description: 'Ids of the roles the client holds (empty for a caller without roles:view)' })
  @RefersTo('Role')
  roleIds(@Root() c: ApiClient, @Ctx() ctx: Context): Promise<string[]> {
    return roleIdsLoader(ctx, 'client').load(c.id);
  }

  @FieldResolver(() => [OuGrant], { description: 'The OU grants on OUs the caller may read; each covers an OU and its subtree' })
  @ListSize(DATA_SIZED_LIST)
  grants(@Root() c: ApiClient, @Ctx() ctx: Context): Promise<OuGrant[]> {
    return grantsLoader(ctx, 'client').load(c.id);
  }

  @Requires('api-clients:edit')
  @Mutation(() => ApiClient, { description: 'Issues a new secret (shown once); the old one stops working' })
  rotateApiClientSecret(
    @Arg('id', () => ID, { description: 'The API client' }) id: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version that was seen; a stale one is a CONFLICT' }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return new ApiClientService(ctx).rotateSecret(id, version);
  }

  @Requires('api-clients:edit')
  @Mutation(() => ApiClient, { description: 'Permanently revokes the client; its tokens stop working at once' })
  revokeApiClient(@Arg('id', () => ID, { description: 'The API client to revoke' }) id: string, @Ctx() ctx: Context) {
    return new ApiClientService(ctx).revoke(id);
  }
}
