import type { CaseDetail } from '@doorbraak/domain';
import { ButtonLink } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { knelpuntLabel, levelLabel, statusLabel, type LadderLevel } from './labels';

/** The case's data as a description list, with the way to the edit form when the user may edit. */
export function CaseDetails({ item, levels }: { item: CaseDetail; levels?: readonly LadderLevel[] }) {
  const { t, language, formatNumber, formatDate } = useI18n();
  return (
    <section id="gegevens" aria-labelledby="case-details-title" className="section">
      <h2 id="case-details-title" className="section__title">
        {t('case.details')}
      </h2>
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
          <dt>{t('case.level')}</dt>
          <dd>{levelLabel(item.levelCode, language, levels)}</dd>
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
          <dt>{t('caseField.phase')}</dt>
          <dd>{item.phase ? t(`phase.${item.phase}`) : t('phase.unknown')}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('caseField.confidentiality')}</dt>
          <dd>{t(`confidentiality.${item.confidentiality}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('caseField.locationProgramme')}</dt>
          <dd>{t(`locationProgramme.${item.locationProgramme}`)}</dd>
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
      {item.permissions.edit ? (
        <p>
          <ButtonLink to={paths.cases.edit.getHref(item.id)} variant="secondary">
            {t('edit.open')}
          </ButtonLink>
        </p>
      ) : null}
    </section>
  );
}
