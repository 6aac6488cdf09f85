import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { App } from './App';

/**
 * react-admin would create this hash router itself; creating it here lets location updates be
 * urgent (`useTransitions={false}`). With transitions, react-admin's logout (navigate to the
 * login page, then clear the query cache) can starve the navigation: the cleared auth check
 * re-renders urgently, logs out again, and the browser loops on #/login for seconds.
 */
const router = createHashRouter([{ path: '*', element: <App /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} useTransitions={false} />
  </StrictMode>,
);
