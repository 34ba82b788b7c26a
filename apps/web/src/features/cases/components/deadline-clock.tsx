import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  DEADLINE_RULE_MESSAGES,
  extendDeadlineSchema,
  pauseDeadlineSchema,
  type Deadline,
  type DeadlineRule,
  type ExtendDeadlineInput,
  type Language,
  type PauseDeadlineInput,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Disclosure } from '@/components/ui/disclosure';
import { TextareaField, TextField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
import { isApiError } from '@/lib/api-client';
import { describeClock, isClockOverdue } from '@/lib/clock';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n, type Translate } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { useExtendDeadline } from '../api/extend-deadline';
import { usePauseDeadline } from '../api/pause-deadline';
import { useResumeDeadline } from '../api/resume-deadline';
import { describeCaseActionError } from './action-errors';

const PAUSE_MAX_DAYS = 250;
const EXTEND_MAX_DAYS = 120;

/** A refused clock command (409 …/<rule>) in the user's language; the rest as any case action. */
export function describeDeadlineError(error: unknown, t: Translate, language: Language): string {
  if (isApiError(error, 409) && error.rule in DEADLINE_RULE_MESSAGES) {
    return DEADLINE_RULE_MESSAGES[error.rule as DeadlineRule][language];
  }
  return describeCaseActionError(error, t, language);
}

/** The clock in words, with its due date and any extension; overdue also in bold, not in colour alone. */
export function DeadlineClockText({ deadline }: { deadline: Deadline }) {
  const { t, formatDay } = useI18n();
  const words = describeClock(deadline, t, formatDay);
  const open = deadline.state === 'running' || deadline.state === 'paused' || deadline.state === 'breached';
  return (
    <>
      {isClockOverdue(deadline) ? (
        <strong className="tag tag--warning">{words}</strong>
      ) : (
        <span>{words}</span>
      )}
      {open && deadline.dueDate ? (
        <> ({t('deadlines.dueDate', { date: formatDay(deadline.dueDate) })})</>
      ) : null}
      {deadline.extensionWorkingDays > 0 ? (
        <>, {t('deadlines.extended', { count: deadline.extensionWorkingDays })}</>
      ) : null}
    </>
  );
}

interface PauseValues {
  reason: string;
  expectedResume: string;
  maxWorkingDays: string;
}

