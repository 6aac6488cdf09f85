import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import pluralize from 'pluralize';
import { getMetadataStorage } from 'type-graphql';
import { badInput, type FieldErrors } from '../base/errors';
import { createHash } from 'node:crypto';
import { declareSecretField, type Snapshot } from './audit.writer';
import { LIST_RESOURCES } from './crud';
import { isUuid } from './ids';
import { escapeLike } from './sql';
import { hintsOf, notFoundMessageOf } from './validation';

/**
 * What the kernel derives from a resource's declarations instead of each service restating
 * every field: the audited snapshot (the entity's GraphQL fields), applying create and update
 * arguments (the argument class's fields, references resolved in the caller's scope), filters
 * and search, and unique violations as field errors.
 */

/** Kept out of snapshots and arguments: the record's identity and bookkeeping. */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** The GraphQL fields declared on a class and the classes it extends (entity or argument class). */
export function graphqlFieldsOf(cls: Function): string[] {
  const chain: Function[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c);
  const names = getMetadataStorage()
    .fields.filter((f) => chain.includes(f.target))
    .map((f) => f.name);
  return [...new Set(names)];
}

const secrets = new Map<Function, string[]>();

/**
 * Marks a write-only entity property (a shared secret): never a GraphQL field, audited as a
 * masked change whenever it is set, changed or cleared.
 */
export const Secret = (): PropertyDecorator => (target, property) => {
  secrets.set(target.constructor, [...(secrets.get(target.constructor) ?? []), String(property)]);
  declareSecretField(String(property));
};

/** A secret in a snapshot: a digest, so the audit sees that it changed (and masks it), never the value. */
const digest = (value: unknown): string | null => (value ? createHash('sha256').update(String(value)).digest('hex') : null);

/** The audited view of a record: every GraphQL field of its entity but the bookkeeping, and its secrets as digests (masked by the audit). */
export function snapshotOf(entity: Function, record: object): Snapshot {
  const values = record as Record<string, unknown>;
  const fields = graphqlFieldsOf(entity)
    .filter((name) => !BOOKKEEPING.has(name))
    .map((name) => [name, values[name] ?? null]);
  const hidden = (secrets.get(entity) ?? []).map((name) => [name, digest(values[name])]);
  return Object.fromEntries([...fields, ...hidden]);
}

const searchable = new Map<Function, string[]>();

/** Marks an entity text property that the list's free-text `q` matches (contains, any case). */
export const Searchable = (): PropertyDecorator => (target, property) => {
  searchable.set(target.constructor, [...(searchable.get(target.constructor) ?? []), String(property)]);
};

/** `q` as a condition on the entity's searchable properties; none declared: nothing matches a search. */
export function searchWhereOf<T>(entity: Function, q: string): FilterQuery<T> {
  const names: string[] = [];
  for (let c: Function | null = entity; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) names.push(...(searchable.get(c) ?? []));
  if (!names.length) return { id: { $in: [] } } as FilterQuery<T>;
  const like = `%${escapeLike(q)}%`;
  return { $or: names.map((name) => ({ [name]: { $ilike: like } })) } as FilterQuery<T>;
}

/**
 * Each filter field but `ids` and `q` (the kernel's) as equality; `xId` compares the reference
 * `x`. A field refining another (`includeSubOus`, see `Refines`) is no condition of its own: with
 * it, an OU reference (`ouId`) matches the OU's whole subtree (`subtree`, from the caller's tree).
 */
export function filterWhereOf<T>(filterClass: Function, filter: object, subtree?: (ouId: string) => string[]): FilterQuery<T>[] {
  const values = filter as Record<string, unknown>;
  const hints = hintsOf(filterClass);
  const refined = new Set(
    Object.entries(hints)
      .filter(([name, h]) => h.refines && values[name] === true)
      .map(([, h]) => h.refines!.field),
  );
  return graphqlFieldsOf(filterClass)
    .filter((name) => name !== 'ids' && name !== 'q' && values[name] != null && !hints[name]?.refines)
    .map((name) => {
      const value = values[name];
      const property = name.replace(/Id$/, '');
      const wholeTree = refined.has(name) && hints[name]?.reference === 'OrgUnit' && subtree && typeof value === 'string';
      return (wholeTree ? { [property]: { $in: subtree(value) } } : { [property]: value }) as FilterQuery<T>;
    });
}

export interface ApplyOptions {
  /** Arguments the resource applies itself (e.g. the roles and grants an employee holds). */
  except?: readonly string[];
}

