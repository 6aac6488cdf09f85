import { AbilityBuilder, createMongoAbility, subject as asSubject, type MongoAbility } from '@casl/ability';
import { rulesToQuery } from '@casl/ability/extra';
import type { OuScope } from './scope';

/**
 * `locate` is internal: finding a record to act on it (or to reference it) depends on the OU
 * scope alone, not on holding the page's view operation.
 */
export type Action = 'read' | 'create' | 'update' | 'delete' | 'locate';

export interface SubjectDefinition {
  /** Menu permission of the page; operations are `<menu>:<op>`. */
  menu: string;
  /** Whether records carry an OU (null = Unorganized) that scopes who sees and changes them. */
  ouScoped: boolean;
  /** Operation per action where it is not the default view/create/edit/delete. */
  operations?: Partial<Record<Action, string>>;
}

/**
 * A guarded subject's name: the page a record belongs to (e.g. `Customer`; requests, activities
 * and comments share `CustomerContext`).
 */
export type SubjectName = string;

/**
 * Every subject the API guards, declared where its records are (the entity's `@RowScope`, see
 * common/row-scope.ts), so adding a resource edits no list here. A record is checked as
 * `{ ouId }`: the OU it belongs to.
 */
export const SUBJECTS: Record<SubjectName, SubjectDefinition> = {};

/** Declares a subject; declaring one name twice with different rules is a mistake caught at start-up. */
export function defineSubject(name: SubjectName, definition: SubjectDefinition): void {
  const known = SUBJECTS[name];
  if (known && JSON.stringify(known) !== JSON.stringify(definition)) throw new Error(`Subject ${name} is declared twice, with different rules`);
  SUBJECTS[name] = definition;
}
export type AppAbility = MongoAbility<[Action, SubjectName | ReturnType<typeof asSubject>]>;

const DEFAULT_OPERATION: Record<Exclude<Action, 'locate'>, string> = { read: 'view', create: 'create', update: 'edit', delete: 'delete' };

export function permissionFor(name: SubjectName, action: Exclude<Action, 'locate'>): string {
  const def = SUBJECTS[name];
  if (!def) throw new Error(`Subject ${name} is not declared (declare its menu with @RowScope on its entity)`);
  return `${def.menu}:${def.operations?.[action] ?? DEFAULT_OPERATION[action]}`;
}

/**
 * One ability per principal: an action on a subject is allowed when the principal holds its
 * operation permission (effective only with its menu), limited to the OU scope for OU-owned
 * records. Rules are data (cached with the principal) and turn into SQL filters.
 */
export function buildAbility(permissions: ReadonlySet<string>, isTenantAdmin: boolean, scope: OuScope): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const name of Object.keys(SUBJECTS) as SubjectName[]) {
    for (const action of [...Object.keys(DEFAULT_OPERATION), 'locate'] as Action[]) {
      if (action !== 'locate' && !isTenantAdmin && !permissions.has(permissionFor(name, action))) continue;
      if (!SUBJECTS[name].ouScoped || scope.all) {
        can(action, name);
        continue;
      }
      const reading = action === 'read' || action === 'locate';
      const ids = [...(reading ? scope.read : scope.write)];
      // Conditions are on the checked record's `ouId` (subjects are built by `allows`).
      if (ids.length) can(action, name, { ouId: { $in: ids } } as never);
      if (reading ? scope.readUnorganized : scope.writeUnorganized) can(action, name, { ouId: null } as never);
    }
  }
  return build();
}

/** Whether the ability allows `action` on a record of `name` in OU `ouId` (null = Unorganized). */
export function allows(ability: AppAbility, action: Action, name: SubjectName, ouId: string | null = null): boolean {
  return ability.can(action, asSubject(name, { ouId }));
}

/** An SQL-side condition that no row satisfies: a denied scope is never "no filter". (A new object each time: the ORM rewrites filters in place.) */
export const matchNothing = () => ({ id: { $in: [] as string[] } });

/**
 * The ability's rules for `action` as a MikroORM filter on the entity's OU column: pushed into
 * SQL so pages and counts are right. `null` from CASL (nothing allowed) becomes matchNothing().
 */
export function scopeFilter(ability: AppAbility, action: Action, name: SubjectName, ouField: string, options: { nullableVia?: boolean } = {}): object {
  // `ouField` may go through relations ("customer.ou"): the condition nests accordingly.
  const keys = ouField.split('.');
  const nest = (path: string[], value: unknown) => path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as object;
  const at = (value: unknown) => {
    if (value !== null || keys.length !== 2 || !options.nullableVia) return nest(keys, value);
    // "No OU" through a nullable relation: it is left-joined under the related row's own
    // row scope, which may join it away and leave its columns null, so "no OU" must see the
    // related row (its tenant column is never null) — or no related row at all (an agent
    // without an employee is Unorganized). Found by the routing isolation property.
    const relations = keys.slice(0, -1);
    return { $or: [nest(relations, null), nest(relations, { tenant: { $ne: null }, [keys.at(-1)!]: null })] };
  };
  const query = rulesToQuery(ability, action, name, (rule) => {
    const conditions = (rule.conditions ?? {}) as { ouId?: unknown };
    const translated = 'ouId' in conditions ? at(conditions.ouId) : {};
    return rule.inverted ? { $not: translated } : translated;
  });
  if (query === null) return matchNothing();
  const parts = [...(query.$or ? [{ $or: query.$or }] : []), ...(query.$and ?? [])];
  if (query.$or?.some((c) => Object.keys(c).length === 0)) return {};
  return parts.length ? { $and: parts } : {};
}
