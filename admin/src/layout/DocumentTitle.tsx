import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { findResource, SINGLETONS } from '../resources/registry';

export const APP_TITLE = 'Switchboard';

/** The page's name for the browser tab: the resource's label (its singular on a record's page), else the singleton's. */
export function pageTitle(pathname: string): string | undefined {
  const [first, second] = pathname.split('/').filter(Boolean);
  const singleton = SINGLETONS.find((s) => s.path === `/${first ?? ''}`);
  if (singleton) return singleton.label;
  const entry = first ? findResource(first) : undefined;
  if (!entry) return undefined;
  return second ? (entry.singular ?? entry.label) : entry.label;
}

/** Keeps the browser tab's title on the page shown ("Customers · Switchboard"), so tabs and history read apart. */
export const DocumentTitle = () => {
  const { pathname } = useLocation();
  useEffect(() => {
    const title = pageTitle(pathname);
    document.title = title ? `${title} · ${APP_TITLE}` : APP_TITLE;
  }, [pathname]);
  return null;
};
