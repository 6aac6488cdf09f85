import { LockMode } from '@mikro-orm/core';
import type { Principal } from '../../authz/principal';
import type { Context } from '../../base/context';
import { AppError, badInput, ErrorCode, forbidden } from '../../base/errors';
import { auditRequest, type Snapshot } from '../../common/audit.writer';
import { unscoped } from '../../common/row-scope';
import { Employee } from '../identity/employee.entity';
import { hashPassword } from '../identity/password';
import { checkCurrentPassword } from '../identity/password.service';
import { softphonePasswordProblem } from './agent.rules';
import { Agent } from './agent.entity';
import { firstNonZero, SettingSource } from './effective';
import { maxSessionLevels } from './personal-center.facts';
import type { UpdateMySettingsArgs } from './personal-center.inputs';
import { greetingErrors, type GreetingValue } from './personal-center.rules';
import type { MyAgent } from './personal-center.types';

/**
 * The personal center (SPEC §5): the signed-in employee's own agent. Its own records are read
 * whatever its OU scope (the home OU gives no access by itself, and the manager or the skill
 * queues may lie outside it): they are the principal's own, like its password.
 */
const OWN = unscoped("a principal's own agent, its manager and skill queues, whatever its OU scope");

const NO_AGENT = 'You have no agent: an admin binds one to your account first';

/** Only an employee has an agent; an API client is told so instead of reading null. */
function employeeOf(ctx: Context): Principal {
  const principal = ctx.principal!;
  if (principal.kind !== 'employee') throw forbidden('API clients have no agent: the personal center is for signed-in employees');
  return principal;
}

/** The signed-in employee's agent with its employee, settings and effective values; null without one. */
export async function myAgent(ctx: Context): Promise<MyAgent | null> {
  const principal = employeeOf(ctx);
  const agent = await ctx.em.findOne(
    Agent,
    { employee: principal.id, tenant: principal.tenantId },
    {
      ...OWN,
      populate: ['employee.manager', 'skillRows.skillQueue', 'skillQueueGroup.members.skillQueue'],
      strategy: 'joined',
    },
  );
  if (!agent?.employee) return null;
  const levels = await maxSessionLevels(ctx.em, principal.tenantId, principal.id);
  const e = agent.employee;
  const group = agent.skillQueueGroup;
  const skillQueues = group
    ? group.members.getItems().map((m) => ({ id: m.skillQueue.id, name: m.skillQueue.name, isDefault: false }))
    : agent.skillRows.getItems().map((r) => ({ id: r.skillQueue.id, name: r.skillQueue.name, isDefault: r.isDefault }));
  return {
    employee: { id: e.id, account: e.account, name: e.name, phone: e.phone, email: e.email, position: e.position, managerName: e.manager?.name ?? null },
    agent: {
      id: agent.id,
      agentId: agent.agentId,
      agentType: agent.agentType,
      platformRole: agent.platformRole,
      softphoneNumber: agent.softphoneNumber,
      skillQueues: skillQueues.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      skillQueueGroupName: group?.name ?? null,
      hasSoftphonePassword: agent.hasSoftphonePassword,
    },
    settings: settingsOf(agent),
    effectiveMaxConcurrentSessions: firstNonZero([
      [SettingSource.AGENT, agent.maxConcurrentSessions],
      [SettingSource.OU, levels.ou],
      [SettingSource.TENANT, levels.tenant],
    ]),
  };
}

function settingsOf(agent: Agent): { avatar: number; nickname: string; maxConcurrentSessions: number; greetings: GreetingValue[] } {
  return { avatar: agent.avatar, nickname: agent.nickname, maxConcurrentSessions: agent.maxConcurrentSessions, greetings: agent.greetings ?? [] };
}

/**
 * The agent replaces its own personalized settings (each omitted keeps its value), audited on
 * the agent. Written with one SQL update that leaves the agent's version alone: the settings are not
 * what an admin edits, so an agent's nickname never turns an admin's open form into a CONFLICT.
 */
