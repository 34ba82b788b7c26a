import { SOLUTION_TYPE_LABELS } from '@doorbraak/domain';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import type { BreakthroughListItem } from '../api/get-breakthroughs';

/** Most homes first; on equal numbers the newest first. */
export function sortByHomes(items: readonly BreakthroughListItem[]): BreakthroughListItem[] {
  return [...items].sort((a, b) => b.homesUnblocked - a.homesUnblocked || b.date.localeCompare(a.date));
}

/** The breakthroughs as a table, with the total of homes unblocked in its footer. */
export function BreakthroughsTable({
  items,
  totalHomesUnblocked,
}: {
  items: readonly BreakthroughListItem[];
  totalHomesUnblocked: number;
}) {
  const { t, language, formatNumber, formatDay } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="breakthroughs-caption">
      <table className="table">
        <caption id="breakthroughs-caption" className="visually-hidden">
          {t('breakthroughs.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('breakthroughs.project')}</th>
            <th scope="col">{t('breakthroughs.reference')}</th>
            <th scope="col">{t('breakthroughs.municipality')}</th>
            <th scope="col">{t('breakthroughs.province')}</th>
            <th scope="col" className="numeric">
              {t('breakthroughs.homes')}
            </th>
            <th scope="col">{t('breakthroughs.solution')}</th>
            <th scope="col">{t('breakthroughs.date')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="table__row-header">
                <Link to={paths.cases.detail.getHref(item.caseId, 'doorbraak')}>{item.projectName}</Link>
              </th>
              <td className="nowrap">{item.caseReference}</td>
              <td>{item.municipalityName}</td>
              <td>{item.provinceName}</td>
              <td className="numeric">{formatNumber(item.homesUnblocked)}</td>
              <td>{SOLUTION_TYPE_LABELS[item.solutionType][language]}</td>
              <td className="nowrap">
                <time dateTime={item.date}>{formatDay(item.date)}</time>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('breakthroughs.total')}
            </th>
            <td className="numeric">
              <strong>{formatNumber(totalHomesUnblocked)}</strong>
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
