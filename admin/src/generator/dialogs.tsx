import { useMemo, useState, type ComponentType } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Confirm, Form, ResourceContextProvider, SaveButton, useDataProvider, useNotify, useRefresh, useTranslate, type DataProvider } from 'react-admin';
import { operationDescriptionLabel, operationDoneLabel, secretLabel } from '../i18n/generated';
import type { OperationsProvider } from '../providers/dataProvider';
import { fieldErrorsOf } from '../providers/errors';
import { humanize } from '../schema/humanize';
import { secretsOf } from '../schema/secrets';
import { ACTION_TEXT } from '../resources/wording';
import { formInputs } from './inputs';

/**
 * Shows secrets from a mutation's reply (a new API client's secret, a rotated one) once: the
 * server keeps only a hash, so this dialog is the only place they are ever seen. It closes only
 * through its "I have copied it" button: an Escape or a stray click would lose the only copy.
 */
export const SecretDialog = ({ record, title, onClose }: { record: Record<string, unknown>; title?: string; onClose: () => void }) => {
  const translate = useTranslate();
  const secrets = secretsOf(record);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (name: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(name);
    } catch {
      setCopied(null);
    }
  };
  return (
    // No onClose: Escape and a click outside do nothing; only the explicit button below closes it.
    <Dialog open aria-labelledby="secret-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="secret-dialog-title">{translate(title ?? 'app.secret.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.secret.warning')}
        </Alert>
        {secrets.map(([name, value]) => (
          <Box key={name} sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <TextField
              label={translate(secretLabel(name))}
              value={value}
              fullWidth
              slotProps={{ input: { readOnly: true, sx: { fontFamily: 'monospace' } }, htmlInput: { 'data-testid': 'secret-value' } }}
              onFocus={(e) => e.target.select()}
            />
            <Button
              variant="outlined"
              startIcon={<ContentCopyIcon />}
              onClick={() => copy(name, value)}
              aria-label={translate('app.secret.copy_named', { name: translate(secretLabel(name)).toLowerCase() })}
            >
              {translate(copied === name ? 'app.secret.copied' : 'app.secret.copy')}
            </Button>
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained">
          {translate('app.secret.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * What a mutation did, in words, from its name: `moveActivity` → "Activity moved",
 * `rotateApiClientSecret` → "Api client secret rotated" (not "Move: done").
 */
export function doneMessage(mutation: string): string {
  const [, verb = mutation, object = ''] = /^([a-z]+)(.*)$/.exec(mutation) ?? [];
  const past = verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
  const what = humanize(object);
  return what ? `${what} ${past}` : humanize(past);
}

export interface MutationButtonProps {
  /** The resource whose record (or list) the button acts on: labels, references and iterators use it. */
  resource: string;
  mutation: string;
  /** A translation key (generated labels are). */
  label: string;
  /** Values the user does not give (the record's id, the parent of a new record). */
  fixed: Record<string, unknown>;
  /** Ask this before running (mutations without inputs), a translation key. */
  confirm?: string;
  icon?: ComponentType;
  variant?: 'text' | 'outlined' | 'contained';
  onDone?: (result: Record<string, unknown>) => void;
}

/**
 * Runs any mutation of the schema from a button: the arguments not fixed are asked for in a
 * dialog generated like a form (same inputs, same constraints, server field errors under the
 * inputs); without any, it runs at once or after a confirmation. A secret in the reply is shown once.
 */
export const MutationButton = ({ resource, mutation, label, fixed, confirm, icon: Icon, variant = 'text', onDone }: MutationButtonProps) => {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState<Record<string, unknown> | null>(null);
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const inputs = useMemo(() => formInputs(mutation, { resource, exclude: [...Object.keys(fixed), 'id', 'version'], fixed }), [mutation, resource, fixed]);
  const description = ACTION_TEXT[mutation] ? translate(operationDescriptionLabel(mutation, ACTION_TEXT[mutation])) : undefined;
  const title = translate(label);

  const run = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const result = await dataProvider.mutate<Record<string, unknown>>(mutation, { ...values, ...fixed });
      setOpen(false);
      notify(operationDoneLabel(mutation, doneMessage(mutation)), { type: 'success' });
      if (secretsOf(result).length) setReply(result);
      else refresh();
      onDone?.(result);
      return undefined;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields && inputs.length) return fields;
      // The server's message as it sends it (see docs/decisions.md).
      notify(error instanceof Error ? error.message : 'app.request_failed', { type: 'error' });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const button = (
    <Button
      size="small"
      variant={variant}
      startIcon={Icon ? <Icon /> : undefined}
      disabled={busy}
      onClick={() => (inputs.length || confirm ? setOpen(true) : run({}))}
    >
      {title}
    </Button>
  );
  return (
    <>
      {button}
      {!inputs.length && confirm ? (
        <Confirm isOpen={open} title={`${title}?`} content={confirm} onConfirm={() => run({})} onClose={() => setOpen(false)} loading={busy} />
      ) : null}
      {inputs.length ? (
        <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={`dialog-${mutation}`} maxWidth="sm" fullWidth>
          <ResourceContextProvider value={resource}>
            <Form onSubmit={run as never} noValidate>
              <DialogTitle id={`dialog-${mutation}`}>{title}</DialogTitle>
              <DialogContent>
                {description ? <DialogContentText sx={{ mb: 1 }}>{description}</DialogContentText> : null}
                {inputs}
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
                <SaveButton label={label} icon={<span />} alwaysEnable />
              </DialogActions>
            </Form>
          </ResourceContextProvider>
        </Dialog>
      ) : null}
      {reply ? (
        <SecretDialog
          record={reply}
          onClose={() => {
            setReply(null);
            refresh();
          }}
        />
      ) : null}
    </>
  );
};
