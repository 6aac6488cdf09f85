import { cloneElement, useMemo, useState, type ComponentType } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import {
  DataTable,
  DeleteButton,
  EditButton,
  Form,
  Labeled,
  Pagination,
  ReferenceManyField,
  useCanAccess,
  useDataProvider,
  useRecordContext,
  useRefresh,
  useTranslate,
  type DataProvider,
} from 'react-admin';
import { operationConfirmLabel, operationDescriptionLabel, operationLabel, resourceNameKey } from '../i18n/generated';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fieldErrorsOf } from '../providers/errors';
import type { OperationsProvider } from '../providers/dataProvider';
import { useMe } from '../providers/me';
import { DIALOGS, type RecordDialogProps } from '../pages/panels';
import { mayRun } from '../providers/permissions';
import { findResource, type AnyRecord, type ResourceEntry } from '../resources/registry';
import { ACTION_TEXT, QUERY_TEXT, helpFor } from '../resources/wording';
import { argConstraints, queryArgConstraints } from '../schema/constraints';
import { filterTypeOf, getMutation, getObjectType, getQuery, typeInfo } from '../schema/introspection';
import { displayFields, listColumns } from './columns';
import { MutationButton } from './dialogs';
import { ObjectListField } from './fields';
import { inputFor } from './inputs';
import { readableOnly, useMayRead } from './readable';
import { argReference, referenceOf } from './references';

/**
 * The argument of a mutation (or, with `root` Query, of a query) that names a record of
 * `typeName`: `id`, or the argument the server declares as referring to it (`activityId`, `customerId`).
 */
export function recordArgOf(
  args: readonly { name: string }[],
  typeName: string,
  operation: string,
  root: 'Mutation' | 'Query' = 'Mutation',
): string | undefined {
  if (args.some((a) => a.name === 'id')) return 'id';
  return args.find((a) => argReference(operation, a.name, root)?.resource === typeName)?.name;
}

/** A record action with a dialog of its own (`dialog`): the button opens it on the current record; done, the page reloads. */
const RecordDialogButton = ({ label, icon: Icon, dialog: Dialog }: { label: string; icon?: ComponentType; dialog: ComponentType<RecordDialogProps> }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <Button size="small" startIcon={Icon ? <Icon /> : undefined} onClick={() => setOpen(true)}>
        {translate(label)}
      </Button>
      {open ? (
        <Dialog
          record={record}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            refresh();
          }}
        />
      ) : null}
    </>
  );
};

/** The registry's record actions (rotate, revoke, add comment, move...) the caller may run on the current record. */
export const RecordActionButtons = ({ entry }: { entry: ResourceEntry }) => {
  const record = useRecordContext();
  const { data: me } = useMe();
  if (!record || !me || !entry.actions?.length) return null;
  const access = record.access as { canEdit?: boolean } | undefined;
  return (
    <>
      {entry.actions.map((action) => {
        const mutation = getMutation(action.mutation);
        if (!mutation || action.hiddenFor?.(record)) return null;
        if (access?.canEdit === false || !mayRun(me, { root: 'Mutation', name: action.mutation })) return null;
        const Dialog = action.dialog ? DIALOGS[action.dialog] : undefined;
        if (Dialog)
          return <RecordDialogButton key={action.mutation} label={operationLabel(action.mutation, action.label)} icon={action.icon} dialog={Dialog} />;
        const recordArg = recordArgOf(mutation.args, entry.name, action.mutation);
        const fixed: AnyRecord = recordArg ? { [recordArg]: record.id } : {};
        if (mutation.args.some((a) => a.name === 'version') && record.version != null) fixed.version = record.version;
        return (
          <MutationButton
            key={action.mutation}
            resource={entry.name}
            mutation={action.mutation}
            label={operationLabel(action.mutation, action.label)}
            fixed={fixed}
            icon={action.icon}
            confirm={action.confirm ? operationConfirmLabel(action.mutation, ACTION_TEXT[action.mutation] ?? `${action.label}?`) : undefined}
          />
        );
      })}
    </>
  );
};

/** Edit and delete of one list row, each shown only when the record's `access` (and the permission) allows it. */
export const RowButtons = ({ entry }: { entry: ResourceEntry }) => (
  <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end' }}>
    {getMutation(`update${entry.name}`) ? <EditButton /> : null}
    {getMutation(`delete${entry.name}`) ? <DeleteButton mutationMode="pessimistic" redirect={false} /> : null}
  </Stack>
);

/** The filter field of `related` that points at a record of `parent` (customerId, requestId, ...). */
export function relatedTarget(parent: string, related: string): string | undefined {
  const filter = filterTypeOf(related);
  return filter?.inputFields.find((f) => referenceOf(filter.name, f) === parent)?.name;
}

/**
 * Values a new related record takes from its parent: the target (`customerId` = the customer),
 * and the other references of the create mutation the parent has too (a request's activity
 * gets the request's customer): arguments the server declares as referring to a record.
 */
function createDefaults(related: string, target: string, parent: AnyRecord): AnyRecord {
  const mutation = `create${related}`;
  const fixed: AnyRecord = { [target]: parent.id };
  for (const arg of getMutation(mutation)?.args ?? []) {
    const single = !typeInfo(arg.type).list && !!argConstraints(mutation, arg.name).reference;
    if (arg.name !== target && single && parent[arg.name] != null) fixed[arg.name] = parent[arg.name];
  }
  return fixed;
}

/**
 * The records of another resource that point at the current record (a customer's requests, a
 * request's activities): a table generated like the resource's list, rows expanding to their
 * own details, actions and related records; "Add" creates one in a dialog.
 */
