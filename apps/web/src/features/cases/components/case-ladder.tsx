import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  createEscalationSchema,
  decideEscalationSchema,
  ESCALATION_OUTCOMES,
  type CaseDetail,
  type CreateEscalationInput,
  type DecideEscalationInput,
  type Escalation,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Disclosure } from '@/components/ui/disclosure';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { RadioGroup, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
import { Section } from '@/components/ui/section';
import { DeadlineClockText, DeadlineControls } from './deadline-clock';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useCreateEscalation } from '../api/create-escalation';
import { useDecideEscalation } from '../api/decide-escalation';
import { escalationOwnerCandidates, useEscalationOwnerOrganisations } from '../api/get-escalation-owners';
import { describeCaseActionError } from './action-errors';
import { levelLabel, type LadderLevel } from './labels';

type Message = { type: 'info' | 'error'; text: string } | null;

/** The four levels as an ordered list; the current one is `aria-current="step"` and says so in words. */
function LadderSteps({ item, levels }: { item: CaseDetail; levels: readonly LadderLevel[] }) {
  const { t, language } = useI18n();
  return (
    <ol className="ladder" aria-label={t('ladder.steps')}>
      {levels.map((level) => {
        const isCurrent = level.code === item.levelCode;
        const state = isCurrent ? 'current' : level.rank < item.levelRank ? 'below' : 'above';
        return (
          <li
            key={level.code}
            className={`ladder__step ladder__step--${state}`}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <span className="ladder__rank" aria-hidden="true">
              {level.rank}
            </span>
            <span className="ladder__label">{levelLabel(level.code, language, levels)}</span>
            {isCurrent ? <strong className="ladder__marker">{t('ladder.current')}</strong> : null}
          </li>
        );
      })}
    </ol>
  );
}

interface EscalateValues {
  toLevel: string;
  ownerOrganisationId: string;
  question: string;
  dueDate: string;
}

