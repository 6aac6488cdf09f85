import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { enumLabel, fieldLabel, typeFieldLabel } from '../../i18n/generated';
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

type Translate = (key: string, options?: object) => string;

/**
 * A value as it reads, in the console's language: text as is, enum values and switches in words,
 * objects field by field (a parameter's value and sync state), lists as JSON.
 */
function display(v: unknown, translate: Translate): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (typeof v === 'boolean') return translate(v ? 'ra.boolean.true' : 'ra.boolean.false');
  // An enum value of any enum: its words by the value alone.
  if (typeof v === 'string') return /^[A-Z_]+$/.test(v) ? translate(enumLabel('any', v)) : v;
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : translate('app.none');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${translate(typeFieldLabel('AgentParameterView', k, humanize(k))).toLowerCase()} ${display(x, translate)}`)
      .join(translate('app.list_separator'));
  return String(v);
}

/** A value of the report (JSON text) as it reads. */
function readable(json: string | null, translate: Translate): string {
  if (json == null) return EMPTY;
  try {
    return display(JSON.parse(json), translate);
  } catch {
    return json;
  }
}

/** A changed field of an agent (or a parameter) by its label. */
const fieldOf = (field: string) => fieldLabel('Agent', field, humanize(field));

const STATUS: Record<AgentBatchReport['results'][number]['status'], { label: (dryRun: boolean) => string; color: 'success' | 'default' | 'error' }> = {
  APPLIED: { label: (dryRun) => (dryRun ? 'app.agents.batch.would_apply' : 'app.agents.batch.applied'), color: 'success' },
  UNCHANGED: { label: () => 'app.agents.batch.unchanged', color: 'default' },
  REFUSED: { label: () => 'app.agents.batch.refused', color: 'error' },
};

/**
 * What a batch did (or, previewed, would do) to each selected agent: applied with the before and
 * after of every changed field, unchanged, or refused with the field and the reason.
 */
export const AgentBatchReportView = ({ report }: { report: AgentBatchReport }) => {
  const translate = useTranslate();
  const counts = { applied: report.applied, unchanged: report.unchanged, refused: report.refused };
  return (
    <Box
      component="section"
      aria-label={translate(report.dryRun ? 'app.agents.batch.preview' : 'app.agents.batch.report')}
      data-testid="batch-report"
      sx={{ mt: 2 }}
    >
      <Alert severity={report.dryRun ? 'info' : report.refused ? 'warning' : 'success'} sx={{ mb: 1 }} data-testid="batch-summary">
        {translate(report.dryRun ? 'app.agents.batch.preview_summary' : 'app.agents.batch.done_summary', counts)}
      </Alert>
      {report.results.length ? (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate(report.dryRun ? 'app.agents.batch.preview_per_agent' : 'app.agents.batch.report_per_agent')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(fieldOf('agentId'))}</TableCell>
                <TableCell>{translate('app.agents.batch.result')}</TableCell>
                <TableCell>{translate('app.agents.batch.details')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.results.map((r) => (
                <TableRow key={r.id} data-agent-id={r.agentId ?? ''}>
                  <TableCell>{r.agentId ?? EMPTY}</TableCell>
                  <TableCell>
                    <Chip size="small" label={translate(STATUS[r.status].label(report.dryRun))} color={STATUS[r.status].color} variant="outlined" />
                  </TableCell>
                  <TableCell>
                    {r.status === 'REFUSED' ? (
                      <Typography variant="body2">
                        {r.field ? <strong>{translate(fieldOf(r.field.split('.')[0]!))}: </strong> : null}
                        {/* The server's reason, as it sends it. */}
                        {r.message ?? r.code}
                      </Typography>
                    ) : r.changes.length ? (
                      <>
                        <Box component="ul" sx={{ m: 0, pl: 2 }}>
                          {r.changes.map((c) => (
                            <li key={c.field}>
                              <Typography variant="body2" component="span">
                                {translate(fieldOf(c.field))}: {readable(c.before, translate)} → {readable(c.after, translate)}
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
                        {translate('app.agents.batch.already_set')}
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : (
        <Typography variant="body2">{translate('app.agents.batch.none_selected')}</Typography>
      )}
    </Box>
  );
};
