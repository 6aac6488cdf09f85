import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { can } from '../../authz/principal';
import { scopeCovers } from '../../authz/scope';
import type { Context } from '../../base/context';
import { badInput, forbidden, notFound, unauthenticated } from '../../base/errors';
import { auditRequest, type Snapshot } from '../../common/audit.writer';
import { isUuid } from '../../common/ids';
import { unscoped } from '../../common/row-scope';
import { Tenant } from '../../common/tenant.entity';
import { Agent } from './agent.entity';
import { agents } from './agents.resolver';
import { SettingSource } from './effective';
import { AgentParameter } from './agent-parameter.entity';
import { AgentParameterName, AgentParameterSyncState, PARAMETER_NAMES, PARAMETER_VALUE_MAX, PARAMETERS, TENANT_VALUE } from './agent-parameter.rules';
import type { AgentParameters, AgentParameterSync, AgentParameterView, EffectiveString } from './agent-parameter.types';

/** The operations of the agent parameters page; the agent itself needs none of them for its own parameters. */
export type ParameterOperation = 'view' | 'edit' | 'reset' | 'sync';
export const permissionOf = (op: ParameterOperation) => `agent-parameters:${op}`;

export const SIGN_IN_AGAIN = 'Synchronized: the agent must sign in again to apply the parameters';

/** An agent whose parameters the caller may act on, and the OU its changes are audited in. */
export interface ParameterTarget {
  id: string;
  agentId: number;
  ouId: string | null;
}

export const targetOf = (agent: Agent): ParameterTarget => ({ id: agent.id, agentId: agent.agentId, ouId: agent.employee?.homeOuId ?? null });

/**
 * The agent a caller acts on: its own agent (any employee, whatever its OU scope and roles, as in
 * the personal center), or another with the page's operation (FORBIDDEN without it), found in the
 * caller's OU scope (NOT_FOUND, like a missing agent, outside it) and, to change it, writable there.
 */
export async function parameterTarget(ctx: Context, agentId: string, op: ParameterOperation): Promise<ParameterTarget> {
  const principal = ctx.principal;
  if (!principal) throw unauthenticated();
  if (principal.kind === 'employee' && isUuid(agentId)) {
    const own = await ctx.em.findOne(
      Agent,
      { id: agentId, employee: principal.id, tenant: principal.tenantId },
      { ...unscoped("a principal's own agent, whatever its OU scope"), populate: ['employee'] },
    );
    if (own) return targetOf(own);
  }
  if (!can(principal, permissionOf(op))) throw forbidden(`Missing permission ${permissionOf(op)}`);
  // The agent resource's locate scope: the row scope with the guard for the nullable employee (see scopeFilter).
  const where = { $and: [{ id: agentId }, agents.service(ctx).inScope('locate')] } as never;
  const agent = isUuid(agentId) ? await ctx.em.findOne(Agent, where, { populate: ['employee'] }) : null;
  if (!agent) throw notFound('Agent');
  const target = targetOf(agent);
  if (op !== 'view') checkWritable(ctx, target);
  return target;
}

/** FORBIDDEN unless the caller may write in the agent's OU (its employee's home OU) to change another agent's parameters. */
export function checkWritable(ctx: Context, target: ParameterTarget): void {
  if (!scopeCovers(ctx.principal!.scope, 'write', target.ouId)) throw forbidden("Not allowed to change this agent's parameters here");
}

type Stored = Map<AgentParameterName, AgentParameter>;

const rowsOf = async (em: EntityManager, tenantId: string, agentId: string): Promise<Stored> =>
  new Map((await em.find(AgentParameter, { tenant: tenantId, agent: agentId })).map((r) => [r.name, r]));

const storedValue = (rows: Stored, name: AgentParameterName): string => rows.get(name)?.value ?? PARAMETERS[name].defaultValue;

/** The OpenEye integration as it applies: the agent's YES or NO, else the tenant's switch. */
function integrationOf(rows: Stored, tenant: Tenant): EffectiveString {
  const own = storedValue(rows, AgentParameterName.openEyeIntegration);
  return own === TENANT_VALUE ? { value: tenant.openEyeIntegration ? 'YES' : 'NO', source: SettingSource.TENANT } : { value: own, source: SettingSource.AGENT };
}

