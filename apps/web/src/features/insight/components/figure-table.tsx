import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';

export interface Column<Row> {
  id: string;
  header: string;
  /** A number is shown in the user's format (3.500) and right-aligned. */
  value: (row: Row) => number | string | ReactNode;
  numeric?: boolean;
}

/**
 * The text alternative of a chart: a real table with a caption, column headers and a row header
 * per row; optionally a total row in the footer.
 */
export function FigureTable<Row>({
  id,
  caption,
  rowHeader,
  rowLabel,
  rowKey,
  columns,
  rows,
  totals,
  visibleCaption = false,
}: {
  id: string;
  caption: string;
  rowHeader: string;
  rowLabel: (row: Row) => ReactNode;
  rowKey: (row: Row) => string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  totals?: Record<string, number>;
  visibleCaption?: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const show = (value: number | string | ReactNode) =>
    typeof value === 'number' ? formatNumber(value) : value;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="table insight-table">
        <caption id={`${id}-caption`} className={visibleCaption ? 'table__caption' : 'visually-hidden'}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row" className="table__row-header">
                {rowLabel(row)}
              </th>
              {columns.map((column) => (
                <td key={column.id} className={column.numeric ? 'numeric' : undefined}>
                  {show(column.value(row))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr>
              <th scope="row">{t('insight.table.total')}</th>
              {columns.map((column) => (
                <td key={column.id} className={column.numeric ? 'numeric' : undefined}>
                  {totals[column.id] === undefined ? null : formatNumber(totals[column.id] as number)}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
