import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { ADMIN_SECTIONS } from './admin';

/** /beheer: what can be managed, with a link to each part. */
export default function AdminIndexRoute() {
  const { t } = useI18n();
  return (
    <>
      <DocumentTitle title={t('admin.title')} />
      <PageHeading>{t('admin.title')}</PageHeading>
      <p className="narrow">{t('admin.intro')}</p>
      <ul className="admin-sections">
        {ADMIN_SECTIONS.map((section) => (
          <li key={section.key}>
            <Link to={paths.admin[section.key].getHref()}>{t(section.label)}</Link>
            <p>{t(section.description)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
