import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';

export default function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <div className="narrow">
      <DocumentTitle title={t('notFound.title')} />
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={paths.cases.list.getHref()}>{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
