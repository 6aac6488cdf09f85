import { cloneElement, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import {
  AccessDenied,
  Create,
  CreateButton,
  DataTable,
  DeleteButton,
  Edit,
  EditButton,
  Empty,
  FilterButton,
  List,
  Resource,
  Show,
  ShowButton,
  SimpleList,
  SimpleForm,
  SimpleShowLayout,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  TextInput,
  TopToolbar,
  useCanAccess,
  useCanAccessResources,
  useCreatePath,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
  type DataProvider,
  type RaRecord,
} from 'react-admin';
import { Box, useMediaQuery, type Theme } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { OperationsProvider } from '../providers/dataProvider';
import { findResource, type AnyRecord, type PanelTabEntry, type ResourceEntry } from '../resources/registry';
import { getMutation, getObjectType, getQuery, typeInfo } from '../schema/introspection';
import { humanize } from '../schema/humanize';
import { operationLabel, resourceNameKey } from '../i18n/generated';
import { isSecret, secretsOf } from '../schema/secrets';
import { columnsOf, displayFields, isInline, type DisplayField } from './columns';
import { SecretDialog } from './dialogs';
import { BulkDeleteButton, mayDeleteRow } from './widgets/BulkDeleteButton';
import { ExportCsvButton } from './widgets/ExportCsvButton';
import { filterReference, listFilters } from './filters';
import { readableOnly, useMayRead } from './readable';
import { formInputs } from './inputs';
import { PANELS } from '../pages/panels';
import { useMe } from '../providers/me';
import { mayRun } from '../providers/permissions';
import { useLiveRefresh } from './live';
import { RecordActionButtons, RecordQuery, RelatedList, RowButtons } from './record';
import { representationOf, representRecord } from './representation';

/** Whether a mutation's reply carries a secret (shown once, e.g. createApiClient's clientSecret). */
const repliesWithSecret = (mutation: string) => {
  const m = getMutation(mutation);
  const t = m ? typeInfo(m.type) : undefined;
  return t?.kind === 'OBJECT' && getObjectType(t.name).fields.some((f) => isSecret(f.name, typeInfo(f.type).name));
};

const fieldElements = (fields: DisplayField[]) => fields.map((f) => cloneElement(f.element, { key: f.source, label: f.label }));

/** The query key of the "recent" list a resource's open mutation feeds (e.g. recent customers). */
export const RECENT_KEY = ['recent'];

/** What the generated views of a registry entry are made of: computed once per entry, outside rendering. */
interface ViewParts {
  entry: ResourceEntry;
  /** The list's fields; those naming records the user may not read are left out when rendering. */
  listFields: DisplayField[];
  filters: ReactElement[] | undefined;
  /** Whether some filters are optional (an "Add filter" button). */
  optionalFilters: boolean;
  details: DisplayField[];
  createInputs: ReactNode[] | undefined;
  updateInputs: ReactNode[] | undefined;
  hasRowButtons: boolean;
  tabbed: boolean;
  /** The related resources, a tab each on the record's page. */
  related: ResourceEntry[];
  /** The panels shown as tabs (`tabs`), each with its label's key. */
  panelTabs: (PanelTabEntry & { labelKey: string })[];
}

/** The parts a registry entry names (its list's buttons), from admin/src/pages/panels.ts. */
const partsNamed = (names: readonly string[] | undefined) =>
  (names ?? []).map((name) => {
    const Part = PANELS[name];
    return Part ? <Part key={name} /> : null;
  });

const ListActions = ({ parts, fields }: { parts: ViewParts; fields: readonly DisplayField[] }) => (
  <TopToolbar>
    {parts.optionalFilters ? <FilterButton /> : null}
    {parts.createInputs ? <CreateButton /> : null}
    {partsNamed(parts.entry.listActions)}
    <ExportCsvButton entry={parts.entry} fields={fields} />
  </TopToolbar>
);

/** A row the user may act on in bulk: delete it, or (with bulk actions beside the delete) edit it. */
const mayEditRow = (record: RaRecord) => (record.access as { canEdit?: boolean } | undefined)?.canEdit !== false;

/** An empty list still offers what fills it: Create when allowed, and the entry's list buttons (an import). */
const ListEmpty = ({ entry, hasCreate }: { entry: ResourceEntry; hasCreate: boolean }) => (
  <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', flex: 1 }}>
    <Empty hasCreate={hasCreate} />
    <Box sx={{ display: 'flex', gap: 1 }}>{partsNamed(entry.listActions)}</Box>
  </Box>
);

/** Phones and narrow windows: lists become lists of records, pages wrap long values and scroll their tables. */
const useSmall = () => useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));

