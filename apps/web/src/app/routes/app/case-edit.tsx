// The words of case work travel with this page's chunk (see lib/i18n/messages.case.ts).
import '@/lib/i18n/messages.case';
import { useNavigate, useParams } from 'react-router';
import { uuid } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { useCase } from '@/features/cases/api/get-case';
import { EditCaseForm } from '@/features/cases/components/edit-case-form';
import { isApiError } from '@/lib/api-client';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import type { CaseRouteState } from './case';

export default function CaseEditRoute() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const isValidId = uuid.safeParse(id).success;
  const caseQuery = useCase(id, { enabled: isValidId });
  const back = (
    <p className="back-link">
      <Link to={paths.cases.detail.getHref(id)}>{t('edit.back')}</Link>
    </p>
  );

  if (!isValidId || isApiError(caseQuery.error, 404)) {
    return (
      <>
        <DocumentTitle title={t('case.notFound.title')} />
        <PageHeading>{t('case.notFound.title')}</PageHeading>
        <p>{t('case.notFound.body')}</p>
      </>
    );
  }
  if (caseQuery.isPending) return <Loading label={t('case.loading')} />;
  if (!caseQuery.data) {
    return (
      <>
        {back}
        <PageHeading>{t('app.error.title')}</PageHeading>
        <Alert>{describeRequestError(caseQuery.error, t)}</Alert>
      </>
    );
  }

  const item = caseQuery.data;
  const title = t('edit.title', { reference: item.reference });
  return (
    <div className="narrow">
      <DocumentTitle title={title} />
      {back}
      <PageHeading>
        <span className="page-heading__caption">{item.reference}</span> {t('edit.heading')}
      </PageHeading>
      {item.permissions.edit ? (
        <>
          <p>{t('edit.intro')}</p>
          <EditCaseForm
            // A fresh form per case; a save or a conflict reload does not remount it.
            key={item.id}
            item={item}
            onCancel={() => void navigate(paths.cases.detail.getHref(item.id))}
            onSaved={async (updated) => {
              const state: CaseRouteState = { flash: 'saved' };
              await navigate(paths.cases.detail.getHref(updated.id), { state });
            }}
          />
        </>
      ) : (
        <p>{t('edit.forbidden')}</p>
      )}
    </div>
  );
}
