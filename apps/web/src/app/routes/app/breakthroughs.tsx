import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Loading } from '@/components/ui/loading';
import { useBreakthroughs } from '@/features/breakthroughs/api/get-breakthroughs';
import { BreakthroughsTable, sortByHomes } from '@/features/breakthroughs/components/breakthroughs-table';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';

/** "Doorbraken": the current breakthroughs the user may see, most homes first, with the total. */
export default function BreakthroughsRoute() {
  const { t, formatNumber } = useI18n();
  const query = useBreakthroughs();

  const header = (
    <>
      <DocumentTitle title={t('breakthroughs.title')} />
      <PageHeading>{t('breakthroughs.title')}</PageHeading>
      <p>{t('breakthroughs.intro')}</p>
    </>
  );
  if (query.isPending) {
    return (
      <>
        {header}
        <Loading label={t('breakthroughs.loading')} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        {header}
        <Alert>{describeRequestError(query.error, t)}</Alert>
      </>
    );
  }

  const first = query.data.pages[0];
  const items = sortByHomes(query.data.pages.flatMap((page) => page.items));
  const count = first?.count ?? items.length;
  const total = first?.totalHomesUnblocked ?? 0;

  return (
    <>
      {header}
      <div className="key-figures">
        <p className="key-figure">
          <span className="key-figure__value">{formatNumber(total)}</span>{' '}
          <span className="key-figure__label">{t('breakthroughs.totalHomes')}</span>
        </p>
        <p className="key-figure">
          <span className="key-figure__value">{formatNumber(count)}</span>{' '}
          <span className="key-figure__label">
            {count === 1 ? t('breakthroughs.count.one') : t('breakthroughs.count')}
          </span>
        </p>
      </div>
      {items.length === 0 ? (
        <p>{t('breakthroughs.empty')}</p>
      ) : (
        <>
          <p role="status" className="result-count">
            {t('breakthroughs.shown', { shown: formatNumber(items.length), count: formatNumber(count) })}
          </p>
          <BreakthroughsTable items={items} totalHomesUnblocked={total} />
        </>
      )}
      {query.isFetchNextPageError ? <Alert>{describeRequestError(query.error, t)}</Alert> : null}
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void query.fetchNextPage()}
          isBusy={query.isFetchingNextPage}
          busyText={t('cases.loadingMore')}
        >
          {t('cases.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
