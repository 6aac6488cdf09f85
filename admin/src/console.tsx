import { CustomRoutes } from 'react-admin';
import { Route } from 'react-router';
import { resourceFor } from './generator/resource';
import { CustomerImportPage, IMPORT_PATH } from './pages/CustomerImportPage';
import { PROFILE_PATH, ProfilePage } from './pages/ProfilePage';
import { PERSONAL_CENTER_PATH, PersonalCenterPage } from './pages/agents/PersonalCenterPage';
import { SingletonPage } from './pages/SingletonPage';
import { countsEstimatedAbove, i18nProvider } from './providers/i18nProvider';
import { RESOURCES, SINGLETONS } from './resources/registry';
import { EXACT_COUNT_LIMIT } from './schema/constraints';
import { setTranslate } from './resources/wording';

/**
 * The console past the login page: resources, pages, layout and data provider, with the schema
 * they are generated from. App.tsx loads this module (a chunk of its own) once signed in.
 */

export { dataProvider } from './providers/dataProvider';
export { Layout } from './layout/Layout';
export { HomePage } from './pages/HomePage';

// Texts built outside components (an audit entry's title in its page title) translate with the provider.
setTranslate(i18nProvider.translate);
// A list's "1-25 of N" says "about" where the server's count is an estimate.
countsEstimatedAbove(EXACT_COUNT_LIMIT);

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
