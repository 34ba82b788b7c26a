import '@/lib/i18n/messages.case';
import { useNavigate } from 'react-router';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { paths } from '@/config/paths';
import { CreateCaseForm } from '@/features/cases/components/create-case-form';
import { canCreateCase } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';
import { useCurrentUser } from './current-user';

export default function NewCaseRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();

  if (!canCreateCase(me.role)) {
    return (
      <div className="narrow">
        <DocumentTitle title={t('caseForm.forbidden.title')} />
        <PageHeading>{t('caseForm.forbidden.title')}</PageHeading>
        <p>{t('caseForm.forbidden.body')}</p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <DocumentTitle title={t('caseForm.title')} />
      <PageHeading>{t('caseForm.title')}</PageHeading>
      <p>{t('caseForm.intro')}</p>
      <CreateCaseForm
        userId={me.userId}
        defaultMunicipalityCode={me.municipalityCode}
        onSuccess={(created) => navigate(paths.cases.detail.getHref(created.id))}
      />
    </div>
  );
}
