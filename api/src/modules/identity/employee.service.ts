import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CrudService } from '../../common/crud';
import { applyArgs } from '../../common/fields';
import { escapeLike } from '../../common/sql';
import { requiredText } from '../../common/text';
import { TenantCrudService, type RecordAccess } from '../../common/tenant-crud.service';
import { badInput, forbidden } from '../../base/errors';
import type { Snapshot } from '../../common/audit.writer';
import { Tenant } from '../../common/tenant.entity';
import { ANY_TENANT, accountIs } from './account';
import { ASSIGNMENT_ARGS, applyAssignments, currentGrants } from './assignments';
import { holderChangeRefusal } from './holdings.query';
import { Employee } from './employee.entity';
import { type CreateEmployeeArgs, EmployeeFields, type EmployeeFilter, type UpdateEmployeeArgs } from './employee.inputs';
import { hashPassword, passwordProblem } from './password';

/** Employees (SPEC §2), scoped by their home OU (null = Unorganized). */
export class EmployeeService
  extends TenantCrudService<Employee, EmployeeFilter>
  implements CrudService<Employee, EmployeeFilter, CreateEmployeeArgs, UpdateEmployeeArgs>
{
  protected readonly entity = Employee;
  protected readonly label = 'Employee';
  protected readonly defaultSort = { account: 'ASC' } as const;
  protected override readonly affectsAuthz = true;

  protected override async snapshot(e: Employee, em: EntityManager): Promise<Snapshot> {
    if (!e.roles.isInitialized()) await e.roles.init();
    return {
      account: e.account,
      name: e.name,
      gender: e.gender,
      phone: e.phone,
      email: e.email,
      position: e.position,
      managerId: e.managerId,
      homeOuId: e.homeOuId,
      isTenantAdmin: e.isTenantAdmin,
      enabled: e.enabled,
      mustChangePassword: e.mustChangePassword,
      roleIds: e.roles
        .getItems()
        .map((r) => r.id)
        .sort(),
      grants: await currentGrants(em, { kind: 'employee', id: e.id }),
      passwordHash: e.passwordHash,
    };
  }

  protected override filterWhere(filter: EmployeeFilter): FilterQuery<Employee>[] {
    const parts: FilterQuery<Employee>[] = [];
    if (filter.homeOuId) parts.push({ homeOu: filter.homeOuId });
    if (filter.enabled != null) parts.push({ enabled: filter.enabled });
    if (filter.roleId) parts.push({ roles: filter.roleId });
    return parts;
  }

  protected override searchWhere(q: string): FilterQuery<Employee> {
    const like = `%${escapeLike(q)}%`;
    return { $or: [{ account: { $ilike: like } }, { name: { $ilike: like } }, { email: { $ilike: like } }, { phone: { $ilike: like } }] };
  }

  create(input: CreateEmployeeArgs): Promise<Employee> {
    return this.write('create', null, async (em) => {
      const problems: Record<string, string> = {};
      const rule = passwordProblem(input.password, input.account);
      if (rule) problems.password = rule;
      if (await em.count(Employee, accountIs(input.account), ANY_TENANT)) problems.account = `Account "${input.account}" already exists`;
      if (Object.keys(problems).length) throw badInput(problems);
      const employee = em.create(Employee, {
        tenant: em.getReference(Tenant, this.principal.tenantId),
        account: input.account,
        name: requiredText(input.name, 'name'),
        passwordHash: await hashPassword(input.password),
        // An admin-made password is known to the admin: the employee replaces it at first login.
        mustChangePassword: true,
      });
      await this.apply(em, employee, input);
      return employee;
    });
  }

  update(input: UpdateEmployeeArgs): Promise<Employee> {
    return this.write('update', input, async (em, current) => {
      const employee = current!;
      if (input.name !== undefined) employee.name = requiredText(input.name, 'name');
      if (input.password !== undefined) {
        const rule = passwordProblem(input.password, employee.account);
        if (rule) throw badInput({ password: rule });
        employee.passwordHash = await hashPassword(input.password);
        employee.mustChangePassword = true;
      }
      await this.apply(em, employee, input);
      return employee;
    });
  }

  override delete(id: string): Promise<Employee> {
    return this.write('delete', { id }, async (_em, employee) => {
      if (this.isSelf(employee!)) throw badInput({ id: 'You cannot delete your own account' });
      return employee!;
    });
  }

  protected override changeRefusal(employee: Employee) {
    return holderChangeRefusal(this.ctx, this.principal, 'employee', employee.id);
  }

  override async access(employee: Employee): Promise<RecordAccess> {
    const access = await super.access(employee);
    return this.isSelf(employee) ? { ...access, canDelete: false } : access;
  }

  private isSelf(employee: Employee): boolean {
    return this.principal.kind === 'employee' && employee.id === this.principal.id;
  }

  protected override async flush(em: EntityManager, employee: Employee): Promise<void> {
    try {
      await em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw badInput({ account: `Account "${employee.account}" already exists` });
      throw e;
    }
  }

  /** The fields both create and update set; omitted fields stay as they are. */
  private async apply(em: EntityManager, e: Employee, input: EmployeeFields): Promise<void> {
    const self = this.isSelf(e);
    if (input.isTenantAdmin !== undefined && input.isTenantAdmin !== e.isTenantAdmin) {
      if (!this.principal.isTenantAdmin) throw forbidden('Only tenant admins may grant or remove tenant admin rights');
      if (self) throw badInput({ isTenantAdmin: 'You cannot remove your own tenant admin rights' });
    }
    if (self && input.enabled === false) throw badInput({ enabled: 'You cannot disable your own account' });
    await applyArgs(em, e, input, EmployeeFields, { except: ASSIGNMENT_ARGS });
    if (input.managerId) await this.assertNoManagerLoop(em, e);
    await applyAssignments(em, this.principal, 'employee', e, input);
  }

  /** A manager (found in the caller's scope by the kernel) must not be the employee, nor report to it. */
  private async assertNoManagerLoop(em: EntityManager, employee: Employee): Promise<void> {
    const manager = employee.manager!;
    if (manager.id === employee.id) throw badInput({ managerId: 'An employee cannot be their own manager' });
    const chain = await em.getConnection().execute<{ id: string }[]>(
      `with recursive up as (
         select id, manager_id, 1 as depth from employee where id = ?
         union all
         select e.id, e.manager_id, up.depth + 1 from employee e join up on e.id = up.manager_id where up.depth < 1000
       ) select id from up where id = ? limit 1`,
      [manager.id, employee.id],
      'all',
      em.getTransactionContext(),
    );
    if (chain.length) throw badInput({ managerId: 'This manager reports to the employee: the chain would loop' });
  }
}
