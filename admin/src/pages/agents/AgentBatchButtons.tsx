import { useMemo, useState, type ComponentType } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import TuneIcon from '@mui/icons-material/Tune';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import SyncIcon from '@mui/icons-material/Sync';
import {
  Button as RaButton,
  Confirm,
  Form,
  NumberInput,
  ResourceContextProvider,
  SaveButton,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  type DataProvider,
  type Identifier,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { formInputs } from '../../generator/inputs';
import { representRecord } from '../../generator/representation';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { useMe } from '../../providers/me';
import { mayRun } from '../../providers/permissions';
import { argConstraints, validatorsFor } from '../../schema/constraints';
import { getMutation } from '../../schema/introspection';
import { operationDescriptionLabel } from '../../i18n/generated';
import { ACTION_TEXT } from '../../resources/wording';
import { AgentBatchReportView, type AgentBatchReport } from './AgentBatchReportView';

const RESOURCE = 'Agent';

/** A batch over agents: a mutation taking `selection` and `dryRun` and answering an AgentBatchReport. Its texts are translation keys. */
interface Batch {
  mutation: string;
  /** The dialog's title, and the confirmation's question. */
  title: string;
  question: string;
  /** Its button on the ticked rows (and, with `rangeLabel`, in the list's toolbar for an agent-id range). */
  label: string;
  rangeLabel?: string;
  icon: ComponentType;
  labels?: Record<string, string>;
}

export const BATCHES = {
  configure: {
    mutation: 'configureAgents',
    title: 'app.agents.batch.configure_title',
    question: 'app.agents.batch.configure_question',
    label: 'app.agents.batch.configure',
    rangeLabel: 'app.agents.batch.configure_range',
    icon: TuneIcon,
  },
  reset: {
    mutation: 'batchResetAgentParameters',
    title: 'app.agents.batch.reset_title',
    question: 'app.agents.batch.reset_question',
    label: 'app.agents.batch.reset',
    icon: RestartAltIcon,
    labels: { names: 'Parameters (none: all of them)' },
  },
  sync: {
    mutation: 'batchSyncAgentParameters',
    title: 'app.agents.batch.sync_title',
    question: 'app.agents.batch.sync_question',
    label: 'app.agents.batch.sync',
    icon: SyncIcon,
  },
} satisfies Record<string, Batch>;

/** A batch's form: its arguments besides the selection and the dry run. */
export const batchInputs = (batch: Batch) => formInputs(batch.mutation, { exclude: ['selection', 'dryRun'], labels: batch.labels });

const isGiven = (v: unknown) => v != null && v !== '' && !(Array.isArray(v) && !v.length);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The request of the form's values: the selection (the ticked rows, or the range), and only what
 * was given: a change left at "Keep" (or a list never filled) is not sent, so each agent keeps it.
 */
function requestOf(values: Record<string, unknown>, ids: readonly Identifier[] | undefined) {
  const { selection: range, ...rest } = values;
  const bounds = (range ?? {}) as Record<string, unknown>;
  const selection = ids ? { agentIds: ids.map(String) } : { fromAgentId: bounds.fromAgentId ?? null, toAgentId: bounds.toAgentId ?? null };
  const given = Object.entries(rest)
    .map(([k, v]) => [k, isObject(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => isGiven(x))) : v] as const)
    .filter(([, v]) => isGiven(v));
  return { selection, ...Object.fromEntries(given) };
}

type Request = ReturnType<typeof requestOf>;

/** Preview and Apply: Apply only for the form as it was previewed (`previewed`, null when nothing would be applied). */
const Actions = ({
  ids,
  previewed,
  busy,
  onClose,
  onApply,
}: {
  ids?: readonly Identifier[];
  previewed: string | null;
  busy: boolean;
  onClose: () => void;
  onApply: () => void;
}) => {
  const values = useWatch() as Record<string, unknown>;
  const translate = useTranslate();
  return (
    <DialogActions>
      <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      <SaveButton label="app.agents.batch.preview" icon={<span />} variant="outlined" alwaysEnable disabled={busy} />
      <Button variant="contained" disabled={busy || previewed !== JSON.stringify(requestOf(values, ids))} onClick={onApply}>
        {translate('app.agents.batch.apply')}
      </Button>
    </DialogActions>
  );
};

const RANGE = argConstraints('configureAgents', 'selection').fields ?? {};

/**
 * A batch over the selected agents, or those of an agent-id range (SPEC §5): its other arguments
 * generated as a form; "Preview" runs it with dryRun and shows the per-agent report; "Apply",
 * after a confirmation, runs it for real and shows what it did.
 */
