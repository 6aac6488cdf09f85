import type { ReactElement } from 'react';
import { AutocompleteInput, NullableBooleanInput, ReferenceInput, SearchInput, SelectInput } from 'react-admin';
import { humanize, relationName } from '../schema/humanize';
import { enumValues, getObjectType, getType, typeInfo } from '../schema/introspection';
import { findResource, type ResourceEntry } from '../resources/registry';
import { referenceOf } from './columns';
import { representationOf } from './representation';

/**
 * List filters from the resource's `XxxFilter` input type: `q` is the always-on search box;
 * reference ids, enums and booleans become optional filters ("Add filter"). `ids` is internal.
 */
export function listFilters(entry: ResourceEntry): ReactElement[] | undefined {
  const filterType = getType(`${entry.name}Filter`);
  if (filterType?.kind !== 'INPUT_OBJECT') return undefined;
  const typeFields = getObjectType(entry.name).fields;
  const filters: ReactElement[] = [];
  for (const field of filterType.inputFields) {
    const name = field.name;
    if (name === 'ids') continue;
    if (name === 'q') {
      filters.unshift(<SearchInput key="q" source="q" alwaysOn />);
      continue;
    }
    const t = typeInfo(field.type);
    if (t.list) continue;
    const sameField = typeFields.find((f) => f.name === name);
    const reference = sameField ? referenceOf(entry.name, sameField) : undefined;
    const label = entry.labels?.[name] ?? humanize(reference ? relationName(name) : name);
    if (reference) {
      filters.push(
        <ReferenceInput key={name} source={name} label={label} reference={reference} sort={findResource(reference)?.sort}>
          <AutocompleteInput label={label} optionText={representationOf(reference)} filterToQuery={(q: string) => (q ? { q } : {})} />
        </ReferenceInput>,
      );
    } else if (t.kind === 'ENUM') {
      filters.push(<SelectInput key={name} source={name} label={label} choices={enumValues(t.name).map((v) => ({ id: v, name: humanize(v) }))} />);
    } else if (t.name === 'Boolean') {
      filters.push(<NullableBooleanInput key={name} source={name} label={label} />);
    }
  }
  return filters.length ? filters : undefined;
}
