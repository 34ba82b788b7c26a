import { useId, useState } from 'react';
import {
  ACTION_STATUSES,
  ASSIGNMENT_ROLES,
  CASE_STATUSES,
  ESCALATION_OUTCOMES,
  SOLUTION_TYPES,
  type CaseEvent,
  type Language,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { InlineSelectField } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { Section } from '@/components/ui/section';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type MessageKey, type Translate } from '@/lib/i18n';
import { useCaseEvents } from '../api/get-case-events';
import { levelLabel, solutionTypeLabel, statusLabel, type LadderLevel } from './labels';

type Data = Record<string, unknown>;

const record = (value: unknown): Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Labels of the case fields a `case.updated` event can name. */
const CASE_FIELD_KEYS: Record<string, MessageKey> = {
  projectName: 'caseField.projectName',
  homesTotal: 'caseField.homesTotal',
  homesSocialOrAffordable: 'caseField.homesSocialOrAffordable',
  knelpuntTypes: 'caseField.knelpuntTypes',
  description: 'caseField.description',
  phase: 'caseField.phase',
  confidentiality: 'caseField.confidentiality',
  locationProgramme: 'caseField.locationProgramme',
};

interface Described {
  sentence: string;
  details: string[];
}

/** One Dutch (or English) sentence per event type, plus the details worth reading (reason, question, note). */
export interface DescribeContext {
  t: Translate;
  language: Language;
  levels: readonly LadderLevel[];
  formatNumber: (value: number) => string;
  formatDay: (isoDay: string) => string;
}

export function describeEvent(event: CaseEvent, context: DescribeContext): Described {
  const { t, language, levels, formatNumber, formatDay } = context;
  const data = event.data;
  const before = record(data.before);
  const after = record(data.after);
  const organisation = text(data.organisationName) ?? t('timeline.unknownOrganisation');
  switch (event.type) {
    case 'case.submitted':
      return { sentence: t('timeline.case.submitted'), details: [] };
    case 'case.updated': {
      const fields = Object.keys(after).map((field) => {
        const key = CASE_FIELD_KEYS[field];
        return key ? t(key) : field;
      });
      return { sentence: t('timeline.case.updated', { fields: fields.join(', ') }), details: [] };
    }
    case 'case.status_changed': {
      const from = oneOf(CASE_STATUSES, before.status);
      const to = oneOf(CASE_STATUSES, after.status);
      const details: string[] = [];
      const reason = text(data.reason);
      if (reason) details.push(t('timeline.reason', { reason }));
      const fromLevel = text(before.level);
      const toLevel = text(after.level);
      if (fromLevel && toLevel && fromLevel !== toLevel) {
        details.push(
          t('timeline.levelChanged', {
            from: levelLabel(fromLevel, language, levels),
            to: levelLabel(toLevel, language, levels),
          }),
        );
      }
      return {
        sentence: t('timeline.case.statusChanged', {
          from: from ? statusLabel(from, language) : '—',
          to: to ? statusLabel(to, language) : '—',
        }),
        details,
      };
    }
    case 'assignment.created': {
      const role = oneOf(ASSIGNMENT_ROLES, after.role);
      const details: string[] = [];
      const action = text(after.requestedAction);
      if (action) details.push(t('timeline.requestedAction', { action }));
      return {
        sentence: t('timeline.assignment.created', {
          organisation,
          role: role ? t(`assignmentRole.${role}`) : '—',
        }),
        details,
      };
    }
    case 'assignment.updated': {
      const details: string[] = [];
      const status = oneOf(ACTION_STATUSES, after.actionStatus);
      if (status) details.push(t('timeline.actionStatus', { status: t(`actionStatus.${status}`) }));
      const note = text(after.progressNote);
      if (note) details.push(t('timeline.progressNote', { note }));
      if ('dueDate' in after) {
        const due = text(after.dueDate);
        details.push(due ? t('timeline.dueDate', { date: formatDay(due) }) : t('timeline.dueDateRemoved'));
      }
      const role = oneOf(ASSIGNMENT_ROLES, after.role);
      if (role) details.push(t('timeline.role', { role: t(`assignmentRole.${role}`) }));
      const action = text(after.requestedAction);
      if (action) details.push(t('timeline.requestedAction', { action }));
      return { sentence: t('timeline.assignment.updated', { organisation }), details };
    }
    case 'assignment.removed':
      return { sentence: t('timeline.assignment.removed', { organisation }), details: [] };
    case 'escalation.opened': {
      const toLevel = text(after.toLevel);
      const question = text(after.question);
      return {
        sentence: t('timeline.escalation.opened', {
          level: toLevel ? levelLabel(toLevel, language, levels) : '—',
        }),
        details: question ? [t('timeline.question', { question })] : [],
      };
    }
    case 'escalation.decided': {
      const outcome = oneOf(ESCALATION_OUTCOMES, after.outcome);
      const note = text(after.note);
      return {
        sentence: t('timeline.escalation.decided', {
          outcome: outcome ? t(`escalationOutcome.${outcome}`) : '—',
        }),
        details: note ? [t('timeline.note', { note })] : [],
      };
    }
    case 'breakthrough.recorded': {
      const homes = typeof after.homesUnblocked === 'number' ? after.homesUnblocked : 0;
      const solution = oneOf(SOLUTION_TYPES, after.solutionType);
      return {
        sentence: t('timeline.breakthrough.recorded', { count: formatNumber(homes) }),
        details: solution
          ? [t('timeline.solution', { solution: solutionTypeLabel(solution, language) })]
          : [],
      };
    }
    case 'comment.added': {
      const excerpt = text(data.excerpt);
      return { sentence: t('timeline.comment.added'), details: excerpt ? [excerpt] : [] };
    }
    case 'attachment.added':
      return {
        sentence: t('timeline.attachment.added', { filename: text(data.filename) ?? '—' }),
        details: [],
      };
    default:
      return { sentence: t('timeline.other', { type: event.type }), details: [] };
  }
}

