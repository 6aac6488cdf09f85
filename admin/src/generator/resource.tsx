import { cloneElement } from 'react';
import {
  Create,
  CreateButton,
  DataTable,
  Edit,
  ExportButton,
  FilterButton,
  List,
  Resource,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TopToolbar,
  useCanAccess,
} from 'react-admin';
import { getMutation, getQuery } from '../schema/introspection';
import type { ResourceEntry } from '../resources/registry';
import { displayFields, listColumns } from './columns';
import { listFilters } from './filters';
import { formInputs } from './inputs';
import { representationOf } from './representation';

/** The server's page size limit; exports read at most this many rows. */
const EXPORT_MAX = 500;

/**
 * List, show, create and edit views of a registry entry, generated from the introspection
 * (fields, arguments, enums) and the constraints (validation, references).
 */
export function generateViews(entry: ResourceEntry) {
  const { name, labels } = entry;
  const createMutation = `create${name}`;
  const updateMutation = `update${name}`;
  const columns = listColumns(entry);
  const filters = listFilters(entry);
  const details = displayFields(entry, { all: true });
  const createInputs = getMutation(createMutation) ? formInputs(createMutation, { labels }) : undefined;
  const updateInputs = getMutation(updateMutation) ? formInputs(updateMutation, { labels }) : undefined;

  const ListActions = () => (
    <TopToolbar>
      {filters && filters.length > 1 ? <FilterButton /> : null}
      <CreateButton />
      <ExportButton maxResults={EXPORT_MAX} />
    </TopToolbar>
  );

  const ResourceList = () => {
    // A row opens the form when the user may edit, the details otherwise.
    const { canAccess: canEdit } = useCanAccess({ resource: name, action: 'edit' });
    return (
      <List sort={entry.sort} filters={filters} actions={<ListActions />} title={entry.label}>
        <DataTable rowClick={canEdit && updateInputs ? 'edit' : 'show'}>{columns}</DataTable>
      </List>
    );
  };

  const ResourceShow = () => (
    <Show>
      <SimpleShowLayout>{details.map((f) => cloneElement(f.element, { key: f.source, label: f.label }))}</SimpleShowLayout>
    </Show>
  );

  const ResourceCreate = () => (
    <Create redirect="list">
      <SimpleForm noValidate sx={{ maxWidth: 720 }}>
        {createInputs}
      </SimpleForm>
    </Create>
  );

  // Pessimistic: the server's answer (field errors, CONFLICT) reaches the form before leaving it.
  const ResourceEdit = () => (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm noValidate sx={{ maxWidth: 720 }}>
        {updateInputs}
      </SimpleForm>
    </Edit>
  );

  return {
    list: ResourceList,
    show: getQuery(name) ? ResourceShow : undefined,
    create: createInputs ? ResourceCreate : undefined,
    edit: updateInputs ? ResourceEdit : undefined,
  };
}

/** The <Resource> of a registry entry, for <Admin>'s children. */
export function resourceFor(entry: ResourceEntry) {
  const views = generateViews(entry);
  return (
    <Resource
      key={entry.name}
      name={entry.name}
      icon={entry.icon}
      options={{ label: entry.label }}
      recordRepresentation={representationOf(entry.name)}
      {...views}
    />
  );
}
