import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import SyncIcon from '@mui/icons-material/Sync';
import { Loading, useDataProvider, useNotify, type DataProvider } from 'react-admin';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { humanize } from '../../schema/humanize';
import { enumDescription } from '../../schema/introspection';
import type { Effective } from './myAgent';

interface Parameter {
  name: string;
  value: string;
  defaultValue: string;
  isDefault: boolean;
  syncState: 'SAVED' | 'SYNCED';
  effective: Effective<string>;
}

interface Parameters {
  id: string;
  agentId: number;
  parameters: Parameter[];
}

const EMPTY = '—';
const shown = (v: string) => (v === '' ? EMPTY : v);
/** The parameter names read as words, with the schema's spelling of WebRTC and OpenEye kept. */
const labelOf = (name: string) =>
  humanize(name)
    .replace(/^Webrtc/, 'WebRTC')
    .replace(/^Open eye/, 'OpenEye');

const parametersKey = (agentId: string) => ['agentParameters', agentId];

/** Edits one parameter's value; the server's refusal shows under the input. */
const EditDialog = ({ parameter, onSave, onClose }: { parameter: Parameter; onSave: (value: string) => Promise<string | undefined>; onClose: () => void }) => {
  const [value, setValue] = useState(parameter.value);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const label = labelOf(parameter.name);
  const save = async () => {
    setBusy(true);
    setError(await onSave(value));
    setBusy(false);
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="parameter-dialog-title" maxWidth="xs" fullWidth>
      <Box
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle id="parameter-dialog-title">Edit {label.toLowerCase()}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{enumDescription('AgentParameterName', parameter.name)}</DialogContentText>
          <TextField
            autoFocus
            fullWidth
            label={label}
            name="value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={!!error}
            helperText={error ?? `Default: ${shown(parameter.defaultValue)}`}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Save
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
};

/**
 * An agent's parameters (SPEC §5): value, effective value and its source, default and sync state,
 * with edit and reset per parameter, reset of the selected ones, and a sync of every saved one.
 */
export const AgentParametersTable = ({ agentId }: { agentId: string }) => {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<Parameter | null>(null);
  const [synced, setSynced] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, isPending, error } = useQuery({
    queryKey: parametersKey(agentId),
    queryFn: () => dataProvider.query<Parameters>('agentParameters', { agentId }, { depth: 3 }),
  });
  const keep = (next: Parameters) => queryClient.setQueryData(parametersKey(agentId), next);

  const run = async (mutation: string, values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const result = await dataProvider.mutate<Parameters & { message?: string | null }>(mutation, { agentId, ...values }, { depth: 3 });
      keep(result);
      return result;
    } catch (e) {
      notify(e instanceof Error ? e.message : 'The request failed', { type: 'error' });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const save = async (value: string): Promise<string | undefined> => {
    try {
      keep(await dataProvider.mutate<Parameters>('updateAgentParameter', { agentId, name: editing!.name, value }, { depth: 3 }));
      notify(`${labelOf(editing!.name)} saved: sync to apply it`, { type: 'success' });
      setEditing(null);
      return undefined;
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) return Object.values(fields)[0];
      return e instanceof Error ? e.message : 'The value could not be saved';
    }
  };

  const reset = async (names: string[]) => {
    if (await run('resetAgentParameters', { names })) {
      setSelected([]);
      notify(names.length === 1 ? `${labelOf(names[0]!)} reset to its default` : `${names.length} parameters reset to their defaults`, { type: 'success' });
    }
  };

  const sync = async () => {
    const result = await run('syncAgentParameters', {});
    if (result) setSynced(result.message ?? 'Nothing to synchronize: every parameter is synchronized');
  };

  if (isPending) return <Loading />;
  if (error || !data) return <Alert severity="error">{error instanceof Error ? error.message : 'The parameters could not be read'}</Alert>;
  const rows = data.parameters;
  const saved = rows.filter((p) => p.syncState === 'SAVED').length;
  const toggle = (name: string) => setSelected((s) => (s.includes(name) ? s.filter((n) => n !== name) : [...s, name]));
  const all = selected.length === rows.length;

  return (
    <Box>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Button size="small" variant="outlined" startIcon={<RestartAltIcon />} disabled={busy || !selected.length} onClick={() => reset(selected)}>
          Reset selected{selected.length ? ` (${selected.length})` : ''}
        </Button>
        <Button size="small" variant="outlined" startIcon={<SyncIcon />} disabled={busy || !saved} onClick={sync}>
          Sync{saved ? ` (${saved} saved)` : ''}
        </Button>
      </Stack>
      {synced ? (
        <Alert severity="info" onClose={() => setSynced(null)} sx={{ mb: 1 }} data-testid="parameters-sync-message">
          {synced}
        </Alert>
      ) : null}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Agent parameters">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={all}
                  indeterminate={!!selected.length && !all}
                  onChange={() => setSelected(all ? [] : rows.map((p) => p.name))}
                  slotProps={{ input: { 'aria-label': 'Select every parameter' } }}
                />
              </TableCell>
              <TableCell>Parameter</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Effective value</TableCell>
              <TableCell>Default</TableCell>
              <TableCell>State</TableCell>
              <TableCell>
                <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                  Actions
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((p) => {
              const label = labelOf(p.name);
              return (
                <TableRow key={p.name} data-parameter={p.name}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.includes(p.name)}
                      onChange={() => toggle(p.name)}
                      slotProps={{ input: { 'aria-label': `Select ${label.toLowerCase()}` } }}
                    />
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2">{label}</Typography>
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }} data-testid={`parameter-value-${p.name}`}>
                    {shown(p.value)}
                  </TableCell>
                  <TableCell>
                    <Box component="span" sx={{ fontFamily: 'monospace' }}>
                      {shown(p.effective.value)}
                    </Box>{' '}
                    <Chip size="small" variant="outlined" label={p.effective.source} title={`From the ${p.effective.source.toLowerCase()} level`} />
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{shown(p.defaultValue)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={humanize(p.syncState)}
                      color={p.syncState === 'SAVED' ? 'warning' : 'success'}
                      variant={p.syncState === 'SAVED' ? 'filled' : 'outlined'}
                      data-testid={`parameter-state-${p.name}`}
                    />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title="Edit">
                      <IconButton size="small" aria-label={`Edit ${label.toLowerCase()}`} onClick={() => setEditing(p)} disabled={busy}>
                        <EditIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title="Reset to the default">
                      <span>
                        <IconButton size="small" aria-label={`Reset ${label.toLowerCase()}`} onClick={() => reset([p.name])} disabled={busy || p.isDefault}>
                          <RestartAltIcon fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {editing ? <EditDialog parameter={editing} onSave={save} onClose={() => setEditing(null)} /> : null}
    </Box>
  );
};
