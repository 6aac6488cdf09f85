import { ArrayType, type EntityClass, type EntityMetadata, type EntityProperty, JsonType, type Platform, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** How one column of a `to_jsonb` row becomes a property of the entity. */
interface ColumnPlan {
  column: string;
  name: string;
  convert: (value: unknown) => unknown;
}

const asIs = (value: unknown) => value;
const asDate = (value: unknown) => (typeof value === 'string' ? new Date(value) : value);

/** The columns of an entity a row carries, and how each is read; undefined for a shape it cannot read. */
function columnPlan(meta: EntityMetadata, platform: Platform): ColumnPlan[] | undefined {
  const plan: ColumnPlan[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length) continue;
    const convert = converterOf(prop, platform);
    if (!convert) return undefined;
    plan.push({ column: prop.fieldNames[0]!, name: prop.name, convert });
  }
  return plan;
}

function converterOf(prop: EntityProperty, platform: Platform): ColumnPlan['convert'] | undefined {
  if (prop.fieldNames.length !== 1) return undefined;
  if (prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)) {
    const target = prop.targetMeta!;
    if (target.primaryKeys.length !== 1) return undefined;
    const [pk] = target.primaryKeys as [string];
    // A reference as an unloaded entity is one: the class with its id only. Not registered in
    // the identity map (em.getReference), which cost more than the rest of the row together.
    // MikroORM puts no tracking setter on a primary key: a plain assignment defines it.
    return (id) => {
      if (id === null || id === undefined) return null;
      const ref = Object.create(target.prototype) as Record<string, unknown>;
      ref[pk] = id;
      return ref;
    };
  }
  if (prop.kind !== ReferenceKind.SCALAR) return undefined;
  // jsonb holds arrays as such, pg hands arrays of its own types parsed and others (an enum's) as
  // text; documents are parsed either way. bigint would need its string form.
  if (prop.customType instanceof ArrayType) {
    const type = prop.customType;
    return (value) => (typeof value === 'string' ? type.convertToJSValue(value, platform) : value);
  }
  if (prop.customType) return prop.customType instanceof JsonType ? asIs : undefined;
  if (prop.runtimeType === 'Date') return asDate;
  if (['string', 'number', 'boolean'].includes(prop.runtimeType)) return asIs;
  return undefined;
}

/** How an entity's rows are read: its columns, and the prototype its read-only instances have. */
interface ReadPlan {
  columns: ColumnPlan[];
  prototype: object;
}

const plans = new WeakMap<EntityMetadata, ReadPlan | null>();

function readPlan(em: EntityManager, meta: EntityMetadata): ReadPlan | null {
  let plan = plans.get(meta);
  if (plan === undefined) {
    const columns = columnPlan(meta, em.getPlatform());
    // The entity's prototype under one that holds each column as a plain writable property:
    // assigning a column then defines it on the instance instead of running the tracking setter
    // MikroORM puts on the entity's prototype (Object.defineProperty per column was as slow).
    const prototype = Object.create(meta.prototype) as object;
    for (const { name } of columns ?? []) Object.defineProperty(prototype, name, { value: undefined, writable: true, configurable: true });
    plan = columns ? { columns, prototype } : null;
    plans.set(meta, plan);
  }
  return plan;
}

/** Whether readOnlyEntity reads this entity (no collections, embeddables or column types it would not convert). */
export const readsPlainly = (em: EntityManager, entity: EntityClass<object>): boolean => readPlan(em, em.getMetadata().get(entity.name)) !== null;

/**
 * An entity of a read-only reply, from a row its SQL already shaped (`to_jsonb`, or a plain
 * select of the entity's columns): an instance of the entity's class (its getters, its CASL
 * subject type) whose columns are plain own properties. A reply is never flushed, so MikroORM's
 * hydration (change tracking, a property setter per column, the identity map) was a sixth of a
 * lookup's CPU. Relations are references by id, as a loaded entity's are, but outside the
 * identity map: never compare them by identity.
 */
export function readOnlyEntity<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  const meta = em.getMetadata().get<T>(entity.name);
  const plan = readPlan(em, meta);
  if (!plan) throw new Error(`readOnlyEntity cannot read ${meta.className}: it has a column of a kind it does not convert`);
  const result = Object.create(plan.prototype) as Record<string, unknown>;
  for (const { column, name, convert } of plan.columns) result[name] = convert(row[column] ?? null);
  return result as T;
}
