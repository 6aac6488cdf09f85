import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { humanize } from '../../schema/humanize';

export interface AgentBatchReport {
  dryRun: boolean;
  applied: number;
  unchanged: number;
  refused: number;
  results: {
    id: string;
    agentId: number | null;
    status: 'APPLIED' | 'REFUSED' | 'UNCHANGED';
    code: string | null;
    field: string | null;
    message: string | null;
    changes: { field: string; before: string | null; after: string | null }[];
  }[];
}

const EMPTY = '—';

/** A value as it reads: text as is, switches as Yes / No, objects field by field (a parameter's value and sync state), lists as JSON. */
function display(v: unknown): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return /^[A-Z_]+$/.test(v) ? humanize(v) : v;
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : 'None';
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${humanize(k).toLowerCase()} ${display(x)}`)
      .join(', ');
  return String(v);
}

/** A value of the report (JSON text) as it reads. */
function readable(json: string | null): string {
  if (json == null) return EMPTY;
  try {
    return display(JSON.parse(json));
  } catch {
    return json;
  }
}

const STATUS: Record<AgentBatchReport['results'][number]['status'], { label: (dryRun: boolean) => string; color: 'success' | 'default' | 'error' }> = {
  APPLIED: { label: (dryRun) => (dryRun ? 'Would apply' : 'Applied'), color: 'success' },
  UNCHANGED: { label: () => 'Unchanged', color: 'default' },
  REFUSED: { label: () => 'Refused', color: 'error' },
};

/**
 * What a batch did (or, previewed, would do) to each selected agent: applied with the before and
 * after of every changed field, unchanged, or refused with the field and the reason.
 */
export const AgentBatchReportView = ({ report }: { report: AgentBatchReport }) => (
  <Box component="section" aria-label={report.dryRun ? 'Preview' : 'Report'} data-testid="batch-report" sx={{ mt: 2 }}>
    <Alert severity={report.dryRun ? 'info' : report.refused ? 'warning' : 'success'} sx={{ mb: 1 }} data-testid="batch-summary">
      {report.dryRun ? 'Preview — nothing is written yet: ' : 'Done: '}
      {report.applied} {report.dryRun ? 'would be applied' : 'applied'}, {report.unchanged} unchanged, {report.refused} refused.
    </Alert>
    {report.results.length ? (
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={report.dryRun ? 'Preview per agent' : 'Report per agent'}>
          <TableHead>
            <TableRow>
              <TableCell>Agent ID</TableCell>
              <TableCell>Result</TableCell>
              <TableCell>Details</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.results.map((r) => (
              <TableRow key={r.id} data-agent-id={r.agentId ?? ''}>
                <TableCell>{r.agentId ?? EMPTY}</TableCell>
                <TableCell>
                  <Chip size="small" label={STATUS[r.status].label(report.dryRun)} color={STATUS[r.status].color} variant="outlined" />
                </TableCell>
                <TableCell>
                  {r.status === 'REFUSED' ? (
                    <Typography variant="body2">
                      {r.field ? <strong>{humanize(r.field.split('.')[0]!)}: </strong> : null}
                      {r.message ?? r.code}
                    </Typography>
                  ) : r.changes.length ? (
                    <>
                      <Box component="ul" sx={{ m: 0, pl: 2 }}>
                        {r.changes.map((c) => (
                          <li key={c.field}>
                            <Typography variant="body2" component="span">
                              {humanize(c.field)}: {readable(c.before)} → {readable(c.after)}
                            </Typography>
                          </li>
                        ))}
                      </Box>
                      {r.message ? (
                        <Typography variant="body2" color="text.secondary">
                          {r.message}
                        </Typography>
                      ) : null}
                    </>
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      Already set
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    ) : (
      <Typography variant="body2">No agent is selected.</Typography>
    )}
  </Box>
);