function EscalateForm({
  item,
  levels,
  onDone,
  onCancel,
}: {
  item: CaseDetail;
  levels: readonly LadderLevel[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const higher = levels.filter((level) => level.rank > item.levelRank);
  const resolver = useMemo(
    () =>
      domainResolver<EscalateValues, CreateEscalationInput>(
        createEscalationSchema,
        (values) => ({
          toLevel: values.toLevel,
          question: values.question,
          ...(values.ownerOrganisationId ? { ownerOrganisationId: values.ownerOrganisationId } : {}),
          ...(values.dueDate ? { dueDate: values.dueDate } : {}),
        }),
        language,
        (path) => {
          if (path === 'toLevel') return t('escalate.error.level');
          if (path === 'ownerOrganisationId') return t('escalate.error.owner');
          if (path === 'question') return t('escalate.error.question');
          if (path === 'dueDate') return t('form.error.date');
          return undefined;
        },
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    watch,
    formState: { errors, submitCount },
  } = useForm<EscalateValues, unknown, CreateEscalationInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: { toLevel: higher[0]?.code ?? '', ownerOrganisationId: '', question: '', dueDate: '' },
  });
  const mutation = useCreateEscalation();
  const organisations = useEscalationOwnerOrganisations();
  const toLevel = watch('toLevel');
  const owners = useMemo(
    () => escalationOwnerCandidates(organisations.data ?? [], toLevel, item.provinceCode),
    [organisations.data, toLevel, item.provinceCode],
  );
  // Another level, other candidates: a choice that no longer fits is cleared.
  useEffect(() => {
    const chosen = getValues('ownerOrganisationId');
    if (chosen && !owners.some((o) => o.id === chosen)) setValue('ownerOrganisationId', '');
  }, [owners, getValues, setValue]);

  const onSubmit = handleSubmit(async (input) => {
    try {
      await mutation.mutateAsync({ caseId: item.id, input });
      onDone(t('escalate.done', { level: levelLabel(input.toLevel, language, levels) }));
    } catch (error) {
      if (
        !applyServerFieldErrors(error, ['toLevel', 'ownerOrganisationId', 'question', 'dueDate'], setError)
      ) {
        setError('root.server', { type: 'request', message: describeCaseActionError(error, t, language) });
      }
    }
  });

  const summary: ErrorSummaryItem[] = [];
  if (errors.root?.server?.message)
    summary.push({ fieldId: 'escalate-toLevel', message: errors.root.server.message });
  if (errors.toLevel?.message) summary.push({ fieldId: 'escalate-toLevel', message: errors.toLevel.message });
  if (errors.ownerOrganisationId?.message)
    summary.push({ fieldId: 'escalate-owner', message: errors.ownerOrganisationId.message });
  if (errors.question?.message)
    summary.push({ fieldId: 'escalate-question', message: errors.question.message });
  if (errors.dueDate?.message) summary.push({ fieldId: 'escalate-dueDate', message: errors.dueDate.message });

  return (
    <InlineForm id="escalate" title={t('escalate.title')} onSubmit={onSubmit}>
      <ErrorSummary items={summary} focusKey={submitCount} />
      <SelectField
        id="escalate-toLevel"
        label={t('escalate.toLevel')}
        hint={t('escalate.toLevel.hint')}
        options={higher.map((level) => ({
          value: level.code,
          label: levelLabel(level.code, language, levels),
        }))}
        error={errors.toLevel?.message}
        {...register('toLevel')}
      />
      <SelectField
        id="escalate-owner"
        label={t('escalate.owner')}
        hint={organisations.isError ? t('escalate.owner.unavailable') : t('escalate.owner.hint')}
        optional
        placeholder={organisations.isPending ? t('escalate.owner.loading') : t('escalate.owner.none')}
        options={owners.map((o) => ({
          value: o.id,
          label: o.shortName ? `${o.name} (${o.shortName})` : o.name,
        }))}
        error={errors.ownerOrganisationId?.message}
        {...register('ownerOrganisationId')}
      />
      <TextareaField
        id="escalate-question"
        label={t('escalate.question')}
        hint={t('escalate.question.hint')}
        rows={4}
        error={errors.question?.message}
        {...register('question')}
      />
      <TextField
        id="escalate-dueDate"
        label={t('escalate.dueDate')}
        type="date"
        optional
        short
        error={errors.dueDate?.message}
        {...register('dueDate')}
      />
      <FormActions submitLabel={t('escalate.submit')} isBusy={mutation.isPending} onCancel={onCancel} />
    </InlineForm>
  );
}

interface DecideValues {
  outcome: string;
  note: string;
}

function DecideForm({
  item,
  escalation,
  onDone,
  onCancel,
}: {
  item: CaseDetail;
  escalation: Escalation;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const prefix = `decide-${escalation.id}`;
  const resolver = useMemo(
    () =>
      domainResolver<DecideValues, DecideEscalationInput>(
        decideEscalationSchema,
        (values) => ({ outcome: values.outcome || undefined, note: values.note }),
        language,
        (path) => {
          if (path === 'outcome') return t('decide.error.outcome');
          if (path === 'note') return t('decide.error.note');
          return undefined;
        },
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, submitCount },
  } = useForm<DecideValues, unknown, DecideEscalationInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: { outcome: '', note: '' },
  });
  const mutation = useDecideEscalation();

  const onSubmit = handleSubmit(async (input) => {
    try {
      await mutation.mutateAsync({ caseId: item.id, escalationId: escalation.id, input });
      onDone(t('decide.done', { outcome: t(`escalationOutcome.${input.outcome}`) }));
    } catch (error) {
      if (!applyServerFieldErrors(error, ['outcome', 'note'], setError)) {
        setError('root.server', { type: 'request', message: describeCaseActionError(error, t, language) });
      }
    }
  });

  const summary: ErrorSummaryItem[] = [];
  if (errors.root?.server?.message)
    summary.push({ fieldId: `${prefix}-outcome`, message: errors.root.server.message });
  if (errors.outcome?.message)
    summary.push({ fieldId: `${prefix}-outcome`, message: errors.outcome.message });
  if (errors.note?.message) summary.push({ fieldId: `${prefix}-note`, message: errors.note.message });

  return (
    <InlineForm id={prefix} title={t('decide.title')} level={4} onSubmit={onSubmit}>
      <ErrorSummary items={summary} focusKey={submitCount} />
      <RadioGroup
        id={`${prefix}-outcome`}
        label={t('decide.outcome')}
        options={ESCALATION_OUTCOMES.map((outcome) => ({
          value: outcome,
          label: t(`escalationOutcome.${outcome}`),
          hint: t(`escalationOutcome.${outcome}.hint`),
        }))}
        error={errors.outcome?.message}
        inputProps={register('outcome')}
      />
      <TextareaField
        id={`${prefix}-note`}
        label={t('decide.note')}
        hint={t('decide.note.hint')}
        rows={4}
        error={errors.note?.message}
        {...register('note')}
      />
      <FormActions submitLabel={t('decide.submit')} isBusy={mutation.isPending} onCancel={onCancel} />
    </InlineForm>
  );
}

