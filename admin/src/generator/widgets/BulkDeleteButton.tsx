import { useState } from 'react';
import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { Button, Confirm, useDataProvider, useListContext, useNotify, useRefresh, useTranslate, type Identifier, type RaRecord } from 'react-admin';
import { resourceNameKey } from '../../i18n/generated';
import { representRecord } from '../representation';

/** Whether the server's `access` of a list row allows deleting it (rows without `access` leave it to the server). */
export const mayDeleteRow = (record: RaRecord) => (record.access as { canDelete?: boolean } | undefined)?.canDelete !== false;

interface Refusal {
  id: Identifier;
  name: string;
  reason: string;
}

/**
 * Deletes the selected rows of a list after a confirmation, one request per row, and waits for
 * the server (pessimistic: no "deleted · UNDO" that comes back when the server refuses). The rows
 * the user may not delete cannot be selected (`isRowSelectable={mayDeleteRow}`); what the server
 * still refuses (the record moved meanwhile, others point to it) is reported row by row.
 */
export const BulkDeleteButton = () => {
  const { selectedIds, data, resource, onUnselectItems, onToggleItem } = useListContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refusal[]>([]);
  const byId = new Map((data ?? []).map((r) => [r.id, r]));
  const nameOf = (id: Identifier) => representRecord(resource, byId.get(id)) || String(id);
  const count = selectedIds.length;
  // The resource's name for `smart_count` records, as a sentence writes it ("3 customers").
  const named = (smart_count: number) => translate(resourceNameKey(resource), { smart_count }).toLowerCase();
  const more = count > 10 ? translate('app.bulk_delete.and_more', { smart_count: count - 10 }) : '';

  const run = async () => {
    setBusy(true);
    const ids = [...selectedIds];
    const results = await Promise.allSettled(ids.map((id) => dataProvider.delete(resource, { id, previousData: byId.get(id) })));
    setBusy(false);
    setOpen(false);
    const deleted = ids.filter((_, i) => results[i]!.status === 'fulfilled');
    const refusals = ids.flatMap((id, i) => {
      const r = results[i]!;
      return r.status === 'rejected' ? [{ id, name: nameOf(id), reason: r.reason instanceof Error ? r.reason.message : String(r.reason) }] : [];
    });
    // The deleted rows leave the selection; the refused ones stay selected, as the report lists them.
    if (refusals.length) for (const id of deleted) onToggleItem(id);
    else onUnselectItems();
    if (deleted.length) notify(`resources.${resource}.notifications.deleted`, { type: 'info', messageArgs: { smart_count: deleted.length } });
    setRefused(refusals);
    refresh();
  };

  return (
    <>
      <Button label={translate('ra.action.delete')} onClick={() => setOpen(true)} disabled={busy || !count} color="error">
        <DeleteIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate('app.bulk_delete.title', { smart_count: count, name: named(count) })}
        content={translate('app.bulk_delete.content', { names: `${selectedIds.slice(0, 10).map(nameOf).join(translate('app.list_separator'))}${more}` })}
        confirmColor="warning"
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
      <Dialog open={refused.length > 0} onClose={() => setRefused([])} aria-labelledby="bulk-delete-refused" maxWidth="sm" fullWidth>
        <DialogTitle id="bulk-delete-refused">
          {translate('app.bulk_delete.refused_title', { smart_count: refused.length, name: named(refused.length) })}
        </DialogTitle>
        <DialogContent>
          <Table size="small" aria-label={translate('app.bulk_delete.refused')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(resourceNameKey(resource), { smart_count: 1 })}</TableCell>
                <TableCell>{translate('app.bulk_delete.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {refused.map((r) => (
                <TableRow key={String(r.id)}>
                  <TableCell>{r.name}</TableCell>
                  <TableCell>{r.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setRefused([])} variant="contained">
            {translate('ra.action.close')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
