import type { QueryClient } from '@tanstack/react-query';
import {
  Navigate,
  NavLink,
  Outlet,
  redirect,
  useLocation,
  useNavigate,
  type LoaderFunctionArgs,
} from 'react-router';
import type { Me } from '@doorbraak/domain';
import { PageShell } from '@/components/layouts/page-shell';
import { Button } from '@/components/ui/button';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { getMeQueryOptions, useMe } from '@/features/auth/api/get-me';
import { useLogout } from '@/features/auth/api/logout';
import { useMyWork } from '@/features/work/api/get-my-work';
import { canAdminister, canCreateCase, canViewMailbox } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';

/** Logged-in pages only: without a session (GET /api/auth/me answers 401) go to the login page. */
export const clientLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const me = await queryClient.ensureQueryData(getMeQueryOptions());
    if (!me) {
      const url = new URL(request.url);
      return redirect(paths.auth.login.getHref(url.pathname + url.search));
    }
    return null;
  };

function UserMenu({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  // The name links to the profile page; the sentence around it stays one translatable message.
  const [before = '', after = ''] = t('app.userInfo', { organisation: me.organisationName }).split('{name}');
  const logout = useLogout({ onSettled: () => navigate(paths.auth.login.getHref(), { replace: true }) });
  return (
    <div className="user-menu">
      <p className="user-menu__name">
        {before}
        <Link to={paths.profile.getHref()}>
          {me.name}
          <span className="visually-hidden"> {t('app.profileLink')}</span>
        </Link>
        {after}
      </p>
      <Button variant="subtle" onClick={() => logout.mutate()} isBusy={logout.isPending}>
        {t('app.logout')}
      </Button>
    </div>
  );
}

function MainNav({ me }: { me: Me }) {
  const { t } = useI18n();
  const overdue = useMyWork().data?.counts.overdue ?? 0;
  return (
    <ul className="page-nav__list">
      <li>
        <NavLink to={paths.myWork.getHref()} end className="page-nav__link">
          {overdue > 0 ? t('nav.myWork.overdue', { count: overdue }) : t('nav.myWork')}
        </NavLink>
      </li>
      <li>
        <NavLink to={paths.cases.list.getHref()} end className="page-nav__link">
          {t('nav.cases')}
        </NavLink>
      </li>
      <li>
        <NavLink to={paths.breakthroughs.getHref()} className="page-nav__link">
          {t('nav.breakthroughs')}
        </NavLink>
      </li>
      <li>
        <NavLink to={paths.insight.getHref()} className="page-nav__link">
          {t('nav.insight')}
        </NavLink>
      </li>
      {canCreateCase(me.role) ? (
        <li>
          <NavLink to={paths.cases.new.getHref()} className="page-nav__link">
            {t('nav.newCase')}
          </NavLink>
        </li>
      ) : null}
      {canViewMailbox(me.role) ? (
        <li>
          <NavLink to={paths.mailbox.getHref()} className="page-nav__link">
            {t('nav.mailbox')}
          </NavLink>
        </li>
      ) : null}
      {canAdminister(me.role) ? (
        <li>
          <NavLink to={paths.admin.index.getHref()} className="page-nav__link">
            {t('nav.admin')}
          </NavLink>
        </li>
      ) : null}
    </ul>
  );
}

export default function AppRoot() {
  const meQuery = useMe();
  const location = useLocation();

  if (meQuery.isPending) return <Loading />;
  if (meQuery.isError && meQuery.data === undefined) throw meQuery.error;
  if (!meQuery.data) {
    // The session ended while the page was open.
    return <Navigate to={paths.auth.login.getHref(location.pathname + location.search)} replace />;
  }
  const me = meQuery.data;
  return (
    <PageShell homeHref={paths.myWork.getHref()} userMenu={<UserMenu me={me} />} nav={<MainNav me={me} />}>
      <Outlet context={me} />
    </PageShell>
  );
}
