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
    // Not react-admin's `min-width: fit-content`: on a phone the frame is the screen's width and
    // the content column shrinks to it (long values wrap, wide tables scroll inside their own box).
    <RaLayout appBar={AppBar} menu={Menu} sx={{ minWidth: { xs: 0, md: 'fit-content' }, '& .RaLayout-content': { minWidth: 0 } }}>
      <DocumentTitle />
      {children}
    </RaLayout>
  );
};