/** How many of a record's values a small-screen list shows under its name. */
const SECONDARY_VALUES = 3;

/** A value worth a place on a phone's line: not empty, and not the record's name again. */
const tellsMore = (value: unknown, name: string) => value != null && value !== '' && !(Array.isArray(value) && !value.length) && String(value) !== name;

/**
 * A record's next values after its name, on one wrapping line (a small-screen list's secondary
 * text): the first few that say something, so the line neither repeats the name nor shows dashes.
 */
const SecondaryLine = ({ entry, fields }: { entry: ResourceEntry; fields: readonly DisplayField[] }) => {
  const record = useRecordContext();
  const name = representRecord(entry.name, record);
  const shown = fields.filter((f) => tellsMore(record?.[f.source], name)).slice(0, SECONDARY_VALUES);
  return (
    <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5, overflowWrap: 'anywhere' }}>
      {shown.map((f) => (
        <Box component="span" key={f.source}>
          {cloneElement(f.element, { label: f.label })}
        </Box>
      ))}
    </Box>
  );
};

/** Values that do not fit the screen wrap; tables of objects scroll inside their own box. */
/** A record's page shrinks to the screen: its card may be narrower than its content, its actions wrap. */
const showSx = {
  '& .RaShow-main, & .RaShow-card': { minWidth: 0 },
  '& .RaTopToolbar-root': { flexWrap: 'wrap' },
} as const;

const pageSx = {
  '& .ra-field': { minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' },
  '& .MuiTableContainer-root, & .RaDatagrid-tableWrapper, & .RaDataTable-tableWrapper': { overflowX: 'auto', maxWidth: '100%' },
} as const;

type RowClick = (id: unknown, resource: string, record: RaRecord) => 'edit' | 'show';

/**
 * The record's name in its row, focusable: Tab reaches every row and Enter opens it where a click
 * on the row goes. A focusable cell rather than a link, so the list's only links stay its actions
 * (Create, Export) and the row keeps one click target.
 */
const RowFocus = ({ resource, rowClick, children }: { resource: string; rowClick: RowClick; children: ReactElement }) => {
  const record = useRecordContext();
  const createPath = useCreatePath();
  const navigate = useNavigate();
  if (!record) return children;
  const open = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    navigate(createPath({ resource, id: record.id, type: rowClick(record.id, resource, record) }));
  };
  return (
    <Box
      component="span"
      tabIndex={0}
      onKeyDown={open}
      data-row-focus
      sx={{ borderRadius: 0.5, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 } }}
    >
      {children}
    </Box>
  );
};

/**
 * The filter bar keeps its place: one row of filters of one width, scrolling sideways when they
 * do not fit, so adding one never wraps the others onto a new row or moves them.
 */
const filterBarSx = {
  // Beside the actions the filters take the room left (width 0, then grow); on a phone, where
  // the actions sit above them, the whole width.
  '& form:has(> .filter-field)': { flexWrap: 'nowrap', overflowX: 'auto', minWidth: 0, width: { xs: '100%', sm: 0 }, flex: { xs: '0 0 auto', sm: '1 1 0%' } },
  '&, & .RaList-main, & div:has(> form > .filter-field)': { minWidth: 0, maxWidth: '100%' },
  '& .filter-field': { flex: '0 0 auto' },
  '& .filter-field .MuiAutocomplete-root, & .filter-field .MuiTextField-root': { width: 200 },
} as const;

/** The list's table: bulk buttons hidden (no row ticked) are out of the tab order and of the accessibility tree. */
const tableSx = { '& .RaBulkActionsToolbar-collapsed': { visibility: 'hidden' } } as const;