function EscalationItem({
  item,
  escalation,
  levels,
  onMessage,
}: {
  item: CaseDetail;
  escalation: Escalation;
  levels: readonly LadderLevel[];
  onMessage: (message: Message) => void;
}) {
  const { t, language, formatDay, formatDateTime } = useI18n();
  const isOpen = escalation.outcome === null;
  const decisionClock = item.deadlines.find(
    (d) => d.kind === 'level_decision' && d.escalationId === escalation.id,
  );
  const fromTo = t('escalations.fromTo', {
    from: levelLabel(escalation.fromLevel, language, levels),
    to: levelLabel(escalation.toLevel, language, levels),
  });
  return (
    <li className="card">
      <h4 className="card__title">{fromTo}</h4>
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt>{t('escalations.openedAt')}</dt>
          <dd>
            <time dateTime={escalation.createdAt}>{formatDateTime(escalation.createdAt)}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('escalations.question')}</dt>
          <dd className="prewrap">{escalation.question}</dd>
        </div>
        {escalation.ownerOrganisationName ? (
          <div className="summary-list__row">
            <dt>{t('escalations.owner')}</dt>
            <dd>{escalation.ownerOrganisationName}</dd>
          </div>
        ) : null}
        {escalation.dueDate ? (
          <div className="summary-list__row">
            <dt>{t('escalations.dueDate')}</dt>
            <dd>{formatDay(escalation.dueDate)}</dd>
          </div>
        ) : null}
        {decisionClock ? (
          <div className="summary-list__row">
            <dt>{t('deadlines.decision')}</dt>
            <dd>
              <DeadlineClockText deadline={decisionClock} />
            </dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>{t('escalations.outcome')}</dt>
          <dd>
            {escalation.outcome ? (
              <strong>{t(`escalationOutcome.${escalation.outcome}`)}</strong>
            ) : (
              <strong>{t('escalations.awaiting')}</strong>
            )}
            {escalation.decidedAt ? (
              <>
                {' '}
                (<time dateTime={escalation.decidedAt}>{formatDateTime(escalation.decidedAt)}</time>)
              </>
            ) : null}
          </dd>
        </div>
        {escalation.outcomeNote ? (
          <div className="summary-list__row">
            <dt>{t('escalations.note')}</dt>
            <dd className="prewrap">{escalation.outcomeNote}</dd>
          </div>
        ) : null}
      </dl>
      {decisionClock && item.permissions.manageAssignments ? (
        <DeadlineControls caseId={item.id} deadline={decisionClock} subject={fromTo} />
      ) : null}
      {isOpen && item.permissions.escalate ? (
        <Disclosure label={t('decide.title')}>
          {(close) => (
            <DecideForm
              item={item}
              escalation={escalation}
              onCancel={close}
              onDone={(text) => {
                close();
                onMessage({ type: 'info', text });
              }}
            />
          )}
        </Disclosure>
      ) : null}
    </li>
  );
}

/** "Ladder": where the case stands on the escalation ladder, what was asked higher up and the answers. */
export function CaseLadder({ item, levels }: { item: CaseDetail; levels: readonly LadderLevel[] }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<Message>(null);
  const canOpen =
    item.permissions.escalate &&
    item.status === 'in_progress' &&
    item.availableTransitions.some((option) => option.via === 'escalation') &&
    levels.some((level) => level.rank > item.levelRank);
  const escalations = [...item.escalations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Section id="ladder" title={t('ladder.title')}>
      <p>{t('ladder.intro')}</p>
      <LadderSteps item={item} levels={levels} />
      {message ? (
        <Alert type={message.type} focus>
          {message.text}
        </Alert>
      ) : null}
      <h3>{t('escalations.title')}</h3>
      {escalations.length === 0 ? (
        <p>{t('escalations.empty')}</p>
      ) : (
        <ul className="card-list">
          {escalations.map((escalation) => (
            <EscalationItem
              key={escalation.id}
              item={item}
              escalation={escalation}
              levels={levels}
              onMessage={setMessage}
            />
          ))}
        </ul>
      )}
      {canOpen ? (
        <Disclosure label={t('escalate.title')}>
          {(close) => (
            <EscalateForm
              item={item}
              levels={levels}
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
