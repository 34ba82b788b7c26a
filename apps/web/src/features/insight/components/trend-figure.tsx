import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightDashboard } from '@doorbraak/domain';
import { useI18n } from '@/lib/i18n';
import { SERIES_COLOURS } from './bar-figure';
import { FigureTable } from './figure-table';
import { monthName } from './labels';
import { useElementWidth } from './use-element-width';

type TrendRow = InsightDashboard['trend'][number];

/**
 * The monthly trend: homes unblocked as bars (right axis), cases submitted and breakthroughs as
 * lines (left axis); the table has all three per month.
 */
export function TrendFigure({ id, rows }: { id: string; rows: readonly TrendRow[] }) {
  const { t, language, formatNumber } = useI18n();
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const caption = t('insight.trend.caption');
  const format = (value: unknown) => formatNumber(Number(value));
  const data = rows.map((r) => ({ ...r, label: monthName(r.month, language) }));
  const labels = {
    casesSubmitted: t('insight.metric.casesSubmitted'),
    breakthroughs: t('insight.metric.breakthroughs'),
    homesUnblocked: t('insight.metric.homesUnblocked'),
  };
  return (
    <figure className="insight-figure" aria-labelledby={`${id}-figcaption`}>
      <figcaption id={`${id}-figcaption`} className="insight-figure__caption">
        {caption}
      </figcaption>
      {rows.length === 0 ? (
        <p>{t('insight.empty')}</p>
      ) : (
        <>
          <div ref={ref} className="insight-chart" aria-hidden="true">
            <ComposedChart
              width={width}
              height={320}
              data={data}
              margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis yAxisId="count" tickFormatter={format} allowDecimals={false} width={48} />
              <YAxis
                yAxisId="homes"
                orientation="right"
                tickFormatter={format}
                allowDecimals={false}
                width={64}
              />
              <Tooltip formatter={format} />
              <Legend itemSorter={null} />
              <Bar
                yAxisId="homes"
                dataKey="homesUnblocked"
                name={labels.homesUnblocked}
                fill={SERIES_COLOURS[1]}
                isAnimationActive={false}
              />
              <Line
                yAxisId="count"
                dataKey="casesSubmitted"
                name={labels.casesSubmitted}
                stroke={SERIES_COLOURS[0]}
                strokeWidth={2}
                isAnimationActive={false}
              />
              <Line
                yAxisId="count"
                dataKey="breakthroughs"
                name={labels.breakthroughs}
                stroke={SERIES_COLOURS[2]}
                strokeWidth={2}
                strokeDasharray="6 3"
                isAnimationActive={false}
              />
            </ComposedChart>
          </div>
          <details className="insight-figure__table">
            <summary>{t('insight.table.show')}</summary>
            <FigureTable
              id={id}
              caption={caption}
              rowHeader={t('insight.trend.month')}
              rows={rows}
              rowKey={(r) => r.month}
              rowLabel={(r) => <time dateTime={r.month}>{monthName(r.month, language)}</time>}
              columns={[
                {
                  id: 'casesSubmitted',
                  header: labels.casesSubmitted,
                  value: (r) => r.casesSubmitted,
                  numeric: true,
                },
                {
                  id: 'breakthroughs',
                  header: labels.breakthroughs,
                  value: (r) => r.breakthroughs,
                  numeric: true,
                },
                {
                  id: 'homesUnblocked',
                  header: labels.homesUnblocked,
                  value: (r) => r.homesUnblocked,
                  numeric: true,
                },
              ]}
              totals={{
                casesSubmitted: rows.reduce((n, r) => n + r.casesSubmitted, 0),
                breakthroughs: rows.reduce((n, r) => n + r.breakthroughs, 0),
                homesUnblocked: rows.reduce((n, r) => n + r.homesUnblocked, 0),
              }}
            />
          </details>
        </>
      )}
    </figure>
  );
}