function effectiveOf(name: AgentParameterName, rows: Stored, tenant: Tenant): EffectiveString {
  const value = storedValue(rows, name);
  switch (name) {
    case AgentParameterName.answerMode:
      return value === TENANT_VALUE ? { value: tenant.answerMode, source: SettingSource.TENANT } : { value, source: SettingSource.AGENT };
    case AgentParameterName.openEyeIntegration:
      return integrationOf(rows, tenant);
    case AgentParameterName.openEyeVideoDisplay:
      // Valid only while the integration is on (the seed): stored, but not applied, while it is off.
      return { value: integrationOf(rows, tenant).value === 'YES' ? value : '', source: SettingSource.AGENT };
    default:
      return { value, source: SettingSource.AGENT };
  }
}

function viewsOf(rows: Stored, tenant: Tenant): AgentParameterView[] {
  return PARAMETER_NAMES.map((name) => {
    const value = storedValue(rows, name);
    const { defaultValue, choices = [] } = PARAMETERS[name];
    return {
      name,
      value,
      defaultValue,
      choices: [...choices],
      isDefault: value === defaultValue,
      syncState: rows.get(name)?.syncState ?? AgentParameterSyncState.SYNCED,
      effective: effectiveOf(name, rows, tenant),
    };
  });
}

/** The audited view: each parameter's value and sync state. */
const snapshotOf = (rows: Stored): Snapshot =>
  Object.fromEntries(PARAMETER_NAMES.map((n) => [n, { value: storedValue(rows, n), syncState: rows.get(n)?.syncState ?? AgentParameterSyncState.SYNCED }]));

async function tenantOf(em: EntityManager, tenantId: string): Promise<Tenant> {
  return em.findOneOrFail(Tenant, { id: tenantId });
}

/** An agent's parameters as the caller may read them. */
export async function agentParameters(ctx: Context, agentId: string): Promise<AgentParameters> {
  const target = await parameterTarget(ctx, agentId, 'view');
  const tenantId = ctx.principal!.tenantId;
  const [rows, tenant] = await Promise.all([rowsOf(ctx.em, tenantId, target.id), tenantOf(ctx.em, tenantId)]);
  return { id: target.id, agentId: target.agentId, parameters: viewsOf(rows, tenant) };
}

/** The parameters of agents the caller has read (a page of them): one statement for their rows, one for the tenant. */
export async function parametersOfAgents(ctx: Context, agentIds: readonly string[]): Promise<AgentParameterView[][]> {
  const tenantId = ctx.principal!.tenantId;
  const [found, tenant] = await Promise.all([ctx.em.find(AgentParameter, { tenant: tenantId, agent: { $in: [...agentIds] } }), tenantOf(ctx.em, tenantId)]);
  const byAgent = new Map<string, Stored>();
  for (const row of found) {
    const rows = byAgent.get(row.agent.id) ?? new Map();
    byAgent.set(row.agent.id, rows.set(row.name, row));
  }
  return agentIds.map((id) => viewsOf(byAgent.get(id) ?? new Map(), tenant));
}

/** The error of a value the parameter does not allow, named `value`; null when allowed (the video display also needs the integration on). */
export function valueError(name: AgentParameterName, value: string): string | null {
  if (value.length > PARAMETER_VALUE_MAX) return `A parameter value has at most ${PARAMETER_VALUE_MAX} characters`;
  return PARAMETERS[name].check(value);
}

export interface ParameterChange {
  target: ParameterTarget;
  parameters: AgentParameterView[];
  changed: AgentParameterName[];
  /** Each parameter's value and sync state before and after (as audited). */
  before: Snapshot;
  after: Snapshot;
}

/**
 * Changes one agent's stored parameters in one transaction, under a lock on the agent, with one
 * audit entry on the agent (none when nothing changed). `apply` edits the rows it is given and
 * names the parameters it changed; it may refuse with BAD_USER_INPUT before anything is written.
 */
