import type { CaseDetail } from '@doorbraak/domain';
import { useI18n } from '@/lib/i18n';
import { knelpuntLabel, statusLabel } from './labels';

/** The case's data as a description list. */
export function CaseDetails({ item }: { item: CaseDetail }) {
  const { t, language, formatNumber, formatDate } = useI18n();
  return (
    <section aria-labelledby="case-details-title">
      <h2 id="case-details-title">{t('case.details')}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('case.reference')}</dt>
          <dd>{item.reference}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.project')}</dt>
          <dd>{item.projectName}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.status')}</dt>
          <dd>
            <span className={`status status--${item.status}`}>{statusLabel(item.status, language)}</span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.municipality')}</dt>
          <dd>{item.municipalityName}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.province')}</dt>
          <dd>{item.provinceName}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.homes')}</dt>
          <dd>
            {t('case.homesValue', { count: formatNumber(item.homesTotal) })}
            {item.homesSocialOrAffordable !== null
              ? `, ${t('case.homesAffordable', { count: formatNumber(item.homesSocialOrAffordable) })}`
              : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.knelpunten')}</dt>
          <dd>
            <ul className="plain-list">
              {item.knelpuntTypes.map((code) => (
                <li key={code}>{knelpuntLabel(code, language)}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.description')}</dt>
          <dd className="prewrap">{item.description || t('case.noDescription')}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.submitter')}</dt>
          <dd>{item.submitterOrganisationName}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('case.createdAt')}</dt>
          <dd>{formatDate(item.createdAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
