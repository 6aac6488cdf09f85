/**
 * The schema lists fields alphabetically; screens read better with the naming field first,
 * references after plain values, switches and timestamps last. Stable within a rank.
 */
const NAMING = new Set(['name', 'code', 'title', 'account']);

export type Rank = 'naming' | 'value' | 'reference' | 'group' | 'switch' | 'timestamp';
const ORDER: Rank[] = ['naming', 'reference', 'value', 'group', 'switch', 'timestamp'];

export function rankOf(name: string, typeName: string, isReference: boolean): Rank {
  if (NAMING.has(name)) return 'naming';
  if (isReference) return 'reference';
  if (typeName === 'Boolean') return 'switch';
  if (typeName.startsWith('DateTime') || typeName === 'Date') return 'timestamp';
  return 'value';
}

export function byRank<T>(items: T[], rank: (item: T) => Rank): T[] {
  return items
    .map((item, index) => ({ item, index, r: ORDER.indexOf(rank(item)) }))
    .sort((a, b) => a.r - b.r || a.index - b.index)
    .map((x) => x.item);
}
