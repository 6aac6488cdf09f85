import { CustomRoutes } from 'react-admin';
import { Route } from 'react-router';
import { resourceFor } from './generator/resource';
import { CustomerImportPage, IMPORT_PATH } from './pages/CustomerImportPage';
import { PROFILE_PATH, ProfilePage } from './pages/ProfilePage';
import { PERSONAL_CENTER_PATH, PersonalCenterPage } from './pages/agents/PersonalCenterPage';
import { SingletonPage } from './pages/SingletonPage';
import { RESOURCES, SINGLETONS } from './resources/registry';

/**
 * The console past the login page: resources, pages, layout and data provider, with the schema
 * they are generated from. App.tsx loads this module (a chunk of its own) once signed in.
 */

export { dataProvider } from './providers/dataProvider';
export { Layout } from './layout/Layout';
export { HomePage } from './pages/HomePage';

/** Generated once: one <Resource> per published resource (its registry entry, else its generated default). */
export const routes = (
  <>
    {RESOURCES.map(resourceFor)}
    <CustomRoutes>
      <Route path={PROFILE_PATH} element={<ProfilePage />} />
      <Route path={PERSONAL_CENTER_PATH} element={<PersonalCenterPage />} />
      <Route path={IMPORT_PATH} element={<CustomerImportPage />} />
      {SINGLETONS.map((s) => (
        <Route key={s.name} path={s.path} element={<SingletonPage entry={s} form={s.form} />} />
      ))}
    </CustomRoutes>
  </>
);
