import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n';
import { type Column, FigureTable } from './figure-table';
import { useElementWidth } from './use-element-width';

/** Series colours: each has at least 3:1 contrast on white (WCAG 1.4.11) and they differ in lightness. */
export const SERIES_COLOURS = ['#24578f', '#b04a00', '#5c2d91', '#2e6b30'] as const;

export interface Series<Row> {
  id: string;
  label: string;
  value: (row: Row) => number;
}

/**
 * A bar chart with its table. The chart is a picture for sighted mouse users (hidden from
 * assistive technology, not focusable); the table under "Cijfers als tabel" carries the same
 * figures and more, for everyone.
 */
export function BarFigure<Row>({
  id,
  caption,
  rowHeader,
  rows,
  rowKey,
  rowLabel,
  series,
  columns,
  totals,
  layout = 'bars',
  note,
}: {
  id: string;
  caption: string;
  rowHeader: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowLabel: (row: Row) => string;
  series: readonly Series<Row>[];
  /** Table columns; the chart's series when left out. */
  columns?: readonly Column<Row>[];
  totals?: Record<string, number>;
  /** `bars`: one horizontal bar per row (categories); `columns`: vertical bars along a time axis. */
  layout?: 'bars' | 'columns';
  note?: ReactNode;
}) {
  const { t, formatNumber } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const data = rows.map((row) => ({
    key: rowKey(row),
    label: rowLabel(row),
    ...Object.fromEntries(series.map((s) => [s.id, s.value(row)])),
  }));
  const horizontal = layout === 'bars';
  const height = horizontal ? Math.max(120, rows.length * (18 * series.length + 14) + 70) : 300;
  const format = (value: unknown) => formatNumber(Number(value));
  const tableColumns: readonly Column<Row>[] =
    columns ?? series.map((s) => ({ id: s.id, header: s.label, value: s.value, numeric: true }));

  return (
    <figure className="insight-figure" aria-labelledby={`${id}-figcaption`}>
      <figcaption id={`${id}-figcaption`} className="insight-figure__caption">
        {caption}
      </figcaption>
      {note ? <p className="insight-figure__note">{note}</p> : null}
      {rows.length === 0 ? (
        <p>{t('insight.empty')}</p>
      ) : (
        <>
          <div ref={ref} className="insight-chart" aria-hidden="true">
            <BarChart
              width={width}
              height={height}
              data={data}
              layout={horizontal ? 'vertical' : 'horizontal'}
              margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
              {horizontal ? (
                <>
                  <XAxis type="number" tickFormatter={format} allowDecimals={false} />
                  <YAxis type="category" dataKey="label" width={Math.min(220, width / 3)} interval={0} />
                </>
              ) : (
                <>
                  <XAxis type="category" dataKey="label" />
                  <YAxis type="number" tickFormatter={format} allowDecimals={false} width={64} />
                </>
              )}
              <Tooltip formatter={format} />
              <Legend itemSorter={null} />
              {series.map((s, i) => (
                <Bar
                  key={s.id}
                  dataKey={s.id}
                  name={s.label}
                  fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </div>
          <details className="insight-figure__table">
            <summary>{t('insight.table.show')}</summary>
            <FigureTable
              id={id}
              caption={caption}
              rowHeader={rowHeader}
              rowKey={rowKey}
              rowLabel={rowLabel}
              columns={tableColumns}
              rows={rows}
              totals={totals}
            />
          </details>
        </>
      )}
    </figure>
  );
}
