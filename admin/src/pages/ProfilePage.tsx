import type { ReactNode } from 'react';
import { Box, Button, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import LogoutIcon from '@mui/icons-material/PowerSettingsNew';
import { Title, useDataProvider, useLogout, useTranslate, type DataProvider } from 'react-admin';
import { permissionLabel } from '../i18n/generated';
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { apolloClient } from '../providers/apollo';
import type { OperationsProvider } from '../providers/dataProvider';
import { useMe } from '../providers/me';
import { mayRun, type Me } from '../providers/permissions';
import { representRecord } from '../generator/representation';
import { ChangePasswordForm } from './ChangePasswordForm';

export const PROFILE_PATH = '/profile';

const OU = 'OrgUnit';

const ROLES = gql`
  query profileRoles($id: ID!) {
    Employee(id: $id) {
      id
      roles {
        id
        name
      }
    }
  }
`;

/** The names (paths) of OUs by id, when the caller may list OUs; else nothing (the page shows counts). */
function useOuNames(me: Me | undefined) {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const ids = [...new Set([...(me?.readableOuIds ?? []), ...(me?.writableOuIds ?? [])])];
  const enabled = !!me && ids.length > 0 && mayRun(me, { root: 'Query', name: 'allOrgUnits' });
  return useQuery({
    queryKey: ['profile', 'ous', ids],
    enabled,
    queryFn: async () => {
      const { data } = await dataProvider.getMany(OU, { ids });
      return new Map(data.map((r) => [String(r.id), representRecord(OU, r)]));
    },
  });
}

/** The role names the employee holds, when it may read employees and roles (a tenant admin always). */
function useRoleNames(me: Me | undefined) {
  const enabled = !!me && me.kind === 'employee' && mayRun(me, { root: 'Query', name: 'Employee' }) && mayRun(me, { root: 'Query', name: 'Role' });
  return useQuery({
    queryKey: ['profile', 'roles', me?.id],
    enabled,
    queryFn: async () => {
      const { data } = await apolloClient.query<{ Employee: { roles: { name: string }[] } | null }>({ query: ROLES, variables: { id: me!.id } });
      return (data.Employee?.roles ?? []).map((r) => r.name);
    },
  });
}

/** The pages the caller's permissions open (the server's catalogue labels), for whom role names are not readable. */
function usePages(me: Me | undefined) {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const translate = useTranslate();
  const pages = useQuery({
    queryKey: ['profile', 'pages', me?.id],
    enabled: !!me,
    queryFn: async () => {
      const catalogue = await dataProvider.query<{ code: string; label: string }[]>('permissionCatalogue');
      const held = new Set(me!.permissions);
      return catalogue.filter((m) => held.has(m.code));
    },
  });
  return { ...pages, data: pages.data?.map((m) => translate(permissionLabel(m.code, m.label))) };
}

const Row = ({ label, children, testId }: { label: string; children: ReactNode; testId: string }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '12rem 1fr' }, gap: { xs: 0.5, sm: 2 }, py: 1 }}>
    <Typography component="dt" variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Box component="dd" sx={{ m: 0 }} data-testid={testId}>
      {children}
    </Box>
  </Box>
);

const Chips = ({ items, empty }: { items: string[]; empty: string }) =>
  items.length ? (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {items.map((i) => (
        <Chip key={i} label={i} size="small" />
      ))}
    </Stack>
  ) : (
    <Typography variant="body2">{empty}</Typography>
  );

/** OU names for a list of ids (paths when known, else a count), Unorganized first when it applies. */
function ouList(ids: string[], unorganized: boolean, names: Map<string, string> | undefined, translate: (key: string, options?: object) => string): string[] {
  const known = names
    ? ids
        .map((id) => names.get(id))
        .filter((n): n is string => !!n)
        .sort((a, b) => a.localeCompare(b))
    : [];
  const rest = ids.length - known.length;
  return [
    ...(unorganized ? [translate('app.profile.unorganized')] : []),
    ...known,
    ...(rest > 0 ? [translate('app.profile.other_ous', { smart_count: rest })] : []),
  ];
}

/**
 * The signed-in account's own page (user menu → Profile): who it is, in which tenant, with which
 * roles and OU scope, and its password change. Everything comes from `me`, the OU list (names
 * of the ids in `me`) and the caller's own employee record when it may read roles.
 */
export const ProfilePage = () => {
  const logout = useLogout();
  const translate = useTranslate();
  const { data: me } = useMe();
  const { data: ouNames } = useOuNames(me);
  const { data: roles } = useRoleNames(me);
  const { data: pages = [] } = usePages(me);
  if (!me) return null;
  const every = [translate('app.profile.every_ou')];
  const readable = me.isTenantAdmin ? every : ouList(me.readableOuIds, me.canReadUnorganized, ouNames, translate);
  const writable = me.isTenantAdmin ? every : ouList(me.writableOuIds, me.canWriteUnorganized, ouNames, translate);
  const roleNames = [...(me.isTenantAdmin ? [translate('app.profile.tenant_admin')] : []), ...(roles ?? [])];
  return (
    <Box component="section" aria-labelledby="profile-title" sx={{ mt: 2, display: 'grid', gap: 2, maxWidth: 720 }}>
      <Title title="app.profile.title" />
      <Card>
        <CardContent>
          <Typography id="profile-title" variant="h6" component="h1" gutterBottom>
            {translate('app.profile.heading')}
          </Typography>
          <Box component="dl" sx={{ m: 0 }}>
            <Row label={translate('app.profile.account')} testId="profile-account">
              <Typography variant="body1">{me.account}</Typography>
            </Row>
            <Row label={translate('app.profile.name')} testId="profile-name">
              <Typography variant="body1">{me.name}</Typography>
            </Row>
            <Row label={translate('app.profile.tenant')} testId="profile-tenant">
              <Typography variant="body1">{me.tenant.name}</Typography>
            </Row>
            <Row label={translate('app.profile.roles')} testId="profile-roles">
              <Chips items={roleNames} empty={translate(roles ? 'app.none' : 'app.profile.not_shown')} />
            </Row>
            <Row label={translate('app.profile.pages')} testId="profile-pages">
              <Chips items={pages} empty={translate('app.none')} />
            </Row>
            <Row label={translate('app.profile.reads')} testId="profile-readable">
              <Chips items={readable} empty={translate('app.profile.no_ou')} />
            </Row>
            <Row label={translate('app.profile.writes')} testId="profile-writable">
              <Chips items={writable} empty={translate('app.profile.no_ou')} />
            </Row>
          </Box>
          <Divider sx={{ my: 2 }} />
          <Button variant="outlined" startIcon={<LogoutIcon />} onClick={() => logout()}>
            {translate('app.sign_out')}
          </Button>
        </CardContent>
      </Card>
      {me.kind === 'employee' ? (
        <Card component="section" aria-labelledby="profile-password-title">
          <CardContent>
            <Typography id="profile-password-title" variant="h6" component="h2" gutterBottom>
              {translate('app.password.change')}
            </Typography>
            <ChangePasswordForm />
          </CardContent>
        </Card>
      ) : null}
    </Box>
  );
};
