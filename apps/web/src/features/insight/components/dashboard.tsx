import type { InsightBreakdownRow, InsightDashboard } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Section } from '@/components/ui/section';
import { useI18n } from '@/lib/i18n';
import { exportHrefs, type DashboardFilters } from '../utils/dashboard-filters';
import { BarFigure } from './bar-figure';
import type { Column } from './figure-table';
import { FigureTable } from './figure-table';
import { knelpuntName, levelName, statusName } from './labels';
import { ProvinceMap } from './province-map';
import { TrendFigure } from './trend-figure';

function sum<Row>(rows: readonly Row[], value: (row: Row) => number): number {
  return rows.reduce((n, row) => n + value(row), 0);
}

/** Open cases, homes at stake, breakthroughs, homes unblocked: the four figures of a breakdown row. */
function useBreakdownColumns(): Column<InsightBreakdownRow>[] {
  const { t } = useI18n();
  return [
    { id: 'openCases', header: t('insight.metric.openCases'), value: (r) => r.openCases, numeric: true },
    {
      id: 'homesAtStake',
      header: t('insight.metric.homesAtStake'),
      value: (r) => r.homesAtStake,
      numeric: true,
    },
    {
      id: 'breakthroughs',
      header: t('insight.metric.breakthroughs'),
      value: (r) => r.breakthroughs,
      numeric: true,
    },
    {
      id: 'homesUnblocked',
      header: t('insight.metric.homesUnblocked'),
      value: (r) => r.homesUnblocked,
      numeric: true,
    },
  ];
}

const breakdownTotals = (rows: readonly InsightBreakdownRow[]) => ({
  openCases: sum(rows, (r) => r.openCases),
  homesAtStake: sum(rows, (r) => r.homesAtStake),
  breakthroughs: sum(rows, (r) => r.breakthroughs),
  homesUnblocked: sum(rows, (r) => r.homesUnblocked),
});

function KeyFigures({ data }: { data: InsightDashboard }) {
  const { t, formatNumber } = useI18n();
  const { totals } = data;
  const figure = (value: string, label: string, extra?: string) => (
    <p className="key-figure">
      <span className="key-figure__value">{value}</span> <span className="key-figure__label">{label}</span>
      {extra ? <span className="key-figure__extra">{extra}</span> : null}
    </p>
  );
  return (
    <Section id="kerncijfers" title={t('insight.totals')}>
      <div className="key-figures" data-testid="key-figures">
        {figure(
          formatNumber(totals.homesAtStake),
          t('insight.totals.homesAtStake'),
          t('insight.totals.homesSocial', { count: formatNumber(totals.homesSocialOrAffordableAtStake) }),
        )}
        {figure(formatNumber(totals.homesUnblocked), t('insight.totals.homesUnblocked'))}
        {figure(formatNumber(totals.openCases), t('insight.totals.openCases'))}
        {figure(formatNumber(totals.breakthroughs), t('insight.totals.breakthroughs'))}
        {figure(formatNumber(totals.overdueActions), t('insight.totals.overdueActions'))}
        {figure(
          totals.medianWorkingDaysToBreakthrough === null
            ? '–'
            : formatNumber(totals.medianWorkingDaysToBreakthrough),
          t('insight.totals.median'),
        )}
        {figure(formatNumber(totals.systemicKnelpunten), t('insight.totals.systemic'))}
      </div>
    </Section>
  );
}

