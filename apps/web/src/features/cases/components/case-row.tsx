import type { Ref } from 'react';
import type { CaseSummary } from '@doorbraak/domain';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { knelpuntLabel, statusLabel } from './labels';

/** Columns of the case table (spacer rows of the virtualized body span them all). */
export const CASE_TABLE_COLUMNS = 7;

/** One case in the list table. */
export function CaseRow({
  item,
  ref,
  index,
  rowIndex,
}: {
  item: CaseSummary;
  ref?: Ref<HTMLTableRowElement>;
  index?: number;
  /** `aria-rowindex` when the table is virtualized (1 is the header row). */
  rowIndex?: number;
}) {
  const { t, language, formatNumber } = useI18n();
  return (
    <tr ref={ref} data-index={index} aria-rowindex={rowIndex}>
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
