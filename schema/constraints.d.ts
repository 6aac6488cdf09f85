/**
 * The contract of schema/constraints.json: the API writes it (`npm run schema:emit`), the
 * console reads it. One declaration for both sides, so they cannot drift apart.
 */

/** What the console needs to validate a mutation argument exactly like the server does. */
export interface FieldConstraint {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  patternMessage?: string;
  maxItems?: number;
  email?: boolean;
  integer?: boolean;
  /** The resource an argument points at; by its id unless `referenceField` names the field it stores. */
  reference?: string;
  referenceField?: string;
  /** The text rules apply to each item of a list argument (maxItems to the list itself). */
  each?: boolean;
}

export interface ServerConstraints {
  /** Per mutation, per argument: the limits the server enforces, so forms check the same. */
  mutations: Record<string, Record<string, FieldConstraint>>;
  /** Per listed resource (GraphQL type): the fields its lists sort by, `id` first. */
  resources: Record<string, { sortable: string[] }>;
  /** The query limits (depth, aliases, cost, ...) and the largest page. */
  queryLimits: Record<string, number>;
}
