import { lazy, Suspense } from 'react';
import type { CaseSummary } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Loading } from '@/components/ui/loading';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useCases } from '../api/get-cases';
import type { CaseListFilters } from '../api/query-keys';
import { CaseRow } from './case-row';

/** The virtualizer is only fetched once a list grows past VIRTUALIZE_FROM rows. */
const VirtualCaseRows = lazy(() => import('./virtual-case-rows'));

/** From this many loaded rows on, only the rows near the viewport are in the DOM. */
export const VIRTUALIZE_FROM = 200;

function PlainRows({ items }: { items: readonly CaseSummary[] }) {
  return (
    <tbody>
      {items.map((item) => (
        <CaseRow key={item.id} item={item} />
      ))}
    </tbody>
  );
}

export function CasesTable({ items }: { items: readonly CaseSummary[] }) {
  const { t } = useI18n();
  const virtual = items.length > VIRTUALIZE_FROM;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="cases-caption">
      <table className="table" aria-rowcount={virtual ? items.length + 1 : undefined}>
        <caption id="cases-caption" className="visually-hidden">
          {t('cases.table.caption')}
        </caption>
        <thead>
          <tr aria-rowindex={virtual ? 1 : undefined}>
            <th scope="col">{t('cases.table.reference')}</th>
            <th scope="col">{t('cases.table.project')}</th>
            <th scope="col">{t('cases.table.municipality')}</th>
            <th scope="col">{t('cases.table.province')}</th>
            <th scope="col" className="numeric">
              {t('cases.table.homes')}
            </th>
            <th scope="col">{t('cases.table.knelpunten')}</th>
            <th scope="col">{t('cases.table.status')}</th>
          </tr>
        </thead>
        {virtual ? (
          <Suspense fallback={<PlainRows items={items} />}>
            <VirtualCaseRows items={items} />
          </Suspense>
        ) : (
          <PlainRows items={items} />
        )}
      </table>
    </div>
  );
}

/** The cases the user may see, filtered as the URL says, more pages on request. */
export function CasesList({ filters }: { filters: CaseListFilters }) {
  const { t } = useI18n();
  const casesQuery = useCases(filters);

  if (casesQuery.isPending) return <Loading />;
  // A failed "load more" keeps the pages already shown; only a failed first page has no data.
  if (!casesQuery.data) return <Alert>{describeRequestError(casesQuery.error, t)}</Alert>;

  const items = casesQuery.data.pages.flatMap((page) => page.items);

  return (
    <>
      <p role="status" className="result-count">
        {items.length === 0 ? t('cases.empty') : t('cases.count', { count: items.length })}
      </p>
      {items.length > 0 ? <CasesTable items={items} /> : null}
      {casesQuery.isFetchNextPageError ? <Alert>{describeRequestError(casesQuery.error, t)}</Alert> : null}
      {casesQuery.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void casesQuery.fetchNextPage()}
          isBusy={casesQuery.isFetchingNextPage}
          busyText={t('cases.loadingMore')}
        >
          {t('cases.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