const AgentBatchDialog = ({ batch, ids, names, onClose }: { batch: Batch; ids?: readonly Identifier[]; names?: string[]; onClose: () => void }) => {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [report, setReport] = useState<AgentBatchReport | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [pending, setPending] = useState<Request | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useMemo(() => batchInputs(batch), [batch]);
  const title = translate(batch.title);
  const described = ACTION_TEXT[batch.mutation];

  const run = async (request: Request, dryRun: boolean) => {
    setBusy(true);
    try {
      const result = await dataProvider.mutate<AgentBatchReport>(batch.mutation, { ...request, dryRun }, { depth: 3 });
      setReport(result);
      setPreviewed(dryRun ? JSON.stringify(request) : null);
      if (!dryRun) {
        notify('app.agents.batch.done', { type: 'success', messageArgs: { title, smart_count: result.applied } });
        refresh();
      }
      return undefined;
    } catch (error) {
      setReport(null);
      setPreviewed(null);
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'app.agents.batch.failed', { type: 'error', messageArgs: { title } });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const count = ids?.length ?? 0;
  const applied = report?.applied ?? 0;
  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="agent-batch-title" maxWidth="md" fullWidth>
      <ResourceContextProvider value={RESOURCE}>
        <Form onSubmit={((values: Record<string, unknown>) => run(requestOf(values, ids), true)) as never} noValidate>
          <DialogTitle id="agent-batch-title">{title}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 1 }}>{described ? translate(operationDescriptionLabel(batch.mutation, described)) : null}</DialogContentText>
            {ids ? (
              <DialogContentText sx={{ mb: 1 }} data-testid="batch-selection">
                {translate('app.agents.batch.selected', { smart_count: count })}
                {names?.length
                  ? `: ${names.slice(0, 10).join(translate('app.list_separator'))}${count > 10 ? translate('app.bulk_delete.and_more', { smart_count: count - 10 }) : ''}`
                  : ''}
              </DialogContentText>
            ) : (
              <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                <NumberInput
                  source="selection.fromAgentId"
                  label="app.agents.batch.from_agent_id"
                  step={1}
                  validate={validatorsFor(RANGE.fromAgentId ?? {}, { nonNull: true })}
                />
                <NumberInput
                  source="selection.toAgentId"
                  label="app.agents.batch.to_agent_id"
                  step={1}
                  validate={validatorsFor(RANGE.toAgentId ?? {}, { nonNull: true })}
                />
              </Box>
            )}
            {inputs}
            {report ? <AgentBatchReportView report={report} /> : null}
          </DialogContent>
          <Actions
            ids={ids}
            previewed={applied ? previewed : null}
            busy={busy}
            onClose={onClose}
            onApply={() => setPending(previewed ? JSON.parse(previewed) : null)}
          />
        </Form>
      </ResourceContextProvider>
      <Confirm
        isOpen={!!pending}
        loading={busy}
        title={batch.question}
        content="app.agents.batch.confirm"
        contentTranslateOptions={{ smart_count: applied }}
        onConfirm={async () => {
          const request = pending!;
          setPending(null);
          await run(request, false);
        }}
        onClose={() => setPending(null)}
      />
    </Dialog>
  );
};

/** Whether the signed-in principal may run a batch (its published access). */
function useMayRun(batch: Batch): boolean {
  const { data: me } = useMe();
  return !!me && !!getMutation(batch.mutation) && mayRun(me, { root: 'Mutation', name: batch.mutation });
}

/** A list toolbar's button: the batch over an agent-id range. */
const RangeButton = ({ batch }: { batch: Batch }) => {
  const [open, setOpen] = useState(false);
  const Icon = batch.icon;
  if (!useMayRun(batch)) return null;
  return (
    <>
      <RaButton label={batch.rangeLabel ?? batch.label} onClick={() => setOpen(true)}>
        <Icon />
      </RaButton>
      {open ? <AgentBatchDialog batch={batch} onClose={() => setOpen(false)} /> : null}
    </>
  );
};

/** The ticked rows' button: the batch over those agents. */
const SelectionButton = ({ batch }: { batch: Batch }) => {
  const { selectedIds, data } = useListContext();
  const [open, setOpen] = useState(false);
  const Icon = batch.icon;
  if (!useMayRun(batch)) return null;
  const byId = new Map((data ?? []).map((r) => [r.id, r]));
  return (
    <>
      <RaButton label={batch.label} onClick={() => setOpen(true)} disabled={!selectedIds.length}>
        <Icon />
      </RaButton>
      {open ? (
        <AgentBatchDialog
          batch={batch}
          ids={selectedIds}
          names={selectedIds.map((id) => representRecord(RESOURCE, byId.get(id)) || String(id))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
};

export const ConfigureAgentRangeButton = () => <RangeButton batch={BATCHES.configure} />;
export const ConfigureSelectedAgentsButton = () => <SelectionButton batch={BATCHES.configure} />;
export const ResetSelectedParametersButton = () => <SelectionButton batch={BATCHES.reset} />;
export const SyncSelectedParametersButton = () => <SelectionButton batch={BATCHES.sync} />;
