import { forwardRef } from 'react';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  MenuItemLink,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
  useGetIdentity,
  useTranslate,
  useUserMenu,
} from 'react-admin';
import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import { PROFILE_PATH } from '../pages/ProfilePage';
import { PERSONAL_CENTER_PATH } from '../pages/agents/PersonalCenterPage';
import { useMyAgent } from '../pages/agents/myAgent';
import BadgeIcon from '@mui/icons-material/Badge';
import { Box, Chip, Typography } from '@mui/material';
import BusinessIcon from '@mui/icons-material/Business';

/** The tenant the signed-in account belongs to, always visible. */
const TenantBadge = () => {
  const { identity } = useGetIdentity();
  const tenantName = identity?.tenantName as string | undefined;
  if (!tenantName) return null;
  return (
    <Chip
      data-testid="tenant-name"
      icon={<BusinessIcon />}
      label={tenantName}
      size="small"
      // On a phone there is no room beside the language, theme and user menus: the profile page names the tenant.
      sx={{
        mx: 1,
        display: { xs: 'none', sm: 'inline-flex' },
        color: 'inherit',
        borderColor: 'rgba(255,255,255,0.5)',
        '& .MuiChip-icon': { color: 'inherit' },
      }}
      variant="outlined"
    />
  );
};

/** The user menu's link to the profile page (closes the menu when followed). */
const ProfileItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const userMenu = useUserMenu();
  return (
    <MenuItemLink ref={ref} {...props} to={PROFILE_PATH} primaryText="app.profile.menu" leftIcon={<AccountCircleIcon />} onClick={() => userMenu?.onClose()} />
  );
});
ProfileItem.displayName = 'ProfileItem';

/** The user menu's link to the personal center, for an employee who has an agent. */
const PersonalCenterItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const userMenu = useUserMenu();
  const { data: agent } = useMyAgent();
  if (!agent) return null;
  return (
    <MenuItemLink
      ref={ref}
      {...props}
      to={PERSONAL_CENTER_PATH}
      primaryText="app.agents.pc.title"
      leftIcon={<BadgeIcon />}
      onClick={() => userMenu?.onClose()}
    />
  );
});
PersonalCenterItem.displayName = 'PersonalCenterItem';

/**
 * The user menu, named by the account's name it shows plus what it holds (a button's accessible
 * name must contain its visible text): "Ada Admin: profile and sign out".
 */
const AccountMenu = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const name = identity?.fullName as string | undefined;
  return (
    <UserMenu label={name ? translate('app.user_menu.named', { name }) : translate('app.user_menu.label')}>
      <ProfileItem />
      <PersonalCenterItem />
      <Logout />
    </UserMenu>
  );
};

/** react-admin's toolbar, its language button shrunk to its icon on a phone (the page's title needs the width). */
const Toolbar = () => (
  <>
    <Box component="span" sx={{ '& .MuiButton-root': { fontSize: { xs: 0, sm: 'inherit' }, minWidth: 0 }, '& .MuiButton-startIcon': { mr: { xs: 0, sm: 1 } } }}>
      <LocalesMenuButton />
    </Box>
    <ToggleThemeButton />
    <LoadingIndicator />
  </>
);

export const AppBar = () => (
  // Always on: the user menu (profile, sign out) stays reachable on long pages.
  <RaAppBar alwaysOn userMenu={<AccountMenu />} toolbar={<Toolbar />}>
    {/* The product name gives way on a phone: the page's title and the app bar's buttons need the width. */}
    <Typography variant="h6" component="span" sx={{ mr: 2, fontWeight: 600, whiteSpace: 'nowrap', display: { xs: 'none', md: 'inline' } }}>
      Switchboard
    </Typography>
    <TitlePortal sx={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} />
    <Box sx={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
      <TenantBadge />
    </Box>
  </RaAppBar>
);
