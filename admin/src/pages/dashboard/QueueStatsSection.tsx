import { Box, Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useIntlLocale } from '../../i18n/fields';
import { COMPACT_TABLE, HomeSection } from '../HomeSection';
import { ChartLegend, TimeChart, type Series } from './TimeChart';
import { WINDOW_MINUTES, useLiveQueues, useMayRun, type LiveQueue, type QueueNumbers } from './liveQueues';

/** Most queues drawn: more lines than this are no longer told apart (the table lists every queue). */
const DRAWN = 8;

const COLUMNS: (keyof QueueNumbers)[] = ['signedIn', 'idle', 'busy', 'queued', 'deviceUsage'];

/** The busiest queues first: by device usage, then calls waiting. */
const busiest = (queues: LiveQueue[]) => [...queues].sort((a, b) => b.now.deviceUsage - a.now.deviceUsage || b.now.queued - a.now.queued).slice(0, DRAWN);

/**
 * Issue 12, item 5: the skill queues' device usage and queued calls over the last minutes, as
 * two charts, and every queue's numbers now as a table (what a screen reader reads; the charts
 * are its picture). Shown to whoever may list skill queues and follow their numbers live.
 */
export const QueueStatsSection = () => {
  const allowed = useMayRun({ root: 'Query', name: 'allSkillQueues' }, { root: 'Subscription', name: 'queueStatsChanged' });
  if (!allowed) return null;
  return <QueueStats />;
};

const QueueStats = () => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const { queues, now } = useLiveQueues(true);
  if (!queues) return null;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const formatOf = (column: keyof QueueNumbers) => (v: number) => (column === 'deviceUsage' ? percent.format(v / 100) : count.format(v));
  const drawn = busiest(queues);
  const seriesOf = (value: 'deviceUsage' | 'queued'): Series[] =>
    drawn.map((q) => ({ key: q.id, label: q.name, points: q.samples.map((s) => ({ at: s.at, value: s[value] })) }));
  const from = now - WINDOW_MINUTES * 60_000;

  return (
    <HomeSection title="app.dashboard.queues" id="queues">
      <Card variant="outlined">
        {queues.length ? (
          <CardContent>
            <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
              {translate('app.dashboard.window', { smart_count: WINDOW_MINUTES })}
              {queues.length > DRAWN ? ` ${translate('app.dashboard.busiest_drawn', { smart_count: DRAWN })}` : ''}
            </Typography>
            <ChartLegend labels={drawn.map((q) => q.name)} />
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' }, gap: 2, mb: 2 }}>
              <TimeChart
                title={translate('app.dashboard.usage_chart')}
                series={seriesOf('deviceUsage')}
                from={from}
                to={now}
                max={100}
                format={formatOf('deviceUsage')}
              />
              <TimeChart title={translate('app.dashboard.queued_chart')} series={seriesOf('queued')} from={from} to={now} format={formatOf('queued')} />
            </Box>
            <TableContainer>
              <Table size="small" aria-label={translate('app.dashboard.queue_numbers')} sx={COMPACT_TABLE}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('app.dashboard.queue')}</TableCell>
                    {COLUMNS.map((c) => (
                      <TableCell key={c} align="right">
                        {translate(`app.dashboard.${c}`)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {queues.map((q) => (
                    <TableRow key={q.id} data-queue={q.id}>
                      <TableCell component="th" scope="row">
                        <Link to={`/SkillQueue/${q.id}/show`}>{q.name}</Link>
                      </TableCell>
                      {COLUMNS.map((c) => (
                        <TableCell key={c} align="right" data-stat={c}>
                          {formatOf(c)(q.now[c])}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </CardContent>
        ) : (
          <CardContent>
            <Typography variant="body2">{translate('app.dashboard.no_queues')}</Typography>
          </CardContent>
        )}
      </Card>
    </HomeSection>
  );
};
