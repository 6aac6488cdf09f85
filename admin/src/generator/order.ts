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