export async function changeParameters(
  ctx: Context,
  target: ParameterTarget,
  operation: string,
  apply: (rows: Stored, tenant: Tenant, set: (name: AgentParameterName, value: string | null) => boolean) => void,
): Promise<ParameterChange> {
  const tenantId = ctx.principal!.tenantId;
  return ctx.em.transactional(async (em) => {
    // The agent was found in scope (or is the caller's own): the lock and the rows go past the OU scope, naming the tenant.
    const forked = em.fork({ keepTransactionContext: true });
    const fork = unscoped(forked, "an agent found in the caller's scope (or its own), locked while its parameters change");
    const agent = await fork.findOneOrFail(Agent, { id: target.id, tenant: tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const [rows, tenant] = await Promise.all([rowsOf(fork, tenantId, agent.id), tenantOf(fork, tenantId)]);
    const before = snapshotOf(rows);
    const changed: AgentParameterName[] = [];
    // Sets a value (null: sync) and marks it SAVED; true when it changed.
    const set = (name: AgentParameterName, value: string | null): boolean => {
      const row = rows.get(name);
      if (value === null) {
        if (row?.syncState !== AgentParameterSyncState.SAVED) return false;
        row.syncState = AgentParameterSyncState.SYNCED;
      } else {
        if (storedValue(rows, name) === value) return false;
        if (row) {
          row.value = value;
          row.syncState = AgentParameterSyncState.SAVED;
        } else {
          rows.set(name, fork.create(AgentParameter, { tenant: fork.getReference(Tenant, tenantId), agent, name, value }));
        }
      }
      changed.push(name);
      return true;
    };
    apply(rows, tenant, set);
    const after = snapshotOf(rows);
    if (changed.length) {
      await fork.flush();
      await auditRequest(ctx, em, { operation, action: 'updated', recordType: 'Agent', recordId: agent.id, ouId: target.ouId, before, after });
    }
    return { target, parameters: viewsOf(rows, tenant), changed, before, after };
  });
}

const resultOf = (change: ParameterChange): AgentParameters => ({ id: change.target.id, agentId: change.target.agentId, parameters: change.parameters });

/** Sets one parameter of one agent; a change returns it to SAVED. */
export async function updateAgentParameter(ctx: Context, agentId: string, name: AgentParameterName, value: string): Promise<AgentParameters> {
  const error = valueError(name, value);
  if (error) throw badInput({ value: error });
  const target = await parameterTarget(ctx, agentId, 'edit');
  const change = await changeParameters(ctx, target, 'updateAgentParameter', (rows, tenant, set) => {
    if (name === AgentParameterName.openEyeVideoDisplay && value !== '' && integrationOf(rows, tenant).value !== 'YES') {
      throw badInput({
        value: 'The video display is accepted only while the OpenEye integration is on (openEyeIntegration YES, or TENANT with the tenant on)',
      });
    }
    set(name, value);
  });
  return resultOf(change);
}

/** The parameters a reset names: the given ones once each, or all of them when none are named. */
export function resetNames(names: readonly AgentParameterName[] | null | undefined): AgentParameterName[] {
  if (names && names.length === 0) throw badInput({ names: 'Name at least one parameter (or leave names out to reset them all)' });
  return names ? PARAMETER_NAMES.filter((n) => names.includes(n)) : PARAMETER_NAMES;
}

/** The reset of one agent's parameters to their defaults: those that change become SAVED. */
export const resetTarget = (ctx: Context, target: ParameterTarget, names: readonly AgentParameterName[], operation: string) =>
  changeParameters(ctx, target, operation, (_rows, _tenant, set) => {
    for (const name of names) set(name, PARAMETERS[name].defaultValue);
  });

/** The sync of one agent's SAVED parameters: they become SYNCED, and the agent must sign in again. */
export const syncTarget = (ctx: Context, target: ParameterTarget, operation: string) =>
  changeParameters(ctx, target, operation, (_rows, _tenant, set) => {
    for (const name of PARAMETER_NAMES) set(name, null);
  });

export async function resetAgentParameters(ctx: Context, agentId: string, names?: AgentParameterName[] | null): Promise<AgentParameters> {
  const chosen = resetNames(names);
  const target = await parameterTarget(ctx, agentId, 'reset');
  return resultOf(await resetTarget(ctx, target, chosen, 'resetAgentParameters'));
}

export async function syncAgentParameters(ctx: Context, agentId: string): Promise<AgentParameterSync> {
  const target = await parameterTarget(ctx, agentId, 'sync');
  const change = await syncTarget(ctx, target, 'syncAgentParameters');
  const synced = change.changed;
  return { ...resultOf(change), synced, mustSignInAgain: synced.length > 0, message: synced.length ? SIGN_IN_AGAIN : null };
}
