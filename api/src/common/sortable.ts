const declared = new Map<Function, string[]>();

/**
 * Marks an entity property as one a list may be sorted by (besides `id`, which every list
 * sorts by). Declared once, on the entity: the list service checks `sortField` against it and
 * schema/constraints.json publishes it, so the console offers the same sort columns.
 */
export const Sortable = (): PropertyDecorator => (target, property) => {
  const list = declared.get(target.constructor) ?? [];
  list.push(String(property));
  declared.set(target.constructor, list);
};

/** The sortable properties of an entity class, its base classes' included. */
export function sortableOf(cls: Function): string[] {
  const out: string[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) out.unshift(...(declared.get(c) ?? []));
  return [...new Set(out)];
}