const ResourceList = ({ parts }: { parts: ViewParts }) => {
  const { entry, updateInputs } = parts;
  useLiveRefresh(entry.name);
  const mayRead = useMayRead();
  const fields = useMemo(() => readableOnly(parts.listFields, mayRead), [parts.listFields, mayRead]);
  const representation = representationOf(entry.name);
  const filters = useMemo(
    () =>
      parts.filters?.filter((f) => {
        const reference = filterReference(entry, String(f.key));
        return !reference || mayRead(reference);
      }),
    [parts.filters, entry, mayRead],
  );
  // A row opens the form when the user may edit that record, its page otherwise.
  const { canAccess: mayEdit } = useCanAccess({ resource: entry.name, action: 'edit' });
  const { canAccess: mayDelete } = useCanAccess({ resource: entry.name, action: 'delete' });
  // The empty list invites to add one only with a Create button to do it with.
  const { canAccess: mayCreate } = useCanAccess({ resource: entry.name, action: 'create' });
  const bulkDelete = mayDelete && !!getMutation(`delete${entry.name}`);
  const bulkActions = partsNamed(entry.bulkActions);
  const bulkButtons =
    bulkDelete || bulkActions.length ? (
      <>
        {bulkActions}
        {bulkDelete ? <BulkDeleteButton /> : null}
      </>
    ) : null;
  const isRowSelectable = bulkActions.length ? (record: RaRecord) => mayEditRow(record) || (!!bulkDelete && mayDeleteRow(record)) : mayDeleteRow;
  const rowClick: RowClick = (_id, _resource, record) =>
    entry.rowClick !== 'show' && updateInputs && mayEdit && (record.access as { canEdit?: boolean } | undefined)?.canEdit !== false ? 'edit' : 'show';
  // The record's name is the row's keyboard stop (else the first column is).
  const linked = fields.find((f) => f.source === representation && isInline(f)) ?? fields.find(isInline);
  const columns = columnsOf(
    fields,
    linked && {
      source: linked.source,
      wrap: (element) => (
        <RowFocus resource={entry.name} rowClick={rowClick}>
          {element}
        </RowFocus>
      ),
    },
  );
  const small = useSmall();
  const secondary = useMemo(() => fields.filter((f) => isInline(f) && f.source !== representation), [fields, representation]);
  return (
    <List
      sort={entry.sort}
      filters={filters}
      sx={filterBarSx}
      actions={<ListActions parts={parts} fields={fields} />}
      empty={<ListEmpty entry={entry} hasCreate={!!parts.createInputs && !!mayCreate} />}
    >
      {small ? (
        // The record's name, then a few of its values; a tap opens it as a row click would.
        <SimpleList
          primaryText={(record) => representRecord(entry.name, record)}
          secondaryText={<SecondaryLine entry={entry} fields={secondary} />}
          rowClick={rowClick}
        />
      ) : (
        /* Only the rows the user may act on can be ticked (without other bulk actions: delete). */
        <DataTable sx={tableSx} rowClick={rowClick} bulkActionButtons={bulkButtons ?? false} isRowSelectable={isRowSelectable}>
          {columns}
          {parts.hasRowButtons ? (
            <DataTable.Col label="" disableSort>
              <RowButtons entry={entry} />
            </DataTable.Col>
          ) : null}
        </DataTable>
      )}
    </List>
  );
};

const ShowActions = ({ parts }: { parts: ViewParts }) => (
  <TopToolbar>
    <RecordActionButtons entry={parts.entry} />
    {parts.updateInputs ? <EditButton /> : null}
    {getMutation(`delete${parts.entry.name}`) ? <DeleteButton mutationMode="pessimistic" /> : null}
  </TopToolbar>
);

/** Calls the entry's open mutation once per record shown (e.g. openCustomer → recent customers). */
function useOpen(openMutation: string | undefined) {
  const record = useRecordContext();
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const queryClient = useQueryClient();
  const opened = useRef<unknown>(null);
  useEffect(() => {
    if (!openMutation || !record?.id || opened.current === record.id) return;
    opened.current = record.id;
    dataProvider
      .mutate(openMutation, { id: record.id })
      .then(() => queryClient.invalidateQueries({ queryKey: RECENT_KEY }))
      .catch(() => undefined);
  }, [openMutation, record?.id, dataProvider, queryClient]);
}

