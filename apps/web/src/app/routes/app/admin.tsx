import '@/lib/i18n/messages.admin';
import '@/features/admin/admin.css';
import { NavLink, Outlet } from 'react-router';
import { paths } from '@/config/paths';
import { canAdminister } from '@/lib/authorization';
import { useI18n, type MessageKey } from '@/lib/i18n';
import NotFoundRoute from '../not-found';
import { useCurrentUser } from './current-user';

export const ADMIN_SECTIONS: readonly {
  key: keyof typeof paths.admin;
  label: MessageKey;
  description: MessageKey;
}[] = [
  {
    key: 'organisations',
    label: 'admin.section.organisations',
    description: 'admin.section.organisations.description',
  },
  { key: 'users', label: 'admin.section.users', description: 'admin.section.users.description' },
  { key: 'regions', label: 'admin.section.regions', description: 'admin.section.regions.description' },
  {
    key: 'knelpuntTypes',
    label: 'admin.section.knelpuntTypes',
    description: 'admin.section.knelpuntTypes.description',
  },
  {
    key: 'deadlinePolicies',
    label: 'admin.section.deadlinePolicies',
    description: 'admin.section.deadlinePolicies.description',
  },
  { key: 'holidays', label: 'admin.section.holidays', description: 'admin.section.holidays.description' },
  {
    key: 'deliveries',
    label: 'admin.section.deliveries',
    description: 'admin.section.deliveries.description',
  },
];

/**
 * The admin section (Beheer): its sub-navigation around the admin pages. Anyone but an admin gets
 * the not-found page here (the api answers them 403 anyway), so the section does not announce itself.
 */
export default function AdminLayout() {
  const { t } = useI18n();
  const me = useCurrentUser();
  if (!canAdminister(me.role)) return <NotFoundRoute />;
  return (
    <>
      <nav className="admin-nav" aria-label={t('admin.nav')}>
        <ul className="admin-nav__list">
          <li>
            <NavLink to={paths.admin.index.getHref()} end className="admin-nav__link">
              {t('admin.title')}
            </NavLink>
          </li>
          {ADMIN_SECTIONS.map((section) => (
            <li key={section.key}>
              <NavLink to={paths.admin[section.key].getHref()} className="admin-nav__link">
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={me} />
    </>
  );
}
