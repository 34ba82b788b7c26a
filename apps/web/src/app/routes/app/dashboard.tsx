import '@/lib/i18n/messages.insight';
import '@/features/insight/insight.css';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { useDashboard } from '@/features/insight/api/get-dashboard';
import { Dashboard } from '@/features/insight/components/dashboard';
import { DashboardFiltersForm } from '@/features/insight/components/dashboard-filters-form';
import {
  type DashboardFilters,
  filtersFromSearch,
  searchFromFilters,
} from '@/features/insight/utils/dashboard-filters';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';

/**
 * "Inzicht": the dashboard over the cases in the user's scope (GET /api/insight/dashboard), with
 * the filters in the URL. This route is its own chunk, with recharts, d3-geo and the map data.
 */
export default function DashboardRoute() {
  const { t, formatDateTime } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const { filters, periodError } = filtersFromSearch(searchParams);
  const query = useDashboard(filters);
  // The region choices: the regions of the figures without the region filter (the same request
  // as the page's own when no region is chosen).
  const regionQuery = useDashboard({ ...filters, region: undefined });
  const regions = (regionQuery.data?.homes.byRegion ?? [])
    .filter((r): r is typeof r & { key: string } => r.key !== null)
    .map((r) => ({ value: r.key, label: r.label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));

  const apply = (next: DashboardFilters) => setSearchParams(searchFromFilters(next));

  return (
    <>
      <DocumentTitle title={t('insight.title')} />
      <PageHeading>{t('insight.title')}</PageHeading>
      <p>{t('insight.intro')}</p>
      <DashboardFiltersForm
        key={searchParams.toString()}
        filters={filters}
        regions={regions}
        onApply={apply}
        clearHref={paths.insight.getHref()}
      />
      {periodError ? (
        <Alert>
          {t('insight.error.url', {
            message: t(periodError.reason === 'order' ? 'insight.error.order' : 'insight.error.bound'),
          })}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading label={t('insight.loading')} />
      ) : query.data ? (
        <>
          <p role="status" className="result-count">
            {query.isPlaceholderData
              ? t('insight.refreshing')
              : t('insight.generatedAt', { time: formatDateTime(query.data.generatedAt) })}
          </p>
          {query.isError ? <Alert>{describeRequestError(query.error, t)}</Alert> : null}
          <Dashboard data={query.data} filters={filters} />
        </>
      ) : (
        <Alert>{describeRequestError(query.error, t)}</Alert>
      )}
    </>
  );
}