/** "Tijdlijn": every change to the case, with who did it and when; newest or oldest first. */
export function CaseTimeline({ caseId, levels }: { caseId: string; levels: readonly LadderLevel[] }) {
  const { t, language, formatDateTime, formatNumber, formatDay } = useI18n();
  const [order, setOrder] = useState<'newest' | 'oldest'>('newest');
  const orderId = useId();
  const eventsQuery = useCaseEvents(caseId);

  let body;
  if (eventsQuery.isPending) body = <Loading label={t('timeline.loading')} />;
  else if (!eventsQuery.data) body = <Alert>{describeRequestError(eventsQuery.error, t)}</Alert>;
  else if (eventsQuery.data.length === 0) body = <p>{t('timeline.empty')}</p>;
  else {
    const events = order === 'newest' ? [...eventsQuery.data].reverse() : eventsQuery.data;
    body = (
      <ol
        className="timeline"
        aria-label={t(order === 'newest' ? 'timeline.list.newest' : 'timeline.list.oldest')}
      >
        {events.map((event) => {
          const { sentence, details } = describeEvent(event, {
            t,
            language,
            levels,
            formatNumber,
            formatDay,
          });
          return (
            <li key={event.seq} className="timeline__item">
              <p className="timeline__sentence">{sentence}</p>
              {details.map((detail, index) => (
                <p key={index} className="timeline__detail prewrap">
                  {detail}
                </p>
              ))}
              <p className="timeline__meta">
                {event.actorLabel} ·{' '}
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
              </p>
            </li>
          );
        })}
      </ol>
    );
  }

  return (
    <Section id="tijdlijn" title={t('timeline.title')}>
      <InlineSelectField
        id={orderId}
        label={t('timeline.order')}
        value={order}
        onChange={(event) => setOrder(event.target.value === 'oldest' ? 'oldest' : 'newest')}
        options={[
          { value: 'newest', label: t('timeline.order.newest') },
          { value: 'oldest', label: t('timeline.order.oldest') },
        ]}
      />
      {body}
    </Section>
  );
}
