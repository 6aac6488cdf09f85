import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLError } from 'graphql';
import { plainToInstance } from '../../common/plain';
import { validateInput } from '../../common/validation';
import { badInput, conflict, type FieldErrors } from '../../base/errors';
import type { Principal } from '../../authz/principal';
import { bumpAuthzEpoch } from '../../authz/epoch';
import { PLATFORM, writeAudit } from '../../common/audit.writer';
import { lockAgentQuotas, QUOTA_PARAMETER, quotaLoweringErrors } from '../agents/agent-quota';
import { accountIs } from '../identity/account';
import { Employee } from '../identity/employee.entity';
import { hashPassword, passwordProblem } from '../identity/password';
import { OrgUnit } from '../org/org-unit.entity';
import { Tenant } from '../../common/tenant.entity';
import { CreateTenantInput, type UpdateMyTenantArgs } from './tenant.inputs';
import { unscoped } from '../../common/row-scope';

export const DEFAULT_OU_NAME = 'DefaultOU';

export interface CreatedTenant {
  tenant: Tenant;
  admin: Employee;
  defaultOu: OrgUnit;
}

/**
 * Creates a tenant, its DefaultOU and its first tenant admin in one transaction (platform
 * operation). Every rule is checked before anything is written.
 */
export async function createTenantWithAdmin(em: EntityManager, raw: CreateTenantInput): Promise<CreatedTenant> {
  const input = plainToInstance(CreateTenantInput, raw);
  // Every broken rule is reported at once, before anything is written.
  const problems: FieldErrors = await validateInput(input).then(
    () => ({}),
    (e: GraphQLError) => ({ ...(e.extensions.fields as FieldErrors) }),
  );
  const passwordRule = passwordProblem(input.adminPassword ?? '', input.adminAccount ?? '');
  if (passwordRule) problems.adminPassword ??= passwordRule;
  const passwordHash = Object.keys(problems).length ? '' : await hashPassword(input.adminPassword);

  return unscoped(em, 'a platform operation: creates a tenant, and accounts are unique across tenants')
    .transactional(async (tx) => {
      if (!problems.code && (await tx.count(Tenant, { code: input.code }))) problems.code = `Tenant code "${input.code}" is already taken`;
      if (!problems.adminAccount && (await tx.count(Employee, accountIs(input.adminAccount)))) {
        problems.adminAccount = `Account "${input.adminAccount}" already exists`;
      }
      if (Object.keys(problems).length) throw badInput(problems);

      const tenant = tx.create(Tenant, { code: input.code, name: input.name });
      const defaultOu = tx.create(OrgUnit, { tenant, name: DEFAULT_OU_NAME, path: DEFAULT_OU_NAME, parent: null });
      const admin = tx.create(Employee, {
        tenant,
        account: input.adminAccount,
        name: input.adminName ?? input.adminAccount,
        passwordHash,
        isTenantAdmin: true,
        homeOu: defaultOu,
      });
      await tx.flush();
      const base = { tenantId: tenant.id, actor: PLATFORM, operation: 'createTenant', action: 'created', before: null } as const;
      await writeAudit(tx, { ...base, recordType: 'Tenant', recordId: tenant.id, ouId: null, after: parameters(tenant) });
      await writeAudit(tx, {
        ...base,
        recordType: 'OrgUnit',
        recordId: defaultOu.id,
        ouId: defaultOu.id,
        after: { name: defaultOu.name, parentId: null, path: defaultOu.path },
      });
      await writeAudit(tx, {
        ...base,
        recordType: 'Employee',
        recordId: admin.id,
        ouId: defaultOu.id,
        after: { account: admin.account, name: admin.name, isTenantAdmin: true, homeOuId: defaultOu.id, password: 'set' },
      });
      return { tenant, admin, defaultOu };
    })
    .catch((e) => {
      // A concurrent creation of the same code or account loses at the unique index.
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
      const onAccount = String((e as { constraint?: string }).constraint).includes('account');
      throw badInput(onAccount ? { adminAccount: `Account "${input.adminAccount}" already exists` } : { code: `Tenant code "${input.code}" is already taken` });
    });
}

const PARAMETERS = [
  'name',
  'interOrgIsolation',
  'unifiedCustomerContact',
  'contactRecordSpanDays',
  'maxConcurrentSessions',
  'intelligentFormFilling',
  'twoFactorMethod',
  'answerMode',
  'openEyeIntegration',
  'quotaAudioAgents',
  'quotaVideoAgents',
  'quotaMultimediaAgents',
  'quotaVersatileAgents',
  'quotaIntelligentAgents',
] as const;

const parameters = (tenant: Tenant) => Object.fromEntries(PARAMETERS.map((k) => [k, tenant[k]]));

/** Tenant admins edit their own tenant's parameters; audited, and scopes are rebuilt (isolation). */
export async function updateTenantParameters(em: EntityManager, actor: Principal, operation: string, input: UpdateMyTenantArgs): Promise<Tenant> {
  return em.transactional(async (tx) => {
    const tenant = await tx.findOneOrFail(Tenant, actor.tenantId);
    if (input.version != null && input.version !== tenant.version) throw conflict();
    const before = parameters(tenant);
    for (const key of PARAMETERS) {
      const value = input[key];
      if (value === undefined) continue;
      (tenant as unknown as Record<string, unknown>)[key] = key === 'name' ? String(value).trim() : value;
    }
    if (!tenant.name) throw badInput({ name: 'Name must not be blank' });
    // A quota lowered below what agents use is refused with the numbers (under the agents' lock, so no create slips in).
    const now = parameters(tenant) as Record<string, unknown>;
    const quotas = Object.values(QUOTA_PARAMETER).filter((k) => Number(now[k]) < Number(before[k]));
    const lowered = Object.fromEntries(quotas.map((k) => [k, Number(now[k])]));
    if (Object.keys(lowered).length) {
      await lockAgentQuotas(tx, tenant.id);
      const errors = await quotaLoweringErrors(tx, tenant.id, lowered);
      if (Object.keys(errors).length) throw badInput(errors);
    }
    await tx.flush();
    await writeAudit(tx, {
      tenantId: tenant.id,
      actor,
      operation,
      action: 'updated',
      recordType: 'Tenant',
      recordId: tenant.id,
      ouId: null,
      before,
      after: parameters(tenant),
    });
    if (before.interOrgIsolation !== tenant.interOrgIsolation) await bumpAuthzEpoch(tx, tenant.id);
    return tenant;
  });
}
