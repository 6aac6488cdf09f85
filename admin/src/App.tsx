import { Admin, CustomRoutes } from 'react-admin';
import { Route } from 'react-router';
import { resourceFor } from './generator/resource';
import { Layout } from './layout/Layout';
import { darkTheme, lightTheme } from './layout/theme';
import { PROFILE_PATH, ProfilePage } from './pages/ProfilePage';
import { SingletonPage } from './pages/SingletonPage';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { queryClient } from './providers/queryClient';
import { RESOURCES, SINGLETONS } from './resources/registry';

/** Generated once: one <Resource> per published resource (its registry entry, else its generated default). */
const resources = RESOURCES.map(resourceFor);

export const App = () => (
  <Admin
    title="Switchboard"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    queryClient={queryClient}
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    requireAuth
    disableTelemetry
  >
    {resources}
    <CustomRoutes>
      <Route path={PROFILE_PATH} element={<ProfilePage />} />
      {SINGLETONS.map((s) => (
        <Route key={s.name} path={s.path} element={<SingletonPage entry={s} form={s.form} />} />
      ))}
    </CustomRoutes>
  </Admin>
);
