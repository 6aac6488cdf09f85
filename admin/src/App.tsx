import { lazy, Suspense, type ReactNode } from 'react';
import { Admin, Loading, type AuthProvider, type DataProvider } from 'react-admin';
import { darkTheme, lightTheme } from './layout/theme';
import { authProvider } from './providers/authProvider';
import { i18nProvider } from './providers/i18nProvider';
import { queryClient } from './providers/queryClient';
import { getSession } from './providers/session';

/**
 * The login page is react-admin's, with this module's imports only; everything past it
 * (console.tsx: resources, layout, data provider, the schema) is a chunk loaded on sign-in, or at
 * once with a kept session. Sign-in starts loading it while the login request runs.
 */
let signedIn: Promise<typeof import('./console')> | undefined;
const loadConsole = () => (signedIn ??= import('./console'));

const auth: AuthProvider = {
  ...authProvider,
  login: (params) => {
    void loadConsole();
    return authProvider.login(params);
  },
};

/** react-admin asks its data provider for a method by name; each call waits for the console's provider. */
const dataProvider = new Proxy({} as DataProvider, {
  get: (_, name) =>
    typeof name !== 'string' || name === 'then' || name === 'supportAbortSignal'
      ? undefined
      : (...args: unknown[]) =>
          loadConsole().then((m) => {
            const method = (m.dataProvider as unknown as Record<string, unknown>)[name];
            if (typeof method !== 'function') throw new Error(`Unknown dataProvider function: ${name}`);
            return method.apply(m.dataProvider, args);
          }),
});

const LazyHome = lazy(() => loadConsole().then((m) => ({ default: m.HomePage })));
/** The page after signing in (the console's home), from the console's chunk. */
const Dashboard = () => (
  <Suspense fallback={<Loading />}>
    <LazyHome />
  </Suspense>
);

const LazyLayout = lazy(() => loadConsole().then((m) => ({ default: m.Layout })));
const Layout = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>
    <LazyLayout>{children}</LazyLayout>
  </Suspense>
);

/**
 * The resources and pages, once signed in (react-admin calls this after the permissions are
 * known). Signed out, none: react-admin calls it on the way to the login page too, which must not
 * load the console.
 */
const routes = async () => (getSession() ? (await loadConsole()).routes : null);

export const App = () => (
  <Admin
    title="Switchboard"
    dataProvider={dataProvider}
    authProvider={auth}
    i18nProvider={i18nProvider}
    queryClient={queryClient}
    layout={Layout}
    dashboard={Dashboard}
    theme={lightTheme}
    darkTheme={darkTheme}
    requireAuth
    disableTelemetry
  >
    {routes}
  </Admin>
);