/** Every figure of GET /api/insight/dashboard, each chart with its table. */
export function Dashboard({ data, filters }: { data: InsightDashboard; filters: DashboardFilters }) {
  const { t, language, formatNumber, formatDay } = useI18n();
  const columns = useBreakdownColumns();
  const homesSeries = [
    {
      id: 'homesAtStake',
      label: t('insight.metric.homesAtStake'),
      value: (r: InsightBreakdownRow) => r.homesAtStake,
    },
    {
      id: 'homesUnblocked',
      label: t('insight.metric.homesUnblocked'),
      value: (r: InsightBreakdownRow) => r.homesUnblocked,
    },
  ];
  const key = (r: InsightBreakdownRow) => r.key ?? 'none';
  const hrefs = exportHrefs(filters);
  const { homes, openCases, overdueActionsByParty: overdue, timeToBreakthrough: time } = data;
  const days = (value: number | null) =>
    value === null ? '–' : t('insight.time.days', { count: formatNumber(value) });

  return (
    <>
      <KeyFigures data={data} />

      <Section id="provincies" title={t('insight.byProvince')}>
        <div className="insight-province">
          <ProvinceMap rows={homes.byProvince} />
          <FigureTable
            id="provincies-tabel"
            caption={t('insight.byProvince.caption')}
            visibleCaption
            rowHeader={t('insight.byProvince.key')}
            rows={homes.byProvince}
            rowKey={key}
            rowLabel={(r) => r.label}
            columns={columns}
            totals={breakdownTotals(homes.byProvince)}
          />
        </div>
      </Section>

      <Section id="regios" title={t('insight.byRegion')}>
        <BarFigure
          id="regios-figuur"
          caption={t('insight.byRegion.caption')}
          note={t('insight.byRegion.note')}
          rowHeader={t('insight.byRegion.key')}
          rows={homes.byRegion}
          rowKey={key}
          rowLabel={(r) => (r.key === null ? t('insight.byRegion.none') : r.label)}
          series={homesSeries}
          columns={columns}
        />
      </Section>

      <Section id="knelpunten" title={t('insight.byKnelpuntType')}>
        <BarFigure
          id="knelpunten-figuur"
          caption={t('insight.byKnelpuntType.caption')}
          note={t('insight.byKnelpuntType.note')}
          rowHeader={t('insight.byKnelpuntType.key')}
          rows={homes.byKnelpuntType}
          rowKey={key}
          rowLabel={(r) => knelpuntName(r.key, r.label, language)}
          series={homesSeries}
          columns={columns}
        />
      </Section>

      <Section id="niveaus" title={t('insight.byLevel')}>
        <BarFigure
          id="niveaus-figuur"
          caption={t('insight.byLevel.caption')}
          rowHeader={t('insight.byLevel.key')}
          rows={homes.byLevel}
          rowKey={key}
          rowLabel={(r) => levelName(r.key, r.label, language)}
          series={homesSeries}
          columns={columns}
          totals={breakdownTotals(homes.byLevel)}
        />
      </Section>

      <Section id="open-dossiers" title={t('insight.openByStatus')}>
        <BarFigure
          id="status-figuur"
          caption={t('insight.openByStatus.caption')}
          rowHeader={t('insight.openByStatus.key')}
          rows={openCases.byStatus}
          rowKey={(r) => r.status}
          rowLabel={(r) => statusName(r.status, language)}
          series={[{ id: 'count', label: t('insight.metric.openCases'), value: (r) => r.count }]}
          columns={[
            { id: 'count', header: t('insight.metric.openCases'), value: (r) => r.count, numeric: true },
            {
              id: 'homesAtStake',
              header: t('insight.metric.homesAtStake'),
              value: (r) => r.homesAtStake,
              numeric: true,
            },
          ]}
          totals={{
            count: sum(openCases.byStatus, (r) => r.count),
            homesAtStake: sum(openCases.byStatus, (r) => r.homesAtStake),
          }}
        />
        <h3>{t('insight.openByLevel')}</h3>
        <BarFigure
          id="open-niveau-figuur"
          caption={t('insight.openByLevel.caption')}
          rowHeader={t('insight.byLevel.key')}
          rows={openCases.byLevel}
          rowKey={(r) => r.levelCode}
          rowLabel={(r) => levelName(r.levelCode, r.label, language)}
          series={[{ id: 'count', label: t('insight.metric.openCases'), value: (r) => r.count }]}
          columns={[
            { id: 'count', header: t('insight.metric.openCases'), value: (r) => r.count, numeric: true },
            {
              id: 'homesAtStake',
              header: t('insight.metric.homesAtStake'),
              value: (r) => r.homesAtStake,
              numeric: true,
            },
          ]}
          totals={{
            count: sum(openCases.byLevel, (r) => r.count),
            homesAtStake: sum(openCases.byLevel, (r) => r.homesAtStake),
          }}
        />
      </Section>

      <Section id="te-laat" title={t('insight.overdue')}>
        {overdue.length === 0 ? (
          <p>{t('insight.overdue.empty')}</p>
        ) : (
          <BarFigure
            id="te-laat-figuur"
            caption={t('insight.overdue.caption')}
            rowHeader={t('insight.overdue.party')}
            rows={overdue}
            rowKey={(r) => r.organisationId}
            rowLabel={(r) => r.organisationName}
            series={[
              { id: 'overdueActions', label: t('insight.overdue.count'), value: (r) => r.overdueActions },
            ]}
            columns={[
              {
                id: 'overdueActions',
                header: t('insight.overdue.count'),
                value: (r) => r.overdueActions,
                numeric: true,
              },
              {
                id: 'oldestDueDate',
                header: t('insight.overdue.oldest'),
                value: (r) => <time dateTime={r.oldestDueDate}>{formatDay(r.oldestDueDate)}</time>,
              },
            ]}
            totals={{ overdueActions: sum(overdue, (r) => r.overdueActions) }}
          />
        )}
      </Section>

      <Section id="doorlooptijd" title={t('insight.time')}>
        {time.count === 0 ? (
          <p>{t('insight.time.none')}</p>
        ) : (
          <FigureTable
            id="doorlooptijd-tabel"
            caption={t('insight.time.caption')}
            visibleCaption
            rowHeader={t('insight.time.count')}
            rows={[time]}
            rowKey={() => 'time'}
            rowLabel={(r) => formatNumber(r.count)}
            columns={[
              { id: 'p25', header: t('insight.time.p25'), value: (r) => days(r.p25WorkingDays) },
              { id: 'median', header: t('insight.time.median'), value: (r) => days(r.medianWorkingDays) },
              { id: 'p75', header: t('insight.time.p75'), value: (r) => days(r.p75WorkingDays) },
            ]}
          />
        )}
      </Section>

      <Section id="verloop" title={t('insight.trend')}>
        <TrendFigure id="verloop-figuur" rows={data.trend} />
      </Section>

      <Section id="exporteren" title={t('insight.exports')}>
        <p>{t('insight.exports.intro')}</p>
        {filters.from || filters.to ? <Alert type="info">{t('insight.exports.periodNote')}</Alert> : null}
        <ul className="insight-exports">
          <li>
            <a href={hrefs.csv} download>
              {t('insight.exports.csv')}
            </a>
          </li>
          <li>
            <a href={hrefs.xlsx} download>
              {t('insight.exports.xlsx')}
            </a>
          </li>
          <li>
            <a href={hrefs.report} download>
              {t('insight.exports.report')}
            </a>{' '}
            <span className="insight-exports__note">{t('insight.exports.reportNote')}</span>
          </li>
        </ul>
      </Section>

      <Section id="definities" title={t('insight.definitions')}>
        <p>{t('insight.definitions.body')}</p>
      </Section>
    </>
  );
}
