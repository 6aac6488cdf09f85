import { createElement } from 'react';
import { Box, Divider, ListSubheader } from '@mui/material';
import HistoryToggleOffIcon from '@mui/icons-material/HistoryToggleOff';
import { Menu as RaMenu, useCanAccess, useDataProvider, useSidebarState, useTranslate, type DataProvider } from 'react-admin';
import { resourceNameKey } from '../i18n/generated';
import BadgeIcon from '@mui/icons-material/Badge';
import { useQuery } from '@tanstack/react-query';
import { RECENT_KEY } from '../generator/resource';
import { PERSONAL_CENTER_PATH } from '../pages/agents/PersonalCenterPage';
import { useMyAgent } from '../pages/agents/myAgent';
import { representRecord } from '../generator/representation';
import type { OperationsProvider } from '../providers/dataProvider';
import { RESOURCES, SINGLETONS, type AnyRecord, type ResourceEntry, type SingletonEntry } from '../resources/registry';

/** A page that is not a resource, shown only when the caller may run its query (its published declaration). */
const SingletonItem = ({ entry }: { entry: SingletonEntry }) => {
  const { canAccess } = useCanAccess({ resource: entry.name, action: 'show' });
  if (!canAccess) return null;
  return <RaMenu.Item to={entry.path} primaryText={resourceNameKey(entry.name)} leftIcon={entry.icon ? createElement(entry.icon) : undefined} />;
};

/** The signed-in agent's own page, shown only when the signed-in employee has an agent. */
const PersonalCenterItem = () => {
  const { data: agent } = useMyAgent();
  if (!agent) return null;
  return <RaMenu.Item to={PERSONAL_CENTER_PATH} primaryText="app.agents.pc.title" leftIcon={<BadgeIcon />} />;
};

/** The records the caller opened last (e.g. recent customers), when it may see the resource. */
const RecentItems = ({ entry }: { entry: ResourceEntry }) => {
  const { canAccess } = useCanAccess({ resource: entry.name, action: 'show' });
  const [open] = useSidebarState();
  const translate = useTranslate();
  const title = translate('app.menu.recent', { name: translate(resourceNameKey(entry.name), { smart_count: 2 }).toLowerCase() });
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const { data = [] } = useQuery({
    queryKey: [...RECENT_KEY, entry.recentQuery],
    enabled: !!canAccess,
    queryFn: () => dataProvider.query<AnyRecord[]>(entry.recentQuery!),
  });
  if (!canAccess || !data.length) return null;
  return (
    // A group of the menu (its items stay menu items of the menu: a <nav> would break the menu's ARIA structure).
    <Box component="li" role="group" aria-label={title} data-testid={`recent-${entry.name}`} sx={{ listStyle: 'none' }}>
      <Divider component="div" role="separator" sx={{ my: 1 }} />
      {open ? (
        <ListSubheader component="div" role="presentation" sx={{ lineHeight: '32px', bgcolor: 'transparent' }}>
          {title}
        </ListSubheader>
      ) : null}
      {data.slice(0, 5).map((r) => (
        <RaMenu.Item
          key={String(r.id)}
          to={`/${entry.name}/${String(r.id)}/show`}
          primaryText={representRecord(entry.name, r)}
          leftIcon={<HistoryToggleOffIcon />}
          dense
        />
      ))}
    </Box>
  );
};

/** Resources shown in the menu (registry entries first, then the other published ones; each filtered by canAccess), the singleton pages, recent records. */
export const Menu = () => (
  <RaMenu>
    <RaMenu.DashboardItem primaryText="app.home.title" />
    <PersonalCenterItem />
    {RESOURCES.filter((r) => r.inMenu !== false).map((r) => (
      <RaMenu.ResourceItem key={r.name} name={r.name} />
    ))}
    {SINGLETONS.map((s) => (
      <SingletonItem key={s.name} entry={s} />
    ))}
    {RESOURCES.filter((r) => r.recentQuery).map((r) => (
      <RecentItems key={r.name} entry={r} />
    ))}
  </RaMenu>
);
