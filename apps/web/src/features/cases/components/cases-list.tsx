import type { CaseSummary } from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useCases } from '../api/get-cases';
import { knelpuntLabel, statusLabel } from './labels';

function CaseRow({ item }: { item: CaseSummary }) {
  const { t, language, formatNumber } = useI18n();
  return (
    <tr>
      <td className="nowrap">{item.reference}</td>
      <th scope="row" className="table__row-header">
        <Link to={paths.cases.detail.getHref(item.id)}>{item.projectName}</Link>
        {item.isExample ? <span className="tag"> {t('cases.example')}</span> : null}
      </th>
      <td>{item.municipalityName}</td>
      <td>{item.provinceName}</td>
      <td className="numeric">{formatNumber(item.homesTotal)}</td>
      <td>{item.knelpuntTypes.map((code) => knelpuntLabel(code, language)).join(', ')}</td>
      <td>
        <span className={`status status--${item.status}`}>{statusLabel(item.status, language)}</span>
      </td>
    </tr>
  );
}

/** The cases the user may see, `q` from the URL, more pages on request. */
export function CasesList({ q }: { q: string }) {
  const { t } = useI18n();
  const casesQuery = useCases({ q: q || undefined });

  if (casesQuery.isPending) return <Loading />;
  // A failed "load more" keeps the pages already shown; only a failed first page has no data.
  if (!casesQuery.data) return <Alert>{describeRequestError(casesQuery.error, t)}</Alert>;

  const items = casesQuery.data.pages.flatMap((page) => page.items);

  return (
    <>
      <p role="status" className="result-count">
        {items.length === 0 ? t('cases.empty') : t('cases.count', { count: items.length })}
      </p>
      {items.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="cases-caption">
          <table className="table">
            <caption id="cases-caption" className="visually-hidden">
              {t('cases.table.caption')}
            </caption>
            <thead>
              <tr>
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
            <tbody>
              {items.map((item) => (
                <CaseRow key={item.id} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
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