export const RelatedList = ({ parent, related }: { parent: ResourceEntry; related: ResourceEntry }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const target = relatedTarget(parent.name, related.name);
  const list = useCanAccess({ resource: related.name, action: 'list' });
  const create = useCanAccess({ resource: related.name, action: 'create' });
  const mayRead = useMayRead();
  const columns = useMemo(() => listColumns(related, mayRead).filter((c) => c.key !== target), [related, target, mayRead]);
  const fixed = useMemo(() => (record && target ? createDefaults(related.name, target, record) : {}), [record, related.name, target]);
  if (!record || !target || !list.canAccess) return null;
  return (
    <Box sx={{ width: '100%' }} data-related={related.name}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 0.5 }}>
        <Typography variant="subtitle1">{translate(resourceNameKey(related.name), { smart_count: 2 })}</Typography>
        {create.canAccess && getMutation(`create${related.name}`) ? (
          <MutationButton
            resource={related.name}
            mutation={`create${related.name}`}
            label={translate('app.related.add', { item: translate(resourceNameKey(related.name), { smart_count: 1 }).toLowerCase() })}
            fixed={fixed}
            variant="outlined"
          />
        ) : null}
      </Stack>
      <ReferenceManyField reference={related.name} target={target} sort={related.sort} perPage={10} pagination={<Pagination rowsPerPageOptions={[10]} />}>
        <DataTable
          bulkActionButtons={false}
          rowClick={false}
          expand={<RecordPanel entry={related} />}
          empty={
            <Typography variant="body2" color="text.secondary">
              {translate('app.related.none_yet')}
            </Typography>
          }
        >
          {columns}
          <DataTable.Col label="" disableSort>
            <RowButtons entry={related} />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
};

/**
 * What a list row does not show of its record: long and nested values (comments, JSON fields,
 * descriptions), the record's actions and its own related records.
 */
export const RecordPanel = ({ entry }: { entry: ResourceEntry }) => {
  const mayRead = useMayRead();
  const inList = useMemo(() => new Set(displayFields(entry).map((f) => f.source)), [entry]);
  const extra = useMemo(
    () => readableOnly(displayFields(entry, { all: true }), mayRead).filter((f) => !inList.has(f.source) && !['createdAt', 'updatedAt'].includes(f.source)),
    [entry, inList, mayRead],
  );
  return (
    <Stack spacing={1} sx={{ py: 1, pl: 1 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3 }}>
        {extra.map((f) => (
          <Labeled key={f.source} label={f.label}>
            {cloneElement(f.element, { label: f.label })}
          </Labeled>
        ))}
      </Box>
      <Stack direction="row" spacing={1}>
        <RecordActionButtons entry={entry} />
      </Stack>
      {(entry.related ?? []).map((name) => {
        const related = findResource(name);
        return related ? <RelatedList key={name} parent={entry} related={related} /> : null;
      })}
    </Stack>
  );
};

/** The inputs of a record query's other arguments (time bounds), labelled as the resource's fields. */
export function queryInputs(entry: ResourceEntry, query: string) {
  const field = getQuery(query)!;
  const recordArg = recordArgOf(field.args, entry.name, query, 'Query');
  return field.args.filter((a) => a.name !== recordArg).map((a) => inputFor(query, a, { resource: entry.name, helperText: helpFor(query, a.name) }));
}

/**
 * A query about the current record (e.g. a customer's contact history): its other arguments
 * (time bounds) as inputs generated by type, its answer as a table of the result type.
 */
export const RecordQuery = ({ entry, query }: { entry: ResourceEntry; query: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const field = getQuery(query)!;
  const recordArg = recordArgOf(field.args, entry.name, query, 'Query');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const itemType = typeInfo(field.type).name;
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const options = (v: Record<string, unknown>) => ({
    queryKey: ['record-query', query, record?.id, v],
    queryFn: () => dataProvider.query<AnyRecord[]>(query, { ...v, [recordArg!]: record!.id }),
  });
  const { data, isPending, error } = useQuery({ ...options(values), enabled: !!record?.id && !!recordArg });
  const inputs = queryInputs(entry, query);
  // How far back the query reaches, when an argument's earliest value is a tenant parameter's days (the contact history's span).
  const spanParameter = field.args.map((a) => queryArgConstraints(query, a.name).spanDays).find(Boolean);
  const spanDays = spanParameter ? (me?.tenant as Record<string, unknown> | undefined)?.[spanParameter] : undefined;
  // The period is asked of the server first: its field errors (From after To) land under the inputs, not as an empty list.
  const submit = async (v: Record<string, unknown>) => {
    const chosen = Object.fromEntries(Object.entries(v).filter(([, x]) => x != null && x !== ''));
    try {
      await queryClient.fetchQuery(options(chosen));
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) return fields;
    }
    setValues(chosen);
    return undefined;
  };
  if (!record || !recordArg) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }} data-query={query}>
      {QUERY_TEXT[query] ? (
        <Typography variant="body2" color="text.secondary">
          {translate(operationDescriptionLabel(query, QUERY_TEXT[query]))}
        </Typography>
      ) : null}
      {typeof spanDays === 'number' ? (
        <Typography variant="body2" color="text.secondary" data-span>
          {translate('app.query.span', { smart_count: spanDays })}
        </Typography>
      ) : null}
      {inputs.length ? (
        <Form onSubmit={submit as never} noValidate>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            {inputs}
            <Button type="submit" variant="outlined">
              {translate('ra.action.show')}
            </Button>
          </Stack>
        </Form>
      ) : null}
      {error ? (
        <Typography color="error" variant="body2">
          {translate((error as Error).message)}
        </Typography>
      ) : isPending ? null : (
        <ObjectListField rows={data ?? []} itemType={getObjectType(itemType).name} parentType={entry.name} emptyText="app.query.none_in_period" />
      )}
    </Stack>
  );
};
