import { createElement, type ReactElement } from 'react';
import { BooleanField, DataTable, ReferenceField, SelectField, TextField } from 'react-admin';
import { humanize, relationName } from '../schema/humanize';
import { fieldLabel } from '../i18n/generated';
import { LocaleDateField, LocaleNumberField } from '../i18n/fields';
import { getObjectType, isResourceType, typeInfo } from '../schema/introspection';
import type { ResourceEntry } from '../resources/registry';
import { EMPTY, JsonField, ObjectListField, ReferenceChipsField, StringListField, enumChoices, nullLabelOf } from './fields';
import { fieldConstraints, sortableFields } from '../schema/constraints';
import { isSecret } from '../schema/secrets';
import { byRank, rankOf, type Rank } from './order';
import { referenceOf } from './references';
import { catalogueQueryOf } from './widgets/catalogue';
import { PermissionTreeField } from './widgets/PermissionTreeInput';
import { readableOnly, type MayRead } from './readable';
import { FIELD_WIDGETS } from './widgets/fieldWidgets';

/** Fields that are bookkeeping rather than information in a list. */
const ALWAYS_HIDDEN = new Set(['id', 'version', 'createdAt']);

export interface DisplayField {
  source: string;
  /** Its label, a translation key (react-admin translates it; `useTranslate` elsewhere). */
  label: string;
  /** The element rendering the value of the current record. */
  element: ReactElement<{ source?: string; label?: string }>;
  sortable: boolean;
  numeric: boolean;
  rank: Rank;
  /** The resource whose records the value names (a reference), or whose records a table of objects refers to. */
  reference?: string;
}

/**
 * The fields of a type, each with its display element: scalars and enums, references (by id,
 * single or list), text lists as chips, JSON (a change set as a before/after table) and, on
 * the record's page, lists of objects as tables. Secrets and `access` are never shown.
 */
export function displayFields(entry: ResourceEntry, options: { all?: boolean } = {}): DisplayField[] {
  const hidden = new Set([...(options.all ? ['id', 'version'] : [...ALWAYS_HIDDEN, ...(entry.hideInList ?? [])]), ...(entry.hidden ?? [])]);
  const sortable = sortableFields(entry.name);
  const result: DisplayField[] = [];
  for (const field of getObjectType(entry.name).fields) {
    const t = typeInfo(field.type);
    if (hidden.has(field.name) || isSecret(field.name, t.name)) continue;
    const source = field.name;
    const reference = referenceOf(entry.name, field);
    const label = fieldLabel(entry.name, source, entry.labels?.[source] ?? humanize(reference ? relationName(source) : source));
    const canSort = !reference && !t.list && sortable.has(source);
    let element: DisplayField['element'];
    let numeric = false;
    const widget = entry.widgets?.[source] ? FIELD_WIDGETS[entry.widgets[source]] : undefined;
    if (widget) {
      element = createElement(widget.component, { source, compact: !options.all });
    } else if (t.name === 'ID' && !reference) {
      // An id that names no one resource (an audit entry's principal) means nothing to a person.
      continue;
    } else if (t.kind === 'OBJECT') {
      // Objects that are records of their own are reached through their id field or the related lists.
      if (!t.list || !options.all || isResourceType(t.name)) continue;
      // Its columns that name records of resources the user may not read are left out by the table itself.
      element = <ObjectListField source={source} itemType={t.name} parentType={entry.name} />;
    } else if (t.kind !== 'SCALAR' && t.kind !== 'ENUM') {
      continue;
    } else if (reference && t.list) {
      element = <ReferenceChipsField source={source} reference={reference} />;
    } else if (reference) {
      element = <ReferenceField source={source} reference={reference} link={false} emptyText={nullLabelOf(entry.name, source)} />;
    } else if (t.list) {
      const catalogue = catalogueQueryOf(fieldConstraints(entry.name, source));
      element = catalogue ? <PermissionTreeField source={source} query={catalogue} /> : <StringListField source={source} />;
    } else if (t.kind === 'ENUM') {
      element = <SelectField source={source} choices={enumChoices(t.name)} emptyText={EMPTY} />;
    } else if (t.name === 'JSONObject') {
      element = <JsonField source={source} compact={!options.all} />;
    } else if (t.name === 'Boolean') {
      element = <BooleanField source={source} />;
    } else if (t.name === 'Int' || t.name === 'Float') {
      // A number naming something (an agent id) reads as it is written, without thousands separators.
      element = <LocaleNumberField source={source} emptyText={EMPTY} options={/Id$/.test(source) ? { useGrouping: false } : undefined} />;
      numeric = true;
    } else if (t.name.startsWith('Date')) {
      element = <LocaleDateField source={source} showTime emptyText={EMPTY} />;
    } else {
      element = <TextField source={source} emptyText={EMPTY} />;
    }
    result.push({ source, label, element, sortable: canSort, numeric, rank: rankOf(source, t, !!reference), reference });
  }
  // In the list, the reference to the parent reads best after the record's own values.
  const ranked = byRank(result, (f) => (f.rank === 'reference' ? 'group' : f.rank));
  const first = entry.order ?? [];
  const position = (f: DisplayField) => (first.includes(f.source) ? first.indexOf(f.source) : first.length);
  return ranked
    .map((f, i) => ({ f, i }))
    .sort((a, b) => position(a.f) - position(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

/** Elements that render inline text (no chips, tables or trees): what a small-screen list's secondary line can hold. */
const INLINE = new Set<unknown>([
  TextField,
  LocaleNumberField,
  LocaleDateField,
  BooleanField,
  SelectField,
  ReferenceField,
  ...Object.values(FIELD_WIDGETS)
    .filter((w) => w.inline)
    .map((w) => w.component),
]);
export const isInline = (f: DisplayField) => INLINE.has(f.element.type);

/**
 * DataTable columns of display fields. `link` wraps the value of one column (the record's name),
 * e.g. in a link to the record, so a row can be reached and opened with the keyboard.
 */
export function columnsOf(fields: readonly DisplayField[], link?: { source: string; wrap: (element: ReactElement) => ReactElement }): ReactElement[] {
  return fields.map((f) => (
    <DataTable.Col key={f.source} source={f.source} label={f.label} disableSort={!f.sortable} align={f.numeric ? 'right' : undefined}>
      {link?.source === f.source ? link.wrap(f.element) : f.element}
    </DataTable.Col>
  ));
}

/** DataTable columns generated from the type's fields, without references to resources the user may not read. */
export function listColumns(entry: ResourceEntry, mayRead: MayRead): ReactElement[] {
  return columnsOf(readableOnly(displayFields(entry), mayRead));
}
