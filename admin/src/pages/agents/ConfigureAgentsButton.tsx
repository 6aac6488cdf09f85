import { useMemo, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import TuneIcon from '@mui/icons-material/Tune';
import {
  Button as RaButton,
  Confirm,
  Form,
  NumberInput,
  ResourceContextProvider,
  SaveButton,
  useCanAccess,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  type DataProvider,
  type Identifier,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { formInputs } from '../../generator/inputs';
import { representRecord } from '../../generator/representation';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { argConstraints, validatorsFor } from '../../schema/constraints';
import { getMutation } from '../../schema/introspection';
import { AgentBatchReportView, type AgentBatchReport } from './AgentBatchReportView';

const MUTATION = 'configureAgents';
const RESOURCE = 'Agent';

/** The request of the form's values: the selection (the ticked rows, or the range), and only the changes given. */
function requestOf(values: Record<string, unknown>, ids: readonly Identifier[] | undefined) {
  const range = (values.selection ?? {}) as Record<string, unknown>;
  const selection = ids ? { agentIds: ids.map(String) } : { fromAgentId: range.fromAgentId ?? null, toAgentId: range.toAgentId ?? null };
  // Left at "Keep" (or a list never filled): not sent, so each agent keeps its value.
  const changes = Object.fromEntries(
    Object.entries((values.changes ?? {}) as Record<string, unknown>).filter(([, v]) => v != null && v !== '' && !(Array.isArray(v) && !v.length)),
  );
  return { selection, changes };
}

/** Preview and Apply: Apply only once the form as it is now was previewed. */
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
  const current = JSON.stringify(requestOf(values, ids));
  return (
    <DialogActions>
      <Button onClick={onClose}>Close</Button>
      <SaveButton label="Preview" icon={<span />} variant="outlined" alwaysEnable disabled={busy} />
      <Button variant="contained" disabled={busy || previewed !== current} onClick={onApply}>
        Apply
      </Button>
    </DialogActions>
  );
};

const RANGE = argConstraints(MUTATION, 'selection').fields ?? {};

/**
 * The batch configuration (SPEC §5): the same changes for the selected agents, or those of an
 * agent-id range. "Preview" runs configureAgents with dryRun and shows the per-agent report;
 * "Apply", after a confirmation, runs it for real and shows what it did.
 */
const ConfigureAgentsDialog = ({ ids, names, onClose }: { ids?: readonly Identifier[]; names?: string[]; onClose: () => void }) => {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [report, setReport] = useState<AgentBatchReport | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [pending, setPending] = useState<ReturnType<typeof requestOf> | null>(null);
  const [busy, setBusy] = useState(false);
  const changes = useMemo(() => formInputs(MUTATION, { exclude: ['selection', 'dryRun'] }), []);

  const run = async (request: ReturnType<typeof requestOf>, dryRun: boolean) => {
    setBusy(true);
    try {
      const result = await dataProvider.mutate<AgentBatchReport>(MUTATION, { ...request, dryRun }, { depth: 3 });
      setReport(result);
      setPreviewed(dryRun ? JSON.stringify(request) : null);
      if (!dryRun) {
        notify(`Batch configuration applied to ${result.applied} ${result.applied === 1 ? 'agent' : 'agents'}`, { type: 'success' });
        refresh();
      }
      return undefined;
    } catch (error) {
      setReport(null);
      setPreviewed(null);
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'The batch configuration failed', { type: 'error' });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const count = ids?.length ?? 0;
  return (
    <Dialog open onClose={busy ? undefined : onClose} aria-labelledby="configure-agents-title" maxWidth="md" fullWidth>
      <ResourceContextProvider value={RESOURCE}>
        <Form onSubmit={((values: Record<string, unknown>) => run(requestOf(values, ids), true)) as never} noValidate>
          <DialogTitle id="configure-agents-title">Batch configuration</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 1 }}>{getMutation(MUTATION)?.description}</DialogContentText>
            {ids ? (
              <DialogContentText sx={{ mb: 1 }} data-testid="batch-selection">
                {count === 1 ? '1 selected agent' : `${count} selected agents`}
                {names?.length ? `: ${names.slice(0, 10).join(', ')}${count > 10 ? `, and ${count - 10} more` : ''}` : ''}
              </DialogContentText>
            ) : (
              <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                <NumberInput
                  source="selection.fromAgentId"
                  label="From agent ID"
                  step={1}
                  validate={validatorsFor(RANGE.fromAgentId ?? {}, { nonNull: true })}
                />
                <NumberInput source="selection.toAgentId" label="To agent ID" step={1} validate={validatorsFor(RANGE.toAgentId ?? {}, { nonNull: true })} />
              </Box>
            )}
            {changes}
            {report ? <AgentBatchReportView report={report} /> : null}
          </DialogContent>
          <Actions
            ids={ids}
            previewed={report?.applied ? previewed : null}
            busy={busy}
            onClose={onClose}
            onApply={() => setPending(previewed ? JSON.parse(previewed) : null)}
          />
        </Form>
      </ResourceContextProvider>
      <Confirm
        isOpen={!!pending}
        loading={busy}
        title="Apply the batch configuration?"
        content={`The previewed changes are written to ${report?.applied ?? 0} ${report?.applied === 1 ? 'agent' : 'agents'}, each with updateAgent's rules; the others are left as they are.`}
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

/** The list toolbar's button: the batch configuration of an agent-id range. */
export const ConfigureAgentRangeButton = () => {
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: RESOURCE, action: 'edit' });
  if (!canAccess || !getMutation(MUTATION)) return null;
  return (
    <>
      <RaButton label="Batch configure" onClick={() => setOpen(true)}>
        <TuneIcon />
      </RaButton>
      {open ? <ConfigureAgentsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
};

/** The selected rows' button: the batch configuration of those agents. */
export const ConfigureSelectedAgentsButton = () => {
  const { selectedIds, data } = useListContext();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: RESOURCE, action: 'edit' });
  if (!canAccess || !getMutation(MUTATION)) return null;
  const byId = new Map((data ?? []).map((r) => [r.id, r]));
  return (
    <>
      <RaButton label="Configure" onClick={() => setOpen(true)} disabled={!selectedIds.length}>
        <TuneIcon />
      </RaButton>
      {open ? (
        <ConfigureAgentsDialog
          ids={selectedIds}
          names={selectedIds.map((id) => representRecord(RESOURCE, byId.get(id)) || String(id))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
};
