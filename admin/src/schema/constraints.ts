import { email, maxLength, maxValue, minLength, minValue, regex, required, type Validator } from 'react-admin';
import type { FieldConstraint, ServerConstraints } from '../../../schema/constraints';
import constraintsJson from '../../../schema/constraints.json';
import { publishedText } from '../i18n/generated';

/** Validation the server declares per mutation argument (schema/constraints.json). */
export type ArgConstraints = FieldConstraint;

const constraints = constraintsJson as ServerConstraints;

/** The resources the server publishes (each entity served as a resource), by type name. */
export function publishedResourceNames(): string[] {
  return Object.keys(constraints.resources);
}

/** The fields the server sorts a resource's lists by (declared on its entity), none for an unknown one. */
export function sortableFields(resource: string): ReadonlySet<string> {
  return new Set(constraints.resources[resource]?.sortable ?? []);
}

/** The access declaration the server checks for a root operation (`public`, `authenticated`, `tenant-admin` or `a & b`), none when it has no such operation. */
export function operationAccess(root: 'Query' | 'Mutation' | 'Subscription', name: string): string | undefined {
  return constraints.operations[`${root}.${name}`];
}

/** The largest page the server serves (lists, exports and option lists read at most this many rows). */
export const MAX_PER_PAGE = constraints.queryLimits.maxPerPage;

/** Lists' counts above this are the server's estimate, not exact. */
export const EXACT_COUNT_LIMIT = constraints.queryLimits.exactCountLimit;

/** What the server declares for every argument of a mutation (none for one without declarations). */
export function mutationConstraints(mutation: string): Record<string, ArgConstraints> {
  return constraints.mutations[mutation] ?? {};
}

export function argConstraints(mutation: string, arg: string): ArgConstraints {
  return constraints.mutations[mutation]?.[arg] ?? {};
}

/** The hints the server declares on an argument of a root query (e.g. `contactHistory`'s `customerId` refers to a Customer). */
export function queryArgConstraints(query: string, arg: string): ArgConstraints {
  return constraints.queries[query]?.[arg] ?? {};
}

/** The resource an id field of a type (object type or list filter) names, as the server declares it; none for other fields. */
/** The boolean filter fields of a filter type that refine another of its fields (`includeSubOus` → `ouId`), with their initial position. */
export function typeRefinements(typeName: string): Record<string, { field: string; initial: boolean }> {
  return constraints.types[typeName]?.refines ?? {};
}

export function typeReference(typeName: string, field: string): string | undefined {
  return constraints.types[typeName]?.references[field];
}

/** What the server declares for a field of a resource type: the constraints of the same-named argument of its create (else update) mutation. */
export function fieldConstraints(typeName: string, field: string): ArgConstraints {
  return { ...argConstraints(`update${typeName}`, field), ...argConstraints(`create${typeName}`, field) };
}

const isBlank = (value: unknown) => value == null || value === '';

// Messages are translation keys (react-admin translates a validator's message and its args).
const integer = (): Validator => (value: unknown) => (isBlank(value) || Number.isInteger(Number(value)) ? undefined : 'app.validation.integer');

const maxItems =
  (max: number): Validator =>
  (value: unknown) =>
    Array.isArray(value) && value.length > max ? { message: 'app.validation.max_items', args: { max } } : undefined;

/** For list arguments: the limits on the list itself (the text rules apply to each item). */
export function listValidatorsFor(c: ArgConstraints): Validator[] {
  return c.maxItems != null ? [maxItems(c.maxItems)] : [];
}

/** For list arguments: the rules each item must meet (`minLength`, `pattern`, `email`, ... apply per item). */
export function itemValidatorsFor(c: ArgConstraints): Validator[] {
  const { maxItems: _list, ...item } = c;
  return validatorsFor(item, { nonNull: true });
}

/**
 * The react-admin validators equal to the server's limits, so the form refuses what the API
 * would refuse before any request (the server still checks everything).
 */
export function validatorsFor(c: ArgConstraints, options: { nonNull?: boolean } = {}): Validator[] {
  const v: Validator[] = [];
  if (c.required || options.nonNull) v.push(required());
  if (c.minLength != null) v.push(minLength(c.minLength));
  if (c.maxLength != null) v.push(maxLength(c.maxLength));
  if (c.integer) v.push(integer());
  if (c.min != null) v.push(minValue(c.min));
  if (c.max != null) v.push(maxValue(c.max));
  if (c.pattern != null) v.push(regex(new RegExp(c.pattern), c.patternMessage ? publishedText(c.patternMessage) : 'app.validation.invalid_format'));
  if (c.email) v.push(email());
  if (c.maxItems != null) v.push(maxItems(c.maxItems));
  return v;
}
