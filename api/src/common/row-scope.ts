import { Filter, Utils, type EntityManager } from '@mikro-orm/core';
import { defineSubject, scopeFilter, type Action, type SubjectDefinition, type SubjectName } from '../authz/ability';
import type { Principal } from '../authz/principal';

/**
 * The structural row scope (issue 8): one MikroORM filter, on by default on every table of a
 * tenant's data, bound to the request's principal when its context is built. Every find,
 * count, populate, lazy load, update and delete through the ORM is limited to the caller's
 * tenant and, for OU-owned records, to the OUs it may locate (its OU scope). Nothing needs to
 * remember it; an EntityManager bound to nobody fails loudly on the first read instead of
 * reading everything.
 *
 * Reads that must see past the scope (signing in, the OU tree behind a path, what another
 * principal holds) and hand-written SQL (which no filter sees) go through `unscoped()`, the one
 * escape hatch: its every use names why, and test/api/unscoped.test.ts lists them all.
 */
export const ROW_SCOPE = 'rowScope';

export interface RowScopeArgs {
  /** Absent only when unscoped. */
  tenantId?: string;
  /** Absent: the tenant only (e.g. a CLI acting for the whole tenant). */
  principal?: Principal;
  /** Default `locate`: the OU scope alone; the CRUD services narrow reads to `read` (the view operation) themselves. */
  action?: Action;
  /** Set by `unscoped()`: why this access may see past the scope. */
  unscoped?: string;
}

/** The filter's parameters, shared (not deep-copied) by the forks and transactions of a request. */
class Binding implements RowScopeArgs {
  constructor(
    readonly tenantId: string | undefined,
    readonly principal?: Principal,
    readonly unscoped?: string,
  ) {}
  /** MikroORM copies filter parameters into every fork; a principal is immutable, so the copy is this. */
  clone(): Binding {
    return this;
  }
}

export interface Declared {
  /** The property holding the tenant: `tenant`, or `id` on the tenant itself. */
  tenantField: string;
  subject?: SubjectName;
  /** Path to the record's OU, e.g. `ou`, `customer.ou`, `id` (an OU itself). */
  ouField?: string;
  /** The property holding the id of the principal the record belongs to (its own records only). */
  ownerField?: string;
}

const DECLARED = new Map<Function, Declared>();

/** The declaration of an entity class or of the nearest class it extends. */
function declaredFor(cls: Function | undefined): Declared | undefined {
  for (let c = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const declared = DECLARED.get(c);
    if (declared) return declared;
  }
  return undefined;
}

function condition(args: RowScopeArgs, _type: string, em: EntityManager, _options: unknown, entityName: string | Function): object {
  if (args.unscoped) return {};
  const name = Utils.className(entityName);
  // Declared: the filter exists only where @RowScope (on the class or a base class) put it.
  const declared = declaredFor(em.getMetadata().find(name)?.class)!;
  const tenant = { [declared.tenantField]: args.tenantId };
  if (declared.ownerField && args.principal) return { ...tenant, [declared.ownerField]: args.principal.id };
  if (!declared.subject || !declared.ouField || !args.principal) return tenant;
  return { $and: [tenant, scopeFilter(args.principal.ability, args.action ?? 'locate', declared.subject, declared.ouField)] };
}

export interface RowScopeOptions {
  /** The guarded subject its records belong to. */
  subject?: SubjectName;
  /** Path to the record's OU; absent: not OU-owned (tenant-wide records). */
  ouField?: string;
  /** The property holding the tenant (default `tenant`). */
  tenantField?: string;
  /** Records of one principal (e.g. its imports): a principal reads only its own. */
  ownerField?: string;
  /** The subject's page (permission menu), on the one entity that declares the subject's rules. */
  menu?: string;
  /** Operation per action where it is not the default view / create / edit / delete. */
  operations?: SubjectDefinition['operations'];
}

/**
 * Declares a table of tenant data, once: how it is scoped (by its tenant, and for an OU-owned
 * subject by the OU at `ouField`) and, with `menu`, the subject's permission rules. Declared on a
 * base class, it holds for every entity extending it; a subclass may declare its own.
 */
export function RowScope(options: RowScopeOptions = {}): ClassDecorator {
  return (target) => {
    if (options.subject && options.menu) {
      defineSubject(options.subject, { menu: options.menu, ouScoped: !!options.ouField, ...(options.operations ? { operations: options.operations } : {}) });
    }
    DECLARED.set(target, { tenantField: options.tenantField ?? 'tenant', subject: options.subject, ouField: options.ouField, ownerField: options.ownerField });
    Filter({ name: ROW_SCOPE, cond: condition as never, default: true })(target as never);
  };
}

/** The row-scope declaration of an entity class (its subject and the path to its OU), inherited from a base class. */
export const rowScopeOf = (cls: Function): Declared | undefined => declaredFor(cls);

/** Whether an entity class declares its row scope, itself or through a base class (every table of a tenant's data must). */
export const hasRowScope = (cls: Function): boolean => declaredFor(cls) !== undefined;

/**
 * Whether the row scope of `em` already holds `condition` on `entity`'s records: it is bound to
 * this very principal (not lifted), and the OU condition it adds for the entity is `condition`
 * itself. A read's own filter may then leave it out: the same `ou_id in (…)` list twice is twice
 * the query builder's work and the planner's, for the same rows.
 */
export function rowScopeHolds(em: EntityManager, entity: Function, principal: Principal, condition: object): boolean {
  const args = em.getFilterParams<RowScopeArgs>(ROW_SCOPE);
  const declared = declaredFor(entity);
  if (!args || args.unscoped || args.principal !== principal || !declared?.subject || !declared.ouField || declared.ownerField) return false;
  const held = scopeFilter(principal.ability, args.action ?? 'locate', declared.subject, declared.ouField);
  return JSON.stringify(held) === JSON.stringify(condition);
}

/** Binds a request's EntityManager to its principal: from here on, every ORM access is scoped. */
export function bindRowScope(em: EntityManager, principal: Principal): void {
  em.setFilterParams(ROW_SCOPE, new Binding(principal.tenantId, principal));
}

/**
 * Find, count, update and delete options that lift the row scope for that one call. What it
 * loads stays out of the request's identity map: MikroORM answers a later `findOne` by id from
 * that map without a query, so a record loaded past the scope would otherwise be found again,
 * scoped or not. It is a read: a change goes through `unscoped(em, reason)` on a fork.
 */
export interface Unscoped {
  filters: { [ROW_SCOPE]: RowScopeArgs };
  disableIdentityMap: true;
}

/**
 * The one escape hatch, in two forms:
 * - `unscoped(reason)`: options for one ORM read (`em.findOne(Employee, where, unscoped('…'))`),
 *   whose result stays out of the request's identity map (see `Unscoped`);
 * - `unscoped(em, reason)`: a whole EntityManager that its caller owns and that acts for no
 *   principal (a platform operation, a CLI, the demo seed, a test's inspection).
 * Hand-written SQL is unscoped by nature (no filter sees SQL text): it spells its own tenant
 * and scope. test/api/unscoped.test.ts lists every use of both.
 */
export function unscoped(reason: string): Unscoped;
export function unscoped<T extends EntityManager>(em: T, reason: string): T;
export function unscoped<T extends EntityManager>(emOrReason: T | string, reason?: string): T | Unscoped {
  if (typeof emOrReason === 'string') return { filters: { [ROW_SCOPE]: { unscoped: emOrReason } }, disableIdentityMap: true };
  emOrReason.setFilterParams(ROW_SCOPE, new Binding(undefined, undefined, reason));
  return emOrReason;
}
