import { createElement } from 'react';
import { Menu as RaMenu, useCanAccess } from 'react-admin';
import { SINGLETONS, type SingletonEntry } from '../resources/registry';

/** A page that is not a resource, shown only when its menu permission allows viewing it. */
const SingletonItem = ({ entry }: { entry: SingletonEntry }) => {
  const { canAccess } = useCanAccess({ resource: entry.name, action: 'show' });
  if (!canAccess) return null;
  return <RaMenu.Item to={entry.path} primaryText={entry.label} leftIcon={entry.icon ? createElement(entry.icon) : undefined} />;
};

/** Resources (each filtered by canAccess by react-admin) and the singleton pages. */
export const Menu = () => (
  <RaMenu>
    <RaMenu.ResourceItems />
    {SINGLETONS.map((s) => (
      <SingletonItem key={s.name} entry={s} />
    ))}
  </RaMenu>
);
