// The words of case work travel with this page's chunk (see lib/i18n/messages.case.ts).
import '@/lib/i18n/messages.case';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useParams } from 'react-router';
import { uuid, type CaseDetail } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { breakthroughKeys } from '@/features/breakthroughs/api/get-breakthroughs';
import { useCase } from '@/features/cases/api/get-case';
import type { RenderOrganisationField } from '@/features/cases/components/assignment-form';
import { CaseAttachments } from '@/features/cases/components/case-attachments';
import { CaseBreakthrough } from '@/features/cases/components/case-breakthrough';
import { CaseComments } from '@/features/cases/components/case-comments';
import { CaseDetails } from '@/features/cases/components/case-details';
import { CaseLadder } from '@/features/cases/components/case-ladder';
import { CaseParties } from '@/features/cases/components/case-parties';
import { CaseStatusActions } from '@/features/cases/components/case-status-actions';
import { CaseTimeline } from '@/features/cases/components/case-timeline';
import { DeadlineClockText, DeadlineControls } from '@/features/cases/components/deadline-clock';
import { levelLabel, statusLabel } from '@/features/cases/components/labels';
import { OrganisationPicker } from '@/features/organisations/components/organisation-picker';
import { useLevels } from '@/features/reference/api/get-levels';
import { isApiError } from '@/lib/api-client';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { useCurrentUser } from './current-user';

/** What other pages may tell this one through the router state (the edit page after saving). */
export interface CaseRouteState {
  flash?: 'saved';
}

function BackLink() {
  const { t } = useI18n();
  return (
    <p className="back-link">
      <Link to={paths.cases.list.getHref()}>{t('case.backToList')}</Link>
    </p>
  );
}

const renderOrganisationField: RenderOrganisationField = (props) => <OrganisationPicker {...props} />;

/** The in-page table of contents: only the sections this user gets. */
function SectionNav({ item }: { item: CaseDetail }) {
  const { t } = useI18n();
  const sections: [string, MessageKey][] = [['gegevens', 'case.details']];
  if (item.availableTransitions.some((o) => o.via === 'transition'))
    sections.push(['status', 'transitions.title']);
  if (item.breakthrough || item.availableTransitions.some((o) => o.to === 'breakthrough'))
    sections.push(['doorbraak', 'breakthrough.title']);
  sections.push(
    ['partijen', 'assignments.title'],
    ['ladder', 'ladder.title'],
    ['tijdlijn', 'timeline.title'],
    ['opmerkingen', 'comments.title'],
    ['bijlagen', 'attachments.title'],
  );
  return (
    <nav className="section-nav" aria-label={t('case.sections')}>
      <ul className="section-nav__list">
        {sections.map(([id, key]) => (
          <li key={id}>
            <a href={`#${id}`}>{t(key)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The table's clock for assessing a new report: shown while it matters, with controls for the table. */
function TriageClock({ item }: { item: CaseDetail }) {
  const { t } = useI18n();
  const clock = item.deadlines.find((d) => d.kind === 'triage');
  if (!clock) return null;
  return (
    <div className="triage-clock">
      <p>
        {t('deadlines.triage')}: <DeadlineClockText deadline={clock} />
      </p>
      {item.permissions.manageAssignments ? (
        <DeadlineControls caseId={item.id} deadline={clock} subject={t('deadlines.triage')} />
      ) : null}
    </div>
  );
}

export default function CaseRoute() {
  const { t, language } = useI18n();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const location = useLocation();
  const { id = '' } = useParams();
  const isValidId = uuid.safeParse(id).success;
  const caseQuery = useCase(id, { enabled: isValidId });
  const levels = useLevels().data ?? [];

  const notFound = !isValidId || isApiError(caseQuery.error, 404) || isApiError(caseQuery.error, 400);
  if (notFound) {
    // Seen a moment ago, gone now: the user's own action took the case out of their scope (a
    // national user deciding sends it back to the lower table, for instance).
    const gone = caseQuery.data !== undefined;
    return (
      <>
        <DocumentTitle title={t(gone ? 'case.gone.title' : 'case.notFound.title')} />
        <BackLink />
        <PageHeading>{t(gone ? 'case.gone.title' : 'case.notFound.title')}</PageHeading>
        <p>{t(gone ? 'case.gone.body' : 'case.notFound.body')}</p>
      </>
    );
  }

  if (caseQuery.isPending) {
    return (
      <>
        <BackLink />
        <Loading label={t('case.loading')} />
      </>
    );
  }

  if (!caseQuery.data) {
    return (
      <>
        <BackLink />
        <PageHeading>{t('app.error.title')}</PageHeading>
        <Alert>{describeRequestError(caseQuery.error, t)}</Alert>
      </>
    );
  }

  const item = caseQuery.data;
  const flash = (location.state as CaseRouteState | null)?.flash;
  return (
    <>
      <DocumentTitle title={`${item.reference} ${item.projectName}`} />
      <BackLink />
      <PageHeading>
        <span className="page-heading__caption">{item.reference}</span> {item.projectName}
      </PageHeading>
      <p className="case-status-line">
        {t('case.status')}:{' '}
        <span className={`status status--${item.status}`}>{statusLabel(item.status, language)}</span> ·{' '}
        {t('case.level')}: <strong>{levelLabel(item.levelCode, language, levels)}</strong>
      </p>
      {flash === 'saved' ? <Alert type="info">{t('edit.saved')}</Alert> : null}
      <TriageClock item={item} />
      <SectionNav item={item} />
      <CaseDetails item={item} levels={levels} />
      <CaseStatusActions item={item} />
      <CaseBreakthrough
        item={item}
        onRecorded={() => queryClient.invalidateQueries({ queryKey: breakthroughKeys.all })}
      />
      <CaseParties item={item} me={me} renderOrganisationField={renderOrganisationField} />
      <CaseLadder item={item} levels={levels} />
      <CaseTimeline caseId={item.id} levels={levels} />
      <CaseComments caseId={item.id} me={me} canComment={item.permissions.comment} />
      <CaseAttachments caseId={item.id} me={me} />
    </>
  );
}
