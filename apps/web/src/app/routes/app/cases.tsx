import { useSearchParams } from 'react-router';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { ButtonLink } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { CaseSearch } from '@/features/cases/components/case-search';
import { CasesList } from '@/features/cases/components/cases-list';
import { canCreateCase } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';
import { useCurrentUser } from './current-user';

export default function CasesRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';

  const search = (next: string) => {
    setSearchParams(
      (params) => {
        if (next) params.set('q', next);
        else params.delete('q');
        return params;
      },
      { replace: false },
    );
  };

  return (
    <>
      <DocumentTitle title={t('cases.title')} />
      <div className="page-title-row">
        <PageHeading>{t('cases.title')}</PageHeading>
        {canCreateCase(me.role) ? (
          <ButtonLink to={paths.cases.new.getHref()}>{t('cases.newCase')}</ButtonLink>
        ) : null}
      </div>
      <CaseSearch q={q} onSearch={search} />
      {q ? <h2 className="search-results-title">{t('cases.search.results', { q })}</h2> : null}
      <CasesList q={q} />
    </>
  );
}
