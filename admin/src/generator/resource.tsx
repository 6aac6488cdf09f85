import { cloneElement, useEffect, useRef, useState, type ReactElement } from 'react';
import {
  Create,
  CreateButton,
  DataTable,
  DeleteButton,
  Edit,
  EditButton,
  ExportButton,
  FilterButton,
  List,
  Resource,
  Show,
  ShowButton,
  SimpleForm,
  SimpleShowLayout,
  TabbedShowLayout,
  TopToolbar,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  type DataProvider,
  type RaRecord,
} from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import type { OperationsProvider } from '../providers/dataProvider';
import { findResource, type AnyRecord, type ResourceEntry } from '../resources/registry';
import { getMutation, getObjectType, getQuery, typeInfo } from '../schema/introspection';
import { humanize } from '../schema/humanize';
import { isSecret, secretsOf } from '../schema/secrets';
import { displayFields, listColumns, type DisplayField } from './columns';
import { SecretDialog } from './dialogs';
import { listFilters } from './filters';
import { formInputs } from './inputs';
import { RecordActionButtons, RecordQuery, RelatedList, RowButtons } from './record';
import { representationOf } from './representation';

/** The server's page size limit; exports read at most this many rows. */
const EXPORT_MAX = 500;

/** Whether a mutation's reply carries a secret (shown once, e.g. createApiClient's clientSecret). */
const repliesWithSecret = (mutation: string) => {
  const m = getMutation(mutation);
  const t = m ? typeInfo(m.type) : undefined;
  return t?.kind === 'OBJECT' && getObjectType(t.name).fields.some((f) => isSecret(f.name, typeInfo(f.type).name));
};

const fieldElements = (fields: DisplayField[]) => fields.map((f) => cloneElement(f.element, { key: f.source, label: f.label }));

/** The query key of the "recent" list a resource's open mutation feeds (e.g. recent customers). */
export const RECENT_KEY = ['recent'];

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
  const hasRowButtons = !!(updateInputs || getMutation(`delete${name}`));
  const alwaysOn = new Set(['q', ...(entry.alwaysOnFilters ?? [])]);
  const optionalFilters = (filters ?? []).filter((f) => !alwaysOn.has(String(f.key)));
  const tabbed = !!(entry.related?.length || entry.queries?.length);

  const ListActions = () => (
    <TopToolbar>
      {optionalFilters.length ? <FilterButton /> : null}
      {createInputs ? <CreateButton /> : null}
      <ExportButton maxResults={EXPORT_MAX} />
    </TopToolbar>
  );

  const ResourceList = () => {
    // A row opens the form when the user may edit that record, its page otherwise.
    const { canAccess: mayEdit } = useCanAccess({ resource: name, action: 'edit' });
    const rowClick = (_id: unknown, _resource: string, record: RaRecord) =>
      entry.rowClick !== 'show' && updateInputs && mayEdit && (record.access as { canEdit?: boolean } | undefined)?.canEdit !== false ? 'edit' : 'show';
    return (
      <List sort={entry.sort} filters={filters} actions={<ListActions />} title={entry.label}>
        <DataTable rowClick={rowClick}>
          {columns}
          {hasRowButtons ? (
            <DataTable.Col label="" disableSort>
              <RowButtons entry={entry} />
            </DataTable.Col>
          ) : null}
        </DataTable>
      </List>
    );
  };

  const ShowActions = () => (
    <TopToolbar>
      <RecordActionButtons entry={entry} />
      {updateInputs ? <EditButton /> : null}
      {getMutation(`delete${name}`) ? <DeleteButton mutationMode="pessimistic" /> : null}
    </TopToolbar>
  );

  /** Calls the entry's open mutation once per record shown (e.g. openCustomer → recent customers). */
  const useOpen = () => {
    const record = useRecordContext();
    const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
    const queryClient = useQueryClient();
    const opened = useRef<unknown>(null);
    useEffect(() => {
      if (!entry.openMutation || !record?.id || opened.current === record.id) return;
      opened.current = record.id;
      dataProvider
        .mutate(entry.openMutation, { id: record.id })
        .then(() => queryClient.invalidateQueries({ queryKey: RECENT_KEY }))
        .catch(() => undefined);
    }, [record?.id, dataProvider, queryClient]);
  };

  const related = (entry.related ?? []).map((r) => findResource(r)).filter((r): r is ResourceEntry => !!r);

  const ShowBody = () => {
    useOpen();
    // A tab per related resource the caller may list, and per record query.
    const access = related.map((r) => useCanAccess({ resource: r.name, action: 'list' }).canAccess);
    if (!tabbed) return <SimpleShowLayout>{fieldElements(details)}</SimpleShowLayout>;
    const tabs: ReactElement[] = [
      <TabbedShowLayout.Tab key="details" label="Details">
        {fieldElements(details)}
      </TabbedShowLayout.Tab>,
      ...(entry.queries ?? [])
        .filter((q) => getQuery(q))
        .map((q) => (
          <TabbedShowLayout.Tab key={q} label={humanize(q)} path={q}>
            <RecordQuery entry={entry} query={q} />
          </TabbedShowLayout.Tab>
        )),
      ...related
        .filter((_r, i) => access[i])
        .map((r) => (
          <TabbedShowLayout.Tab key={r.name} label={r.label} path={r.name}>
            <RelatedList parent={entry} related={r} />
          </TabbedShowLayout.Tab>
        )),
    ];
    return <TabbedShowLayout>{tabs}</TabbedShowLayout>;
  };

  const ResourceShow = () => (
    <Show actions={<ShowActions />}>
      <ShowBody />
    </Show>
  );

  const ResourceCreate = () => {
    const [created, setCreated] = useState<AnyRecord | null>(null);
    const redirect = useRedirect();
    const notify = useNotify();
    // A reply with a secret (a new API client's) stays on the page until the secret was seen.
    const onSuccess = (data: RaRecord) => {
      notify(`resources.${name}.notifications.created`, { type: 'info', messageArgs: { smart_count: 1 } });
      if (secretsOf(data).length) setCreated(data);
      else redirect('show', name, data.id);
    };
    return (
      <>
        <Create redirect="list" mutationOptions={repliesWithSecret(createMutation) ? { onSuccess } : undefined}>
          <SimpleForm noValidate sx={{ maxWidth: 880 }}>
            {createInputs}
          </SimpleForm>
        </Create>
        {created ? <SecretDialog record={created} onClose={() => redirect('show', name, created.id as string)} /> : null}
      </>
    );
  };

  const EditActions = () => (
    <TopToolbar>
      <RecordActionButtons entry={entry} />
      {getQuery(name) ? <ShowButton /> : null}
    </TopToolbar>
  );

  // Pessimistic: the server's answer (field errors, CONFLICT) reaches the form before leaving it.
  const ResourceEdit = () => (
    <Edit mutationMode="pessimistic" redirect={entry.rowClick === 'show' ? 'show' : 'list'} actions={<EditActions />}>
      <SimpleForm noValidate sx={{ maxWidth: 880 }}>
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
      recordRepresentation={representationOf(entry.name) as string}
      {...views}
    />
  );
}
