import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { useI18n } from '@/lib/i18n';

export default function AccessibilityRoute() {
  const { t } = useI18n();
  return (
    <div className="narrow">
      <DocumentTitle title={t('a11y.title')} />
      <PageHeading>{t('a11y.title')}</PageHeading>
      <p>{t('a11y.intro')}</p>
      <h2>{t('a11y.status.title')}</h2>
      <p>{t('a11y.status.body')}</p>
      <h2>{t('a11y.contact.title')}</h2>
      <p>{t('a11y.contact.body')}</p>
    </div>
  );
}
