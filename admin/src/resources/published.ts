import ViewListIcon from '@mui/icons-material/ViewList';
import type { SortPayload } from 'react-admin';
import { publishedResourceNames, sortableFields } from '../schema/constraints';
import { humanize } from '../schema/humanize';
import { getObjectType, getQuery, getType, listQueryOf } from '../schema/introspection';
import type { ResourceEntry } from './registry';

/** Fields that name a record, in the order of preference (the first one a type has). */
const USUAL_NAMES = ['path', 'name', 'title', 'code', 'account', 'key', 'value', 'id'];

/** The field naming a record of a type when nothing else is chosen: the first usual one it has, else `id`. */
export function usualRepresentation(typeName: string): string {
  const fields = new Set(getObjectType(typeName).fields.map((f) => f.name));
  return USUAL_NAMES.find((c) => fields.has(c)) ?? 'id';
}

/** Sortable fields every resource has; a default order by one of them says nothing about the records. */
const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt']);

/** The resources the server publishes (constraints.json `resources`) that its schema serves by the CRUD grammar (`X`, `allXs`). */
export function publishedResources(): string[] {
  return publishedResourceNames().filter((name) => getType(name)?.kind === 'OBJECT' && !!getQuery(name) && !!listQueryOf(name));
}

/**
 * The page of a published resource nobody has described: labels from its names (the plural from
 * its list query, `allAddressOptions` → "Address options"), a generic icon, ordered by its first
 * sortable field besides id and timestamps (else id), named by its usual name field.
 */
export function defaultEntry(name: string): ResourceEntry {
  const plural = listQueryOf(name)?.name.replace(/^all/, '') ?? name;
  const field = [...sortableFields(name)].find((f) => !BOOKKEEPING.has(f)) ?? 'id';
  const sort: SortPayload = { field, order: 'ASC' };
  return { name, label: humanize(plural), singular: humanize(name), icon: ViewListIcon, representation: usualRepresentation(name), sort };
}

/**
 * Every resource the console has a page for: the registry's entries in their order, each on top
 * of its generated default (the registry overrides presentation only), then the published
 * resources the registry does not describe, by label.
 */
export function mergeResources(registry: readonly ResourceEntry[], published: readonly string[]): ResourceEntry[] {
  const described = new Set(registry.map((r) => r.name));
  const known = new Set(published);
  const others = published
    .filter((name) => !described.has(name))
    .map(defaultEntry)
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return [...registry.map((r) => (known.has(r.name) ? { ...defaultEntry(r.name), ...r } : r)), ...others];
}
