import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useTranslate } from 'react-admin';
import { resourceNameKey } from '../i18n/generated';
import { PROFILE_PATH } from '../pages/ProfilePage';
import { findResource, SINGLETONS } from '../resources/registry';

export const APP_TITLE = 'Switchboard';

/**
 * The page's name for the browser tab, as a translation key and its count: the resource's name
 * (its singular on a record's page), else the singleton's or the profile's.
 */
export function pageTitle(pathname: string): { key: string; smart_count: number } | undefined {
  const [first, second] = pathname.split('/').filter(Boolean);
  if (!first) return { key: 'app.home.title', smart_count: 1 };
  if (`/${first ?? ''}` === PROFILE_PATH) return { key: 'app.profile.title', smart_count: 1 };
  const singleton = SINGLETONS.find((s) => s.path === `/${first ?? ''}`);
  if (singleton) return { key: resourceNameKey(singleton.name), smart_count: 1 };
  const entry = first ? findResource(first) : undefined;
  if (!entry) return undefined;
  return { key: resourceNameKey(entry.name), smart_count: second ? 1 : 2 };
}

/** Keeps the browser tab's title on the page shown ("Customers · Switchboard"), so tabs and history read apart. */
export const DocumentTitle = () => {
  const { pathname } = useLocation();
  const translate = useTranslate();
  useEffect(() => {
    const title = pageTitle(pathname);
    document.title = title ? `${translate(title.key, { smart_count: title.smart_count })} · ${APP_TITLE}` : APP_TITLE;
  }, [pathname, translate]);
  return null;
};
