// The words of case work (action statuses, the link's own texts) travel with this page's chunk.
import '@/lib/i18n/messages.case';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CASE_STATUSES, type ActionLinkView, type CaseStatus } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Loading } from '@/components/ui/loading';
import { Section } from '@/components/ui/section';
import { statusLabel } from '@/features/cases/components/labels';
import { useActionLink } from '@/features/links/api/get-action-link';
import { describeLinkError, LinkResponseForm } from '@/features/links/components/link-response-form';
import { isApiError } from '@/lib/api-client';
import { describeClock } from '@/lib/clock';
import { useI18n } from '@/lib/i18n';

function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

function Summary({ view }: { view: ActionLinkView }) {
  const { t, language, formatNumber, formatDay } = useI18n();
  const { case: item, assignment } = view;
  const rows: [string, string][] = [
    [t('link.reference'), item.reference],
    [t('link.project'), item.projectName],
    [t('link.municipality'), item.municipalityName],
    [t('link.province'), item.provinceName],
    [t('link.homes'), formatNumber(item.homesTotal)],
    [t('link.status'), isCaseStatus(item.status) ? statusLabel(item.status, language) : item.status],
  ];
  if (item.description) rows.push([t('link.description'), item.description]);
  const actionRows: [string, string][] = [
    [t('assignments.role'), t(`assignmentRole.${assignment.role}`)],
    [t('assignments.requestedAction'), assignment.requestedAction],
    [
      t('assignments.dueDate'),
      assignment.dueDate ? formatDay(assignment.dueDate) : t('assignments.noDueDate'),
    ],
  ];
  if (assignment.deadline) {
    actionRows.push([t('deadlines.clock'), describeClock(assignment.deadline, t, formatDay)]);
  }
  actionRows.push(
    [t('assignments.actionStatus'), t(`actionStatus.${assignment.actionStatus}`)],
    [t('assignments.progressNote'), assignment.progressNote ?? t('assignments.noProgressNote')],
  );
  const list = (entries: [string, string][]) => (
    <dl className="summary-list">
      {entries.map(([term, value]) => (
        <div className="summary-list__row" key={term}>
          <dt>{term}</dt>
          <dd className="prewrap">{value}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      <Section id="actie" title={t('link.action', { organisation: assignment.organisationName })}>
        {list(actionRows)}
      </Section>
      <Section id="dossier" title={t('link.case')}>
        {list(rows)}
      </Section>
    </>
  );
}

/**
 * The page behind a signed action link: no login, the token in the path is the credential. A
 * contact sees the case and the action asked of their organisation, and answers once (status,
 * more time, a note — together). Afterwards the page still shows the case, and says it was
 * answered and that the next reminder brings a new link.
 */
export default function ActionLinkRoute() {
  const { t, formatDay, formatDate } = useI18n();
  const { token = '' } = useParams();
  const linkQuery = useActionLink(token);
  const view = linkQuery.data;
  // Answered here and now (the form was shown first): the message takes focus, as the form is gone.
  const [sawForm, setSawForm] = useState(false);
  if (view?.canAct && !sawForm) setSawForm(true);

  if (linkQuery.isPending) return <Loading label={t('link.loading')} />;

  if (!view) {
    const ended = isApiError(linkQuery.error, 401) || isApiError(linkQuery.error, 404);
    return (
      <div className="narrow">
        <DocumentTitle title={ended ? t('link.invalid.title') : t('app.error.title')} />
        <PageHeading>{ended ? t('link.invalid.title') : t('app.error.title')}</PageHeading>
        {ended ? <p>{t('link.invalid.body')}</p> : <Alert>{describeLinkError(linkQuery.error, t)}</Alert>}
      </div>
    );
  }

  return (
    <div className="narrow">
      <DocumentTitle title={`${t('link.title')} – ${view.case.reference}`} />
      <PageHeading>
        <span className="page-heading__caption">{view.case.reference}</span> {t('link.title')}
      </PageHeading>
      <p>{t('link.intro', { email: view.link.contactEmail, date: formatDay(view.link.expiresAt) })}</p>
      {view.link.usedAt ? (
        <Alert type="info" focus={sawForm}>
          {t('link.answered', { date: formatDate(view.link.usedAt) })}
        </Alert>
      ) : null}
      <Summary view={view} />
      {view.canAct ? (
        <LinkResponseForm token={token} view={view} />
      ) : view.link.usedAt ? null : (
        <Alert type="info">{t('link.closed')}</Alert>
      )}
    </div>
  );
}