const ShowBody = ({ parts }: { parts: ViewParts }) => {
  const { entry, related } = parts;
  const translate = useTranslate();
  useOpen(entry.openMutation);
  const mayRead = useMayRead();
  const details = readableOnly(parts.details, mayRead);
  const { data: me } = useMe();
  // A tab per related resource the caller may list, per record query and per panel tab whose query the caller may run.
  const { canAccess } = useCanAccessResources({ resources: related.map((r) => r.name), action: 'list' });
  const mayQuery = (query: string) => !!me && mayRun(me, { root: 'Query', name: query });
  const panels = (entry.panels ?? []).map((name) => {
    const Panel = PANELS[name];
    return Panel ? <Panel key={name} /> : null;
  });
  if (!parts.tabbed)
    return (
      <SimpleShowLayout sx={pageSx}>
        {fieldElements(details)}
        {panels}
      </SimpleShowLayout>
    );
  const tabs: ReactElement[] = [
    <TabbedShowLayout.Tab key="details" label="ra.message.details">
      {fieldElements(details)}
      {panels}
    </TabbedShowLayout.Tab>,
    ...(entry.queries ?? [])
      .filter((q) => getQuery(q))
      .map((q) => (
        <TabbedShowLayout.Tab key={q} label={operationLabel(q, humanize(q))} path={q}>
          <RecordQuery entry={entry} query={q} />
        </TabbedShowLayout.Tab>
      )),
    ...parts.panelTabs
      .filter((t) => PANELS[t.panel] && getQuery(t.query) && mayQuery(t.query))
      .map((t) => {
        const Panel = PANELS[t.panel]!;
        return (
          <TabbedShowLayout.Tab key={t.panel} label={t.labelKey} path={t.panel}>
            <Panel />
          </TabbedShowLayout.Tab>
        );
      }),
    ...related
      .filter((r) => canAccess?.[r.name])
      .map((r) => (
        <TabbedShowLayout.Tab key={r.name} label={translate(resourceNameKey(r.name), { smart_count: 2 })} path={r.name}>
          <RelatedList parent={entry} related={r} />
        </TabbedShowLayout.Tab>
      )),
  ];
  // Tabs scroll sideways when they do not fit (a phone).
  return (
    <TabbedShowLayout sx={pageSx} tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile />}>
      {tabs}
    </TabbedShowLayout>
  );
};

const ResourceShow = ({ parts }: { parts: ViewParts }) => (
  <Show
    sx={showSx}
    actions={<ShowActions parts={parts} />}
    queryOptions={parts.entry.refreshSeconds ? { refetchInterval: parts.entry.refreshSeconds * 1000 } : undefined}
  >
    <ShowBody parts={parts} />
  </Show>
);

const ResourceCreate = ({ parts }: { parts: ViewParts }) => {
  const { name } = parts.entry;
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
      <Create redirect="list" mutationOptions={repliesWithSecret(`create${name}`) ? { onSuccess } : undefined}>
        <SimpleForm noValidate sx={{ maxWidth: 880 }}>
          {parts.createInputs}
        </SimpleForm>
      </Create>
      {created ? <SecretDialog record={created} onClose={() => redirect('show', name, created.id as string)} /> : null}
    </>
  );
};

const EditActions = ({ parts }: { parts: ViewParts }) => (
  <TopToolbar>
    <RecordActionButtons entry={parts.entry} />
    {getQuery(parts.entry.name) ? <ShowButton /> : null}
  </TopToolbar>
);

/**
 * The form, for a record the user may edit. One whose `access.canEdit` is false (opened by URL,
 * e.g. an Unorganized customer as the North supervisor) goes to its read-only page, replacing the
 * form's address in the history, or shows "Access denied" when it has none: a form there would
 * look editable and every save would be refused.
 */
