import { raw, type FilterQuery } from '@mikro-orm/core';
import { unscoped } from '../../common/row-scope';
import type { Employee } from './employee.entity';

/** A principal's own record (its name, its password), which its OU scope need not cover: the home OU gives nothing by itself. */
export const SELF = unscoped("a principal's own record, whatever its OU scope");

/** Account names are unique across tenants: sign-in names only the account. */
export const ANY_TENANT = unscoped('accounts are unique across tenants: sign-in names only the account');

export const ACCOUNT_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const ACCOUNT_MAX = 64;

/**
 * Accounts are unique and matched case-insensitively ("Demo.Admin" is "demo.admin"), through
 * the unique index on lower(account).
 */
export function accountIs(account: string): FilterQuery<Employee> {
  return { [raw((alias) => `lower(${alias}.account)`)]: account.toLowerCase() } as FilterQuery<Employee>;
}
