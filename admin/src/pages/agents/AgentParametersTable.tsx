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
  MenuItem,
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
import { Loading, useDataProvider, useNotify, useTranslate, type DataProvider } from 'react-admin';
import { enumLabel, helpLabel } from '../../i18n/generated';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { enumDescription } from '../../schema/introspection';
import type { Effective } from './myAgent';

interface Parameter {
  name: string;
  value: string;
  defaultValue: string;
  /** The values it takes when they are a closed set (a select), else none (a text). */
  choices: string[];
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
/** A parameter's name as words (a translation key; humanize keeps WebRTC and OpenEye spelled their way). */
const labelOf = (name: string) => enumLabel('AgentParameterName', name);

const parametersKey = (agentId: string) => ['agentParameters', agentId];

/** Edits one parameter's value; the server's refusal shows under the input. */
const EditDialog = ({ parameter, onSave, onClose }: { parameter: Parameter; onSave: (value: string) => Promise<string | undefined>; onClose: () => void }) => {
  const [value, setValue] = useState(parameter.value);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const translate = useTranslate();
  const label = translate(labelOf(parameter.name));
  const description = enumDescription('AgentParameterName', parameter.name);
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
        <DialogTitle id="parameter-dialog-title">{translate('app.agents.parameters.edit_named', { name: label.toLowerCase() })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{description ? translate(helpLabel('AgentParameterName', parameter.name, description)) : null}</DialogContentText>
          <TextField
            autoFocus
            fullWidth
            select={parameter.choices.length > 0}
            label={label}
            name="value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={!!error}
            helperText={error ?? translate('app.agents.parameters.default_is', { value: shown(parameter.defaultValue) })}
          >
            {parameter.choices.map((choice) => (
              <MenuItem key={choice} value={choice}>
                {choice}
              </MenuItem>
            ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {translate('ra.action.save')}
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
  const translate = useTranslate();
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
      notify(e instanceof Error ? e.message : 'app.request_failed', { type: 'error' });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const save = async (value: string): Promise<string | undefined> => {
    try {
      keep(await dataProvider.mutate<Parameters>('updateAgentParameter', { agentId, name: editing!.name, value }, { depth: 3 }));
      notify('app.agents.parameters.saved', { type: 'success', messageArgs: { name: translate(labelOf(editing!.name)) } });
      setEditing(null);
      return undefined;
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields) return Object.values(fields)[0];
      return e instanceof Error ? e.message : translate('app.agents.parameters.save_failed');
    }
  };

  const reset = async (names: string[]) => {
    if (await run('resetAgentParameters', { names })) {
      setSelected([]);
      if (names.length === 1) notify('app.agents.parameters.reset_one', { type: 'success', messageArgs: { name: translate(labelOf(names[0]!)) } });
      else notify('app.agents.parameters.reset_many', { type: 'success', messageArgs: { smart_count: names.length } });
    }
  };

  const sync = async () => {
    const result = await run('syncAgentParameters', {});
    // The server's message as it sends it.
    if (result) setSynced(result.message ?? translate('app.agents.parameters.nothing_to_sync'));
  };

  if (isPending) return <Loading />;
  if (error || !data) return <Alert severity="error">{error instanceof Error ? error.message : translate('app.agents.parameters.read_failed')}</Alert>;
  const rows = data.parameters;
  const saved = rows.filter((p) => p.syncState === 'SAVED').length;
  const toggle = (name: string) => setSelected((s) => (s.includes(name) ? s.filter((n) => n !== name) : [...s, name]));
  const all = selected.length === rows.length;

  return (
    <Box>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Button size="small" variant="outlined" startIcon={<RestartAltIcon />} disabled={busy || !selected.length} onClick={() => reset(selected)}>
          {translate('app.agents.parameters.reset_selected')}
          {selected.length ? ` (${selected.length})` : ''}
        </Button>
        <Button size="small" variant="outlined" startIcon={<SyncIcon />} disabled={busy || !saved} onClick={sync}>
          {translate('app.agents.parameters.sync')}
          {saved ? ` (${translate('app.agents.parameters.saved_count', { count: saved })})` : ''}
        </Button>
      </Stack>
      {synced ? (
        <Alert severity="info" onClose={() => setSynced(null)} sx={{ mb: 1 }} data-testid="parameters-sync-message">
          {synced}
        </Alert>
      ) : null}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('app.agents.parameters.title')}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={all}
                  indeterminate={!!selected.length && !all}
                  onChange={() => setSelected(all ? [] : rows.map((p) => p.name))}
                  slotProps={{ input: { 'aria-label': translate('app.agents.parameters.select_all') } }}
                />
              </TableCell>
              <TableCell>{translate('app.agents.parameters.parameter')}</TableCell>
              <TableCell>{translate('app.agents.parameters.value')}</TableCell>
              <TableCell>{translate('app.agents.parameters.effective')}</TableCell>
              <TableCell>{translate('app.agents.parameters.default')}</TableCell>
              <TableCell>{translate('app.agents.parameters.state')}</TableCell>
              <TableCell>
                <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                  {translate('app.agents.parameters.actions')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((p) => {
              const label = translate(labelOf(p.name));
              return (
                <TableRow key={p.name} data-parameter={p.name}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.includes(p.name)}
                      onChange={() => toggle(p.name)}
                      slotProps={{ input: { 'aria-label': translate('app.agents.parameters.select_named', { name: label.toLowerCase() }) } }}
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
                    <Chip
                      size="small"
                      variant="outlined"
                      label={translate(`app.agents.source_code.${p.effective.source}`)}
                      title={translate('app.agents.parameters.from_level', { level: translate(`app.agents.source_code.${p.effective.source}`).toLowerCase() })}
                    />
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{shown(p.defaultValue)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={translate(enumLabel('AgentParameterSyncState', p.syncState))}
                      color={p.syncState === 'SAVED' ? 'default' : 'success'}
                      variant={p.syncState === 'SAVED' ? 'filled' : 'outlined'}
                      // Saved and not synchronized stands out in amber, with dark text that keeps its contrast.
                      sx={p.syncState === 'SAVED' ? { bgcolor: 'warning.light', color: 'common.black' } : undefined}
                      data-testid={`parameter-state-${p.name}`}
                    />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={translate('ra.action.edit')}>
                      <IconButton
                        size="small"
                        aria-label={translate('app.agents.parameters.edit_named', { name: label.toLowerCase() })}
                        onClick={() => setEditing(p)}
                        disabled={busy}
                      >
                        <EditIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={translate('app.agents.parameters.reset_default')}>
                      <span>
                        <IconButton
                          size="small"
                          aria-label={translate('app.agents.parameters.reset_named', { name: label.toLowerCase() })}
                          onClick={() => reset([p.name])}
                          disabled={busy || p.isDefault}
                        >
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