const EditableOnly = ({ name, children }: { name: string; children: ReactNode }) => {
  const record = useRecordContext();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const hasShow = !!getQuery(name);
  const denied = !!record && (record.access as { canEdit?: boolean } | undefined)?.canEdit === false;
  useEffect(() => {
    if (denied && hasShow) navigate(createPath({ resource: name, id: record.id, type: 'show' }), { replace: true });
  }, [denied, hasShow, navigate, createPath, name, record?.id]);
  if (!record) return null;
  if (denied) return hasShow ? null : <AccessDenied />;
  return <>{children}</>;
};

// Pessimistic: the server's answer (field errors, CONFLICT) reaches the form before leaving it.
const ResourceEdit = ({ parts }: { parts: ViewParts }) => (
  <Edit mutationMode="pessimistic" redirect={parts.entry.rowClick === 'show' ? 'show' : 'list'} actions={<EditActions parts={parts} />}>
    <EditableOnly name={parts.entry.name}>
      <SimpleForm noValidate sx={{ maxWidth: 880 }}>
        {parts.updateInputs}
      </SimpleForm>
    </EditableOnly>
  </Edit>
);

/** The record's naming values its update mutation does not take, as read-only inputs (they name the record being edited). */
function fixedNames(details: readonly DisplayField[], updateMutation: string): ReactElement[] {
  const args = new Set(getMutation(updateMutation)?.args.map((a) => a.name));
  return details
    .filter((f) => f.rank === 'naming' && !args.has(f.source))
    .map((f) => <TextInput key={`fixed:${f.source}`} source={f.source} label={f.label} readOnly helperText={false} />);
}

/** What a registry entry shows beside its form inputs (`beside`), as elements by argument name. */
function besideOf(entry: ResourceEntry): Record<string, ReactNode> | undefined {
  if (!entry.beside) return undefined;
  return Object.fromEntries(
    Object.entries(entry.beside).map(([arg, name]) => {
      const Part = PANELS[name];
      return [arg, Part ? <Part key={arg} /> : null];
    }),
  );
}

/**
 * List, show, create and edit views of a registry entry, generated from the introspection
 * (fields, arguments, enums) and the constraints (validation, references). The parts are
 * computed here, once; the views are module-level components that receive them as props, so
 * every hook runs at the top level of a component.
 */
export function generateViews(entry: ResourceEntry) {
  const { name, labels } = entry;
  const createMutation = `create${name}`;
  const updateMutation = `update${name}`;
  const filters = listFilters(entry);
  const details = displayFields(entry, { all: true });
  // The forms list the fields in the record page's order, the edit form with the naming values
  // it cannot change (an employee's account, a customer's number) shown read-only at the top.
  const page = details.map(({ source, rank }) => ({ source, rank }));
  const beside = besideOf(entry);
  const createInputs = getMutation(createMutation) ? formInputs(createMutation, { labels, page, beside }) : undefined;
  const updateInputs = getMutation(updateMutation)
    ? [...fixedNames(details, updateMutation), ...formInputs(updateMutation, { labels, page, beside })]
    : undefined;
  const alwaysOn = new Set(['q', ...(entry.alwaysOnFilters ?? [])]);
  const parts: ViewParts = {
    entry,
    listFields: displayFields(entry),
    filters,
    optionalFilters: (filters ?? []).some((f) => !alwaysOn.has(String(f.key))),
    details,
    createInputs,
    updateInputs,
    hasRowButtons: !!(updateInputs || getMutation(`delete${name}`)),
    tabbed: !!(entry.related?.length || entry.queries?.length || entry.tabs?.length),
    related: (entry.related ?? []).map((r) => findResource(r)).filter((r): r is ResourceEntry => !!r),
    panelTabs: (entry.tabs ?? []).map((t) => ({ ...t, labelKey: operationLabel(t.query, t.label) })),
  };
  return {
    list: <ResourceList parts={parts} />,
    show: getQuery(name) ? <ResourceShow parts={parts} /> : undefined,
    create: createInputs ? <ResourceCreate parts={parts} /> : undefined,
    edit: updateInputs ? <ResourceEdit parts={parts} /> : undefined,
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