export async function updateMySettings(ctx: Context, args: UpdateMySettingsArgs): Promise<MyAgent> {
  const principal = employeeOf(ctx);
  const greetings = args.greetings?.map((g) => ({ start: g.start, end: g.end, text: g.text }));
  const errors = greetings ? greetingErrors(greetings) : {};
  if (Object.keys(errors).length) throw badInput(errors);
  await ctx.em.transactional(async (em) => {
    // On a fork of the transaction, so the request's identity map never holds what its scope would not find.
    const fork = em.fork({ keepTransactionContext: true });
    const own = unscoped(fork, "a principal's own agent, whatever its OU scope");
    const agent = await own.findOne(Agent, { employee: principal.id, tenant: principal.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!agent) throw new AppError(ErrorCode.NOT_FOUND, NO_AGENT);
    const before: Snapshot = settingsOf(agent);
    const after = {
      avatar: args.avatar ?? agent.avatar,
      nickname: args.nickname ?? agent.nickname,
      maxConcurrentSessions: args.maxConcurrentSessions ?? agent.maxConcurrentSessions,
      greetings: greetings ? greetings.sort((a, b) => a.start.localeCompare(b.start)) : agent.greetings,
    };
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    // SQL, not the ORM's update: that would bump the version.
    await em.execute('update agent set avatar = ?, nickname = ?, max_concurrent_sessions = ?, greetings = ?::jsonb where tenant_id = ? and id = ?::uuid', [
      after.avatar,
      after.nickname,
      after.maxConcurrentSessions,
      JSON.stringify(after.greetings),
      principal.tenantId,
      agent.id,
    ]);
    const employee = await own.findOneOrFail(Employee, { id: principal.id, tenant: principal.tenantId });
    await auditRequest(ctx, em, {
      operation: 'updateMySettings',
      action: 'updated',
      recordType: 'Agent',
      recordId: agent.id,
      ouId: employee.homeOuId,
      before,
      after,
    });
  });
  const result = await myAgent(ctx);
  if (!result) throw new AppError(ErrorCode.NOT_FOUND, NO_AGENT);
  return result;
}

/**
 * The agent sets or resets its own softphone password (SPEC §5) after re-entering its sign-in
 * password, which is a guess like a sign-in (throttled and counted as changePassword's is). The
 * new password's rules are checked first, so bad input costs no guess. Written as the settings
 * are, leaving the agent's version alone, and audited masked on the agent.
 */
export async function changeMySoftphonePassword(ctx: Context, signInPassword: string, newPassword: string): Promise<MyAgent> {
  const principal = employeeOf(ctx);
  const agent = await ctx.em.findOne(Agent, { employee: principal.id, tenant: principal.tenantId }, OWN);
  if (!agent) throw new AppError(ErrorCode.NOT_FOUND, NO_AGENT);
  const problem = softphonePasswordProblem(newPassword, agent.softphoneNumber);
  if (problem) throw badInput({ newPassword: problem });
  await checkCurrentPassword(ctx, signInPassword, 'signInPassword');
  const hash = await hashPassword(newPassword);
  await ctx.em.transactional(async (em) => {
    const fork = em.fork({ keepTransactionContext: true });
    const own = unscoped(fork, "a principal's own agent, whatever its OU scope");
    const locked = await own.findOneOrFail(
      Agent,
      { id: agent.id, tenant: principal.tenantId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['employee'] },
    );
    // SQL, not the ORM's update: that would bump the version an admin may be editing.
    await em.execute('update agent set softphone_password_hash = ? where tenant_id = ? and id = ?::uuid', [hash, principal.tenantId, agent.id]);
    await auditRequest(ctx, em, {
      operation: 'changeMySoftphonePassword',
      action: 'updated',
      recordType: 'Agent',
      recordId: agent.id,
      ouId: locked.employee?.homeOuId ?? null,
      before: { softphonePasswordHash: locked.softphonePasswordHash ?? null },
      after: { softphonePasswordHash: hash },
    });
  });
  const result = await myAgent(ctx);
  if (!result) throw new AppError(ErrorCode.NOT_FOUND, NO_AGENT);
  return result;
}
