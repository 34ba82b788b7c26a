import { Outlet } from 'react-router';
import { PageShell } from '@/components/layouts/page-shell';
import { paths } from '@/config/paths';

/** Pages anyone can open: login, accessibility statement, not found. */
export default function PublicLayout() {
  return (
    <PageShell homeHref={paths.home.getHref()}>
      <Outlet />
    </PageShell>
  );
}