function PauseForm({
  caseId,
  deadline,
  subject,
  onDone,
}: {
  caseId: string;
  deadline: Deadline;
  subject: string;
  onDone: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const prefix = `pause-${deadline.id}`;
  const resolver = useMemo(
    () =>
      domainResolver<PauseValues, PauseDeadlineInput>(
        pauseDeadlineSchema,
        (values) => ({
          reason: values.reason,
          ...(values.expectedResume ? { expectedResume: values.expectedResume } : {}),
          maxWorkingDays: parseCount(values.maxWorkingDays),
        }),
        language,
        (path) => {
          if (path === 'reason') return t('deadlines.error.reason');
          if (path === 'maxWorkingDays') return t('deadlines.error.days', { max: PAUSE_MAX_DAYS });
          if (path === 'expectedResume') return t('form.error.date');
          return undefined;
        },
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PauseValues, unknown, PauseDeadlineInput>({
    resolver,
    defaultValues: { reason: '', expectedResume: '', maxWorkingDays: '20' },
  });
  const pause = usePauseDeadline();
  const onSubmit = handleSubmit(async (input) => {
    try {
      await pause.mutateAsync({ caseId, deadlineId: deadline.id, input });
      onDone(t('deadlines.pause.done', { subject }));
    } catch (error) {
      setError('root.server', { type: 'request', message: describeDeadlineError(error, t, language) });
    }
  });
  return (
    <InlineForm id={prefix} onSubmit={onSubmit}>
      {errors.root?.server?.message ? <Alert focus>{errors.root.server.message}</Alert> : null}
      <TextareaField
        id={`${prefix}-reason`}
        label={t('deadlines.pause.reason')}
        hint={t('deadlines.pause.reason.hint')}
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
      <TextField
        id={`${prefix}-expectedResume`}
        type="date"
        label={t('deadlines.pause.expectedResume')}
        optional
        error={errors.expectedResume?.message}
        {...register('expectedResume')}
      />
      <TextField
        id={`${prefix}-maxWorkingDays`}
        inputMode="numeric"
        short
        label={t('deadlines.pause.maxWorkingDays')}
        error={errors.maxWorkingDays?.message}
        {...register('maxWorkingDays')}
      />
      <FormActions submitLabel={t('deadlines.pause.submit')} isBusy={pause.isPending} />
    </InlineForm>
  );
}

interface ExtendValues {
  workingDays: string;
  reason: string;
}

function ExtendForm({
  caseId,
  deadline,
  subject,
  onDone,
}: {
  caseId: string;
  deadline: Deadline;
  subject: string;
  onDone: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const prefix = `extend-${deadline.id}`;
  const resolver = useMemo(
    () =>
      domainResolver<ExtendValues, ExtendDeadlineInput>(
        extendDeadlineSchema,
        (values) => ({ workingDays: parseCount(values.workingDays), reason: values.reason }),
        language,
        (path) => {
          if (path === 'reason') return t('deadlines.error.reason');
          if (path === 'workingDays') return t('deadlines.error.days', { max: EXTEND_MAX_DAYS });
          return undefined;
        },
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ExtendValues, unknown, ExtendDeadlineInput>({
    resolver,
    defaultValues: { workingDays: '', reason: '' },
  });
  const extend = useExtendDeadline();
  const onSubmit = handleSubmit(async (input) => {
    try {
      await extend.mutateAsync({ caseId, deadlineId: deadline.id, input });
      onDone(t('deadlines.extend.done', { subject, count: input.workingDays }));
    } catch (error) {
      setError('root.server', { type: 'request', message: describeDeadlineError(error, t, language) });
    }
  });
  return (
    <InlineForm id={prefix} onSubmit={onSubmit}>
      {errors.root?.server?.message ? <Alert focus>{errors.root.server.message}</Alert> : null}
      <TextField
        id={`${prefix}-workingDays`}
        inputMode="numeric"
        short
        label={t('deadlines.extend.workingDays')}
        error={errors.workingDays?.message}
        {...register('workingDays')}
      />
      <TextareaField
        id={`${prefix}-reason`}
        label={t('deadlines.extend.reason')}
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
      <FormActions submitLabel={t('deadlines.extend.submit')} isBusy={extend.isPending} />
    </InlineForm>
  );
}

/**
 * Pause, resume and extend one clock (the table: `permissions.manageAssignments`). `subject` names
 * the clock in button labels and messages ("Gemeente Barendrecht", "triage", …).
 */
export function DeadlineControls({
  caseId,
  deadline,
  subject,
}: {
  caseId: string;
  deadline: Deadline;
  subject: string;
}) {
  const { t, language } = useI18n();
  const [message, setMessage] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const resume = useResumeDeadline();
  const closed = deadline.state === 'met' || deadline.state === 'cancelled';
  if (closed && !message) return null;
  const done = (text: string) => setMessage({ type: 'info', text });

  return (
    <div className="deadline-controls">
      {message ? (
        <Alert type={message.type} focus>
          {message.text}
        </Alert>
      ) : null}
      {closed ? null : deadline.state === 'paused' ? (
        <Button
          variant="secondary"
          isBusy={resume.isPending}
          busyText={t('form.saving')}
          onClick={() =>
            resume.mutate(
              { caseId, deadlineId: deadline.id },
              {
                onSuccess: () => done(t('deadlines.resume.done', { subject })),
                onError: (error) =>
                  setMessage({ type: 'error', text: describeDeadlineError(error, t, language) }),
              },
            )
          }
        >
          {t('deadlines.resume', { subject })}
        </Button>
      ) : (
        <Disclosure label={t('deadlines.pause', { subject })}>
          {(close) => (
            <PauseForm
              caseId={caseId}
              deadline={deadline}
              subject={subject}
              onDone={(text) => {
                close();
                done(text);
              }}
            />
          )}
        </Disclosure>
      )}
      {closed ? null : (
        <Disclosure label={t('deadlines.extend', { subject })}>
          {(close) => (
            <ExtendForm
              caseId={caseId}
              deadline={deadline}
              subject={subject}
              onDone={(text) => {
                close();
                done(text);
              }}
            />
          )}
        </Disclosure>
      )}
    </div>
  );
}
