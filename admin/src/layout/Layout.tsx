import type { ReactNode } from 'react';
import { Layout as RaLayout, Loading } from 'react-admin';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { useMe } from '../providers/me';
import { AppBar } from './AppBar';
import { DocumentTitle } from './DocumentTitle';
import { Menu } from './Menu';

/**
 * The signed-in frame. While the employee must still change the password an admin set
 * (`me.mustChangePassword`, answered also when login said so), it shows that page only: no
 * menu, no other page, so no request the server would refuse.
 */
export const Layout = ({ children }: { children: ReactNode }) => {
  const { data: me, isPending, isError } = useMe();
  if (isPending && !isError) return <Loading />;
  if (me?.mustChangePassword) return <ChangePasswordPage />;
  return (
    <RaLayout appBar={AppBar} menu={Menu}>
      <DocumentTitle />
      {children}
    </RaLayout>
  );
};
