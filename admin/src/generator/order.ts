import type { TypeInfo } from '../schema/introspection';

/**
 * The schema lists fields alphabetically; screens read better with the naming field first,
 * references after plain values, lists and long values after them, then switches, tables of
 * objects (grants, contacts) and timestamps last.
 * Stable within a rank.
 */
const NAMING = new Set(['name', 'code', 'title', 'account', 'key', 'value', 'customerNumber']);

export type Rank = 'naming' | 'value' | 'reference' | 'group' | 'list' | 'switch' | 'table' | 'timestamp';
const ORDER: Rank[] = ['naming', 'reference', 'value', 'group', 'list', 'switch', 'table', 'timestamp'];

export function rankOf(name: string, type: Pick<TypeInfo, 'name' | 'list' | 'kind'>, isReference: boolean): Rank {
  if (NAMING.has(name)) return 'naming';
  if (isReference && !type.list) return 'reference';
  if (type.kind === 'OBJECT' || type.kind === 'INPUT_OBJECT') return 'table';
  if (type.list || type.name === 'JSONObject') return 'list';
  if (type.name === 'Boolean') return 'switch';
  if (type.name.startsWith('DateTime') || type.name === 'Date') return 'timestamp';
  return 'value';
}

export function byRank<T>(items: T[], rank: (item: T) => Rank): T[] {
  return items
    .map((item, index) => ({ item, index, r: ORDER.indexOf(rank(item)) }))
    .sort((a, b) => a.r - b.r || a.index - b.index)
    .map((x) => x.item);
}

/**
 * Items in the order of the record's page (`page`, its fields by name with their rank): an item
 * the page shows takes its place there; one it does not (a password) goes after the last page
 * field of its rank, or by rank after them all. Stable otherwise.
 */
export function inPageOrder<T>(items: T[], nameOf: (item: T) => string, rank: (item: T) => Rank, page: readonly { source: string; rank: Rank }[]): T[] {
  const at = new Map(page.map((f, i) => [f.source, i]));
  const lastOfRank = (r: Rank) => page.reduce((last, f, i) => (f.rank === r ? i : last), -1);
  const position = (item: T) => {
    const own = at.get(nameOf(item));
    if (own !== undefined) return own;
    const last = lastOfRank(rank(item));
    return last >= 0 ? last + 0.5 : page.length + ORDER.indexOf(rank(item));
  };
  return items
    .map((item, index) => ({ item, index, p: position(item) }))
    .sort((a, b) => a.p - b.p || a.index - b.index)
    .map((x) => x.item);
}
