import type { ReactElement, ReactNode } from 'react';
import { Stack } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  DateTimeInput,
  NullableBooleanInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  useCanAccessResources,
  useDataProvider,
  useTranslate,
  type DataProvider,
  type GetListParams,
} from 'react-admin';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { OperationsProvider } from '../providers/dataProvider';
import { humanize, relationName } from '../schema/humanize';
import { fieldLabel, resourceNameKey } from '../i18n/generated';
import { typeRefinements } from '../schema/constraints';
import { filterTypeOf, typeInfo } from '../schema/introspection';
import { findResource, typeLabel, type ResourceEntry } from '../resources/registry';
import { enumChoices } from './fields';
import { referenceOf } from './references';
import { representRecord } from './representation';
import { optionProps } from './widgets/RecordOption';

const toQuery = (q: string) => (q ? { q } : {});

/**
 * A filter with the switches that refine it (an OU and "Include sub-OUs"), one element of the
 * filter bar so they come and go together. `source`, `label` and `alwaysOn` are the filter's, as
 * react-admin's filter button and form read them from each filter element.
 */
const RefinedFilter = ({ children }: { source: string; label: string; alwaysOn?: boolean; children: ReactNode }) => (
  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-refined-filter>
    {children}
  </Stack>
);

/** Records of one of several resources (those the caller may list), e.g. an employee or an API client. */
const OneOfReferencesInput = ({
  source,
  label,
  references,
  alwaysOn: _alwaysOn,
}: {
  source: string;
  label: string;
  references: string[];
  alwaysOn?: boolean;
}) => {
  const choices = useChoices(references);
  return <AutocompleteInput source={source} label={label} choices={choices} sx={{ minWidth: 280 }} />;
};

/**
 * The first records of each resource the caller may list, named with their kind. One access
 * check and one query per resource, all issued at the top of the component (hooks never run in
 * a loop); the queries share useGetList's cache keys, so react-admin's invalidation after a
 * create, update or delete refreshes them too.
 */
function useChoices(resources: string[]) {
  const { canAccess } = useCanAccessResources({ resources, action: 'list' });
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const lists = useQueries({
    queries: resources.map((resource) => {
      const params: GetListParams = { pagination: { page: 1, perPage: 100 }, sort: findResource(resource)?.sort ?? { field: 'id', order: 'DESC' }, filter: {} };
      return {
        queryKey: [resource, 'getList', { ...params, meta: undefined }],
        queryFn: () => dataProvider.getList(resource, params),
        enabled: !!canAccess?.[resource],
      };
    }),
  });
  return resources.flatMap((resource, i) => {
    const kind = translate(resourceNameKey(resource), { smart_count: 1 });
    return (lists[i]?.data?.data ?? []).map((r) => ({ id: r.id, name: `${representRecord(resource, r)} (${kind})` }));
  });
}

/** A text filter picked from the type names a query lists (the audit log's record types), each by its label: no typing, no case to get right. */
const TypeChoicesInput = ({ source, label, query }: { source: string; label: string; query: string; alwaysOn?: boolean }) => {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const translate = useTranslate();
  const { data = [] } = useQuery({ queryKey: ['filterChoices', query], queryFn: () => dataProvider.query<string[]>(query), staleTime: 60_000 });
  const choices = data.map((name) => ({ id: name, name: typeLabel(name, translate) })).sort((a, b) => a.name.localeCompare(b.name));
  return <SelectInput source={source} label={label} choices={choices} sx={{ minWidth: 200 }} />;
};

/** The resource a list filter picks records of (a reference filter), if any. */
export function filterReference(entry: ResourceEntry, name: string): string | undefined {
  const filterType = filterTypeOf(entry.name);
  const field = filterType?.inputFields.find((f) => f.name === name);
  if (!filterType || !field || entry.filterReferences?.[name]) return undefined;
  return referenceOf(filterType.name, field);
}

/**
 * List filters from the list query's `filter` input type: `q` is the always-on search box;
 * references, enums, booleans, texts and time bounds become optional filters ("Add filter"),
 * or always shown when the registry says so. `ids` is internal.
 */
export function listFilters(entry: ResourceEntry): ReactElement[] | undefined {
  const filterType = filterTypeOf(entry.name);
  if (!filterType) return undefined;
  const alwaysOn = new Set(entry.alwaysOnFilters ?? []);
  const refinements = Object.entries(typeRefinements(filterType.name));
  const filters: ReactElement[] = [];
  for (const field of filterType.inputFields) {
    const name = field.name;
    if (name === 'ids' || refinements.some(([r]) => r === name)) continue;
    if (name === 'q') {
      filters.unshift(<SearchInput key="q" source="q" alwaysOn />);
      continue;
    }
    const t = typeInfo(field.type);
    if (t.list) continue;
    const on = alwaysOn.has(name) || undefined;
    const several = entry.filterReferences?.[name];
    const choicesQuery = entry.filterChoices?.[name];
    const reference = several ? undefined : referenceOf(filterType.name, field);
    const label = fieldLabel(entry.name, name, entry.labels?.[name] ?? humanize(reference ? relationName(name) : name));
    if (choicesQuery) {
      filters.push(<TypeChoicesInput key={name} source={name} label={label} query={choicesQuery} alwaysOn={on} />);
    } else if (several) {
      filters.push(<OneOfReferencesInput key={name} source={name} label={label} references={several} alwaysOn={on} />);
    } else if (reference) {
      const picker = (
        <ReferenceInput key={name} source={name} label={label} reference={reference} sort={findResource(reference)?.sort} alwaysOn={on}>
          <AutocompleteInput label={label} {...optionProps(reference)} filterToQuery={toQuery} />
        </ReferenceInput>
      );
      const refining = refinements.filter(([, r]) => r.field === name);
      const initial = refining[0]?.[1].initial;
      filters.push(
        refining.length ? (
          <RefinedFilter key={name} source={name} label={label} alwaysOn={on}>
            {picker}
            {refining.map(([r]) => (
              <BooleanInput
                key={r}
                source={r}
                label={fieldLabel(entry.name, r, entry.labels?.[r] ?? humanize(r))}
                helperText={false}
                // Unset, it stands at its initial position (the data provider sends that).
                defaultValue={initial}
              />
            ))}
          </RefinedFilter>
        ) : (
          picker
        ),
      );
    } else if (t.kind === 'ENUM') {
      filters.push(<SelectInput key={name} source={name} label={label} choices={enumChoices(t.name)} alwaysOn={on} />);
    } else if (t.name === 'Boolean') {
      filters.push(<NullableBooleanInput key={name} source={name} label={label} alwaysOn={on} />);
    } else if (t.name.startsWith('DateTime')) {
      filters.push(<DateTimeInput key={name} source={name} label={label} alwaysOn={on} />);
    } else if (t.name === 'String') {
      filters.push(<TextInput key={name} source={name} label={label} alwaysOn={on} resettable />);
    }
  }
  // Always-on filters first: an added one then goes after them, never between, and none moves.
  const shown = (f: ReactElement) => (f.key === 'q' || alwaysOn.has(String(f.key)) ? 0 : 1);
  return filters.length ? [...filters].sort((a, b) => shown(a) - shown(b)) : undefined;
}
