import { useSearchParams } from 'react-router';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { ButtonLink } from '@/components/ui/link';
import { paths } from '@/config/paths';
import type { CaseListFilters } from '@/features/cases/api/query-keys';
import { CaseFilters, SavedViews } from '@/features/cases/components/case-filters';
import { CaseSearch } from '@/features/cases/components/case-search';
import { CasesList } from '@/features/cases/components/cases-list';
import { filtersFromSearch, searchFromFilters } from '@/features/cases/utils/list-filters';
import { canCreateCase } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';
import { useCurrentUser } from './current-user';

export default function CasesRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const search = searchFromFilters(filters);

  const apply = (next: CaseListFilters) => setSearchParams(searchFromFilters(next), { replace: false });

  return (
    <>
      <DocumentTitle title={t('cases.title')} />
      <div className="page-title-row">
        <PageHeading>{t('cases.title')}</PageHeading>
        {canCreateCase(me.role) ? (
          <ButtonLink to={paths.cases.new.getHref()}>{t('cases.newCase')}</ButtonLink>
        ) : null}
      </div>
      <SavedViews filters={filters} />
      <CaseSearch q={filters.q ?? ''} onSearch={(q) => apply({ ...filters, q: q || undefined })} />
      {/* Re-created from the URL whenever it changes (a saved view, back and forward). */}
      <CaseFilters key={search} filters={filters} onApply={apply} />
      {filters.q ? (
        <h2 className="search-results-title">{t('cases.search.results', { q: filters.q })}</h2>
      ) : null}
      <CasesList filters={filters} />
    </>
  );
}
