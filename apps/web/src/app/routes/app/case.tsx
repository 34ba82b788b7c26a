import { useParams } from 'react-router';
import { uuid } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { useCase } from '@/features/cases/api/get-case';
import { CaseDetails } from '@/features/cases/components/case-details';
import { isApiError } from '@/lib/api-client';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';

function BackLink() {
  const { t } = useI18n();
  return (
    <p className="back-link">
      <Link to={paths.cases.list.getHref()}>{t('case.backToList')}</Link>
    </p>
  );
}

export default function CaseRoute() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const isValidId = uuid.safeParse(id).success;
  const caseQuery = useCase(id, { enabled: isValidId });

  const notFound = !isValidId || isApiError(caseQuery.error, 404) || isApiError(caseQuery.error, 400);
  if (notFound) {
    return (
      <>
        <DocumentTitle title={t('case.notFound.title')} />
        <BackLink />
        <PageHeading>{t('case.notFound.title')}</PageHeading>
        <p>{t('case.notFound.body')}</p>
      </>
    );
  }

  if (caseQuery.isPending) {
    return (
      <>
        <BackLink />
        <Loading label={t('case.loading')} />
      </>
    );
  }

  if (caseQuery.isError) {
    return (
      <>
        <BackLink />
        <PageHeading>{t('app.error.title')}</PageHeading>
        <Alert>{describeRequestError(caseQuery.error, t)}</Alert>
      </>
    );
  }

  const item = caseQuery.data;
  return (
    <>
      <DocumentTitle title={`${item.reference} ${item.projectName}`} />
      <BackLink />
      <PageHeading>
        <span className="page-heading__caption">{item.reference}</span> {item.projectName}
      </PageHeading>
      <CaseDetails item={item} />
    </>
  );
}
