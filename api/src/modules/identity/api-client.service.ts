import { randomBytes } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CrudService } from '../../common/crud';
import { applyArgs } from '../../common/fields';
import { escapeLike } from '../../common/sql';
import { requiredText } from '../../common/text';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { badInput } from '../../base/errors';
import type { Snapshot } from '../../common/audit.writer';
import { Tenant } from '../../common/tenant.entity';
import { ApiClient } from './api-client.entity';
import { ApiClientFields, type ApiClientFilter, type CreateApiClientArgs, type UpdateApiClientArgs } from './api-client.inputs';
import { ASSIGNMENT_ARGS, applyAssignments, currentGrants } from './assignments';
import { holderChangeRefusal } from './holdings.query';
import { hashPassword } from './password';

/** The one moment a secret exists in clear: the reply to create or rotate. */
export const plainSecrets = new WeakMap<ApiClient, string>();

const newClientId = () => `sbc_${randomBytes(12).toString('hex')}`;
const newSecret = () => `sbs_${randomBytes(32).toString('base64url')}`;

/** Machine principals for CRMs and integrations: tenant-wide, holding roles and OU grants. */
export class ApiClientService
  extends TenantCrudService<ApiClient, ApiClientFilter>
  implements CrudService<ApiClient, ApiClientFilter, CreateApiClientArgs, UpdateApiClientArgs>
{
  protected readonly entity = ApiClient;
  protected readonly label = 'API client';
  protected readonly defaultSort = { name: 'ASC' } as const;
  protected override readonly affectsAuthz = true;

  protected override changeRefusal(client: ApiClient) {
    return holderChangeRefusal(this.ctx, this.principal, 'client', client.id);
  }

  protected override async snapshot(c: ApiClient, em: EntityManager): Promise<Snapshot> {
    if (!c.roles.isInitialized()) await c.roles.init();
    return {
      name: c.name,
      description: c.description,
      clientId: c.clientId,
      enabled: c.enabled,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      roleIds: c.roles
        .getItems()
        .map((r) => r.id)
        .sort(),
      grants: await currentGrants(em, { kind: 'client', id: c.id }),
      secretHash: c.secretHash,
    };
  }

  protected override filterWhere(filter: ApiClientFilter): FilterQuery<ApiClient>[] {
    if (filter.active == null) return [];
    return [filter.active ? { enabled: true, revokedAt: null } : { $or: [{ enabled: false }, { revokedAt: { $ne: null } }] }];
  }

  protected override searchWhere(q: string): FilterQuery<ApiClient> {
    const like = `%${escapeLike(q)}%`;
    return { $or: [{ name: { $ilike: like } }, { clientId: { $ilike: like } }, { description: { $ilike: like } }] };
  }

  create(input: CreateApiClientArgs): Promise<ApiClient> {
    return this.write('create', null, async (em) => {
      const secret = newSecret();
      const client = em.create(ApiClient, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        name: requiredText(input.name, 'name'),
        clientId: newClientId(),
        secretHash: await hashPassword(secret),
      });
      plainSecrets.set(client, secret);
      await this.apply(em, client, input);
      return client;
    });
  }

  update(input: UpdateApiClientArgs): Promise<ApiClient> {
    return this.write('update', input, async (em, current) => {
      const client = current!;
      if (input.name !== undefined) client.name = requiredText(input.name, 'name');
      await this.apply(em, client, input);
      return client;
    });
  }

  /** A new secret; the old one stops working at once. */
  rotateSecret(id: string, version?: number | null): Promise<ApiClient> {
    return this.write('update', { id, version }, async (_em, client) => {
      if (client!.revokedAt) throw badInput({ id: 'A revoked client cannot get a new secret' });
      const secret = newSecret();
      client!.secretHash = await hashPassword(secret);
      plainSecrets.set(client!, secret);
      return client!;
    });
  }

  /** Permanent: tokens issued to the client stop working on their next request. */
  revoke(id: string): Promise<ApiClient> {
    return this.write('update', { id }, async (_em, client) => {
      client!.revokedAt ??= new Date();
      client!.enabled = false;
      return client!;
    });
  }

  private async apply(em: EntityManager, c: ApiClient, input: ApiClientFields): Promise<void> {
    if (input.enabled && c.revokedAt) throw badInput({ enabled: 'A revoked client cannot be enabled again; create a new one' });
    await applyArgs(em, c, input, ApiClientFields, { except: ASSIGNMENT_ARGS });
    await applyAssignments(em, this.principal, 'client', c, input);
  }
}
