import { createElement, type ComponentType } from 'react';
import { Box, Card, CardActionArea, CardContent, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { Link, RecordContextProvider, Title, useCanAccess, useDataProvider, useGetList, useTranslate, type DataProvider } from 'react-admin';
import { HomeSection } from './HomeSection';
import { AgentStatesSection } from './dashboard/AgentStatesSection';
import { QueueStatsSection } from './dashboard/QueueStatsSection';
import { resourceNameKey } from '../i18n/generated';
import { useIntlLocale } from '../i18n/fields';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { RECENT_KEY } from '../generator/resource';
import { representRecord } from '../generator/representation';
import { AuditActionField, AuditPrincipalField, AuditRecordField } from '../generator/widgets/AuditFields';
import type { OperationsProvider } from '../providers/dataProvider';
import { RESOURCES, type AnyRecord, type ResourceEntry } from '../resources/registry';

/**
 * The page after signing in (issue 9): what the user may read at a glance. A page of sections,
 * each showing itself only when the user may read what it shows; the live queue and agent charts
 * of the live-events issue (issue 12) are further sections of HOME_SECTIONS (pages/dashboard).
 */

const AUDIT = 'AuditEntry';
const RECENT_CHANGES = 8;

/** How many records of each resource in the menu the user may read, in its scope: one `resourceCounts` query. */
const CountsSection = () => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const { data } = useQuery({
    queryKey: ['home', 'resourceCounts'],
    queryFn: () => dataProvider.query<{ resource: string; count: number }[]>('resourceCounts'),
  });
  if (!data) return null;
  const counts = new Map(data.map((c) => [c.resource, c.count]));
  const shown = RESOURCES.filter((r) => r.inMenu !== false && r.name !== AUDIT && counts.has(r.name));
  if (!shown.length) return null;
  return (
    <HomeSection title={'app.home.counts'} id="counts">
      <Box component="ul" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 1.5, p: 0, m: 0, listStyle: 'none' }}>
        {shown.map((r) => (
          <li key={r.name}>
            <Card variant="outlined" data-count={r.name}>
              <CardActionArea component={RouterLink} to={`/${r.name}`}>
                <CardContent>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'text.secondary' }}>
                    {r.icon ? createElement(r.icon, { fontSize: 'small' } as never) : null}
                    <Typography variant="body2">{translate(resourceNameKey(r.name), { smart_count: 2 })}</Typography>
                  </Stack>
                  <Typography variant="h5" component="p">
                    {(counts.get(r.name) ?? 0).toLocaleString(locale)}
                  </Typography>
                </CardContent>
              </CardActionArea>
            </Card>
          </li>
        ))}
      </Box>
    </HomeSection>
  );
};

/** The newest audit entries the user may read, readable as on the audit log: what, which record, who, when. */
const RecentChangesSection = () => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const { canAccess } = useCanAccess({ resource: AUDIT, action: 'list' });
  const { data = [], isPending } = useGetList(
    AUDIT,
    { pagination: { page: 1, perPage: RECENT_CHANGES }, sort: { field: 'at', order: 'DESC' } },
    { enabled: !!canAccess },
  );
  if (!canAccess || isPending) return null;
  return (
    <HomeSection title="app.home.recent_changes" id="changes">
      <Card variant="outlined">
        {data.length ? (
          <List dense aria-label={translate('app.home.recent_changes')}>
            {data.map((entry) => (
              <RecordContextProvider key={entry.id} value={entry}>
                <ListItem data-change={entry.id}>
                  <ListItemText
                    primary={
                      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} component="span">
                        <Link to={`/${AUDIT}/${entry.id}/show`}>
                          <AuditActionField />
                        </Link>
                        <AuditRecordField />
                      </Stack>
                    }
                    secondary={
                      <Box component="span" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                        <AuditPrincipalField />
                        <span>{new Date(String(entry.at)).toLocaleString(locale)}</span>
                      </Box>
                    }
                    slotProps={{ secondary: { component: 'span' } }}
                  />
                </ListItem>
              </RecordContextProvider>
            ))}
          </List>
        ) : (
          <CardContent>
            <Typography variant="body2">{translate('app.home.no_recent_changes')}</Typography>
          </CardContent>
        )}
        <Box sx={{ px: 2, pb: 1.5 }}>
          <Link to={`/${AUDIT}`}>{translate('app.home.all_changes')}</Link>
        </Box>
      </Card>
    </HomeSection>
  );
};

/** The records the user opened last (recent customers), the same list as under the menu, with their page links. */
const RecentSection = ({ entry }: { entry: ResourceEntry }) => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: entry.name, action: 'show' });
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const { data } = useQuery({
    queryKey: [...RECENT_KEY, entry.recentQuery],
    enabled: !!canAccess,
    queryFn: () => dataProvider.query<AnyRecord[]>(entry.recentQuery!),
  });
  if (!canAccess || !data) return null;
  return (
    <HomeSection title="app.home.recent_customers" id={`recent-${entry.name}`}>
      <Card variant="outlined">
        {data.length ? (
          <List dense aria-label={translate('app.home.recent_customers')}>
            {data.map((r) => (
              <ListItem key={String(r.id)}>
                <ListItemText
                  primary={<Link to={`/${entry.name}/${String(r.id)}/show`}>{representRecord(entry.name, r)}</Link>}
                  secondary={[r.customerNumber ? `#${String(r.customerNumber)}` : '', ...((r.phones as string[] | undefined) ?? []).slice(0, 1)]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        ) : (
          <CardContent>
            <Typography variant="body2">{translate('app.home.no_recent_customers')}</Typography>
          </CardContent>
        )}
      </Card>
    </HomeSection>
  );
};

const RecentSections = () => (
  <>
    {RESOURCES.filter((r) => r.recentQuery).map((r) => (
      <RecentSection key={r.name} entry={r} />
    ))}
  </>
);

/** The home page's sections, in order, in the wide main column or the side one (below it on a phone). */
export const HOME_SECTIONS: { key: string; column: 'main' | 'side'; component: ComponentType }[] = [
  { key: 'counts', column: 'main', component: CountsSection },
  { key: 'queues', column: 'main', component: QueueStatsSection },
  { key: 'agents', column: 'main', component: AgentStatesSection },
  { key: 'changes', column: 'main', component: RecentChangesSection },
  { key: 'recent', column: 'side', component: RecentSections },
];

const Column = ({ column }: { column: 'main' | 'side' }) => (
  <Box sx={{ minWidth: 0 }}>{HOME_SECTIONS.filter((s) => s.column === column).map((s) => createElement(s.component, { key: s.key }))}</Box>
);

export const HomePage = () => (
  <Box sx={{ pt: 2 }} data-page="home">
    <Title title="app.home.title" />
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }, columnGap: 3 }}>
      <Column column="main" />
      <Column column="side" />
    </Box>
  </Box>
);
