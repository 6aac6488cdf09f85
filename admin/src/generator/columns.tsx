import type { ReactElement } from 'react';
import { BooleanField, DataTable, DateField, NumberField, ReferenceField, TextField } from 'react-admin';
import { argConstraints } from '../schema/constraints';
import { humanize, relationName } from '../schema/humanize';
import { getObjectType, typeInfo, type IntrospectionField } from '../schema/introspection';
import type { ResourceEntry } from '../resources/registry';
import { byRank, rankOf, type Rank } from './order';

/** Fields that are bookkeeping rather than information in a list. */
const ALWAYS_HIDDEN = new Set(['id', 'version', 'createdAt']);

/** The resource an `xxxId` field points at: the constraint on the mutations, else the `xxx` relation's type. */
export function referenceOf(typeName: string, field: IntrospectionField): string | undefined {
  if (!/Ids?$/.test(field.name)) return undefined;
  const declared =
    argConstraints(`create${typeName}`, field.name).reference ?? argConstraints(`update${typeName}`, field.name).reference;
  if (declared) return declared;
  const relation = getObjectType(typeName).fields.find((f) => f.name === relationName(field.name));
  if (!relation) return undefined;
  const target = typeInfo(relation.type);
  return target.kind === 'OBJECT' ? target.name : undefined;
}

export interface DisplayField {
  source: string;
  label: string;
  /** The element rendering the value of the current record. */
  element: ReactElement<{ source?: string; label?: string }>;
  sortable: boolean;
  numeric: boolean;
  rank: Rank;
}

/** Scalar, enum and reference fields of a type, each with its display element. */
export function displayFields(entry: ResourceEntry, options: { all?: boolean } = {}): DisplayField[] {
  const hidden = new Set(options.all ? ['id', 'version'] : [...ALWAYS_HIDDEN, ...(entry.hideInList ?? [])]);
  const sortable = entry.sortable ? new Set(entry.sortable) : undefined;
  const result: DisplayField[] = [];
  for (const field of getObjectType(entry.name).fields) {
    if (hidden.has(field.name)) continue;
    const t = typeInfo(field.type);
    if (t.kind !== 'SCALAR' && t.kind !== 'ENUM') continue;
    const source = field.name;
    const reference = referenceOf(entry.name, field);
    const label = entry.labels?.[source] ?? humanize(reference ? relationName(source) : source);
    const canSort = !reference && (sortable ? sortable.has(source) : true);
    let element: DisplayField['element'];
    let numeric = false;
    if (reference) {
      element = <ReferenceField source={source} reference={reference} link={false} emptyText="—" />;
    } else if (t.list) {
      element = <TextField source={source} />;
    } else if (t.name === 'Boolean') {
      element = <BooleanField source={source} />;
    } else if (t.name === 'Int' || t.name === 'Float') {
      element = <NumberField source={source} />;
      numeric = true;
    } else if (t.name.startsWith('Date')) {
      element = <DateField source={source} showTime />;
    } else {
      element = <TextField source={source} />;
    }
    result.push({ source, label, element, sortable: canSort, numeric, rank: rankOf(source, t.name, !!reference) });
  }
  // In the list, the reference to the parent reads best after the record's own values.
  return byRank(result, (f) => (f.rank === 'reference' ? 'group' : f.rank));
}

/** DataTable columns generated from the type's fields. */
export function listColumns(entry: ResourceEntry): ReactElement[] {
  return displayFields(entry).map((f) => (
    <DataTable.Col key={f.source} source={f.source} label={f.label} disableSort={!f.sortable} align={f.numeric ? 'right' : undefined}>
      {f.element}
    </DataTable.Col>
  ));
}
