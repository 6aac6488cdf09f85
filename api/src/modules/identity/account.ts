import { raw, type FilterQuery } from '@mikro-orm/core';
import type { Employee } from './employee.entity';

export const ACCOUNT_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const ACCOUNT_MAX = 64;

/**
 * Accounts are unique and matched case-insensitively ("Demo.Admin" is "demo.admin"), through
 * the unique index on lower(account).
 */
export function accountIs(account: string): FilterQuery<Employee> {
  return { [raw((alias) => `lower(${alias}.account)`)]: account.toLowerCase() } as FilterQuery<Employee>;
}