/**
 * Applies the arguments an argument class declares to a record: omitted ones keep their value;
 * text is trimmed (null clears it); a reference (`xId`, or a value of another resource's field)
 * is found in the caller's scope — the row scope — or is a field error, like a missing one.
 * Every problem is reported at once, before anything is written.
 */
export async function applyArgs(em: EntityManager, record: object, input: object, argsClass: Function, options: ApplyOptions = {}): Promise<void> {
  const target = record as Record<string, unknown>;
  const values = input as Record<string, unknown>;
  const hints = hintsOf(argsClass);
  const errors: FieldErrors = {};
  for (const name of graphqlFieldsOf(argsClass)) {
    const value = values[name];
    if (value === undefined || BOOKKEEPING.has(name) || options.except?.includes(name)) continue;
    const reference = hints[name]?.reference ? (hints[name] as { reference: string; referenceField?: string }) : undefined;
    if (reference) {
      const entity = LIST_RESOURCES.get(reference.reference);
      if (!entity) throw new Error(`${argsClass.name}.${name}: no resource ${reference.reference}`);
      const property = reference.referenceField ? name : name.replace(/Id$/, '');
      if (value === null || value === '') {
        target[property] = reference.referenceField ? '' : null;
        continue;
      }
      const key = reference.referenceField ?? 'id';
      const wanted = String(value).trim();
      const found = key === 'id' && !isUuid(wanted) ? null : await em.findOne(entity, { [key]: wanted } as never);
      if (!found) errors[name] = notFoundMessageOf(argsClass, name)?.(wanted) ?? `${reference.reference} not found`;
      else target[property] = reference.referenceField ? wanted : found;
      continue;
    }
    if (typeof value === 'string') target[name] = value.trim();
    else if (Array.isArray(value)) target[name] = value.map((item) => (typeof item === 'string' ? item.trim() : item));
    else if (value === null) {
      // Null clears: text to empty, a nullable column to null; an enum or any other column keeps its value.
      const column = em.getMetadata().find(record.constructor.name)?.properties[name];
      if (column?.nullable) target[name] = null;
      else if (typeof target[name] === 'string' && !column?.enum) target[name] = '';
    } else target[name] = value;
  }
  if (Object.keys(errors).length) throw badInput(errors);
}

/**
 * A unique violation as a field error on the property of the entity's `@Unique` (besides the
 * tenant) whose constraint it broke; any other error is passed on.
 */
export function uniqueViolationAsFieldError(em: EntityManager, entity: Function, label: string, record: object, error: unknown): unknown {
  if (!(error instanceof UniqueConstraintViolationException)) return error;
  const meta = em.getMetadata().find(entity.name);
  const constraint = (error as unknown as { constraint?: string }).constraint;
  for (const unique of meta?.uniques ?? []) {
    const properties = ([] as string[]).concat((unique.properties as string | string[] | undefined) ?? []);
    const columns = properties.flatMap((p) => meta!.properties[p]?.fieldNames ?? [p]);
    const name = unique.name ?? em.config.getNamingStrategy().indexName(meta!.tableName, columns, 'unique');
    const field = properties.find((p) => p !== 'tenant');
    if (name === constraint && field) return badInput({ [field]: `${label} "${String((record as Record<string, unknown>)[field])}" already exists` });
  }
  return error;
}

/** Resources' human names by entity class name ("Skill queue"), for messages about records of theirs. */
const LABELS = new Map<string, string>();

export const declareLabel = (entity: Function, label: string): void => {
  LABELS.set(entity.name, label);
};

/** What the rows of a table are called in a message: its resource's label (or entity name) in the plural, e.g. "called routes". */
export function recordsOfTable(em: EntityManager, table: string | undefined): string {
  const meta = Object.values(em.getMetadata().getAll()).find((m) => m.tableName === table);
  if (!meta) return 'records';
  const label = LABELS.get(meta.className) ?? meta.className.replace(/([a-z])([A-Z])/g, '$1 $2');
  return label === label.toUpperCase() ? `${label}s` : pluralize(label.toLowerCase());
}

/**
 * Deleting a record that others still point to (their foreign key restricts it) as a field
 * error naming what points to it (reason HAS_RECORDS); any other error is passed on.
 */
export function referenceViolationAsFieldError(em: EntityManager, label: string, title: string, error: unknown): unknown {
  if (!(error instanceof ForeignKeyConstraintViolationException)) return error;
  const what = recordsOfTable(em, (error as unknown as { table?: string }).table);
  return badInput({ id: `${label} "${title}" is still used by ${what}; change or delete them first` }, undefined, { reason: 'HAS_RECORDS' });
}
