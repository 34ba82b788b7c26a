import { useState } from 'react';
import { canReportOnAssignment, type Assignment, type CaseDetail, type Me } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Disclosure } from '@/components/ui/disclosure';
import { FormActions } from '@/components/ui/form-actions';
import { Section } from '@/components/ui/section';
import { todayInAmsterdam, useI18n } from '@/lib/i18n';
import type { RenderOrganisationField } from '@/lib/organisation-field';
import { useDeleteAssignment } from '../api/delete-assignment';
import { describeCaseActionError } from './action-errors';
import { AssignmentForm } from './assignment-form';
import { isPastDue } from './labels';
import { PartyReportForm } from './party-report-form';
import { DeadlineClockText, DeadlineControls } from './deadline-clock';

type Message = { type: 'info' | 'error'; text: string } | null;

function RemoveAssignment({
  caseId,
  assignment,
  onDone,
}: {
  caseId: string;
  assignment: Assignment;
  onDone: (message: Message) => void;
}) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteAssignment();

  if (!confirming) {
    return (
      <Button variant="subtle" onClick={() => setConfirming(true)}>
        {t('assignments.remove', { organisation: assignment.organisationName })}
      </Button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={`remove-${assignment.id}`}>
      <p id={`remove-${assignment.id}`}>
        {t('assignments.remove.confirm', { organisation: assignment.organisationName })}
      </p>
      <FormActions
        submitLabel={t('assignments.remove.yes')}
        autoFocus
        isBusy={remove.isPending}
        onConfirm={() => {
          remove
            .mutateAsync({ caseId, assignmentId: assignment.id, version: assignment.version })
            .then(() =>
              onDone({
                type: 'info',
                text: t('assignments.removed', { organisation: assignment.organisationName }),
              }),
            )
            .catch((error: unknown) =>
              onDone({ type: 'error', text: describeCaseActionError(error, t, language) }),
            );
        }}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

function AssignmentCard({
  item,
  assignment,
  me,
  renderOrganisationField,
  onMessage,
}: {
  item: CaseDetail;
  assignment: Assignment;
  me: Me;
  renderOrganisationField: RenderOrganisationField;
  onMessage: (message: Message) => void;
}) {
  const { t, formatDay } = useI18n();
  const [editing, setEditing] = useState(false);
  const overdue = assignment.actionStatus !== 'done' && isPastDue(assignment.dueDate, todayInAmsterdam());
  const canReport = canReportOnAssignment(me, item, assignment.organisationId);
  const titleId = `party-${assignment.id}`;
  const clock = item.deadlines.find((d) => d.kind === 'assignment' && d.assignmentId === assignment.id);

  return (
    <li className="card">
      <h3 id={titleId} className="card__title">
        {assignment.organisationName}
      </h3>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt>{t('assignments.role')}</dt>
          <dd>{t(`assignmentRole.${assignment.role}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('assignments.requestedAction')}</dt>
          <dd className="prewrap">{assignment.requestedAction}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('assignments.dueDate')}</dt>
          <dd>
            {assignment.dueDate ? formatDay(assignment.dueDate) : t('assignments.noDueDate')}
            {overdue ? <strong className="tag tag--warning"> {t('assignments.overdue')}</strong> : null}
          </dd>
        </div>
        {clock ? (
          <div className="summary-list__row">
            <dt>{t('deadlines.clock')}</dt>
            <dd>
              <DeadlineClockText deadline={clock} />
            </dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t('assignments.actionStatus')}</dt>
          <dd>
            <span className={`action-status action-status--${assignment.actionStatus}`}>
              {t(`actionStatus.${assignment.actionStatus}`)}
            </span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('assignments.progressNote')}</dt>
          <dd className="prewrap">{assignment.progressNote ?? t('assignments.noProgressNote')}</dd>
        </div>
        {assignment.contacts.length > 0 ? (
          <div className="summary-list__row">
            <dt>{t('assignments.contacts')}</dt>
            <dd>
              <ul className="plain-list">
                {assignment.contacts.map((contact) => (
                  <li key={contact.email}>
                    {contact.name ? `${contact.name}, ` : null}
                    <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {clock && item.permissions.manageAssignments ? (
        <DeadlineControls caseId={item.id} deadline={clock} subject={assignment.organisationName} />
      ) : null}
      {item.permissions.manageAssignments ? (
        editing ? (
          <AssignmentForm
            caseId={item.id}
            assignment={assignment}
            excludeOrganisationIds={[]}
            renderOrganisationField={renderOrganisationField}
            onCancel={() => setEditing(false)}
            onDone={(text) => {
              setEditing(false);
              onMessage({ type: 'info', text });
            }}
          />
        ) : (
          <div className="button-row">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('assignments.edit', { organisation: assignment.organisationName })}
            </Button>
            <RemoveAssignment caseId={item.id} assignment={assignment} onDone={onMessage} />
          </div>
        )
      ) : null}
      {canReport ? (
        <PartyReportForm
          caseId={item.id}
          assignment={assignment}
          onDone={(text) => onMessage({ type: 'info', text })}
        />
      ) : null}
    </li>
  );
}

/** "Partijen en acties": who was asked to do what, by when, and how far they are. */
export function CaseParties({
  item,
  me,
  renderOrganisationField,
}: {
  item: CaseDetail;
  me: Me;
  renderOrganisationField: RenderOrganisationField;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState<Message>(null);

  return (
    <Section id="partijen" title={t('assignments.title')}>
      {message ? (
        <Alert type={message.type} focus>
          {message.text}
        </Alert>
      ) : null}
      {item.assignments.length === 0 ? (
        <p>{t('assignments.empty')}</p>
      ) : (
        <ul className="card-list">
          {item.assignments.map((assignment) => (
            <AssignmentCard
              key={assignment.id}
              item={item}
              assignment={assignment}
              me={me}
              renderOrganisationField={renderOrganisationField}
              onMessage={setMessage}
            />
          ))}
        </ul>
      )}
      {item.permissions.manageAssignments ? (
        <Disclosure label={t('assignments.addTitle')}>
          {(close) => (
            <AssignmentForm
              caseId={item.id}
              excludeOrganisationIds={item.assignments.map((a) => a.organisationId)}
              renderOrganisationField={renderOrganisationField}
              onCancel={close}
              onDone={(text) => {
                close();
                setMessage({ type: 'info', text });
              }}
            />
          )}
        </Disclosure>
      ) : null}
    </Section>
  );
}
