import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import {
  ACTION_STATUSES,
  linkResponseSchema,
  type ActionLinkView,
  type LinkResponseInput,
} from '@doorbraak/domain';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { FormFieldset, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { Section } from '@/components/ui/section';
import { isApiError } from '@/lib/api-client';
import { domainResolver } from '@/lib/domain-resolver';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type Translate } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { useAnswerActionLink } from '../api/answer-action-link';

/** A refused link or answer, in plain words: ended, already answered, case closed, or else the api's own sentence. */
export function describeLinkError(error: unknown, t: Translate): string {
  if (isApiError(error, 401) || isApiError(error, 404)) return t('link.invalid.body');
  if (isApiError(error, 409)) {
    if (error.rule === 'link-used') return t('link.response.replayed');
    if (error.rule === 'case-closed') return t('link.closed');
  }
  return describeRequestError(error, t);
}

interface ResponseValues {
  actionStatus: ActionLinkView['assignment']['actionStatus'];
  progressNote: string;
  extension: { workingDays: string; reason: string };
  note: string;
}

type FieldName = 'actionStatus' | 'progressNote' | 'extension.workingDays' | 'extension.reason' | 'note';

/** Field ids, so the error summary can move focus to the field a message is about. */
const FIELD_IDS: Record<FieldName, string> = {
  actionStatus: 'link-actionStatus',
  progressNote: 'link-progressNote',
  'extension.workingDays': 'link-workingDays',
  'extension.reason': 'link-reason',
  note: 'link-note',
};
const isFieldName = (path: string): path is FieldName =>
  Object.prototype.hasOwnProperty.call(FIELD_IDS, path);

/**
 * The contact's one answer through a signed link: the action status (with a progress note), a
 * request for more working days and a note, sent together. Only what the contact filled in or
 * changed is sent; the libs/domain schema the api uses judges it (at least one part).
 */
export function LinkResponseForm({ token, view }: { token: string; view: ActionLinkView }) {
  const { t, language } = useI18n();
  const { assignment } = view;
  const canExtend = assignment.deadline !== null;
  const resolver = useMemo(
    () =>
      domainResolver<ResponseValues, LinkResponseInput>(
        linkResponseSchema,
        (values) => {
          const input: Record<string, unknown> = {};
          if (values.actionStatus !== assignment.actionStatus) input.actionStatus = values.actionStatus;
          if (values.progressNote.trim() !== (assignment.progressNote ?? '').trim()) {
            input.progressNote = values.progressNote;
          }
          const { workingDays, reason } = values.extension;
          if (canExtend && (workingDays.trim() || reason.trim())) {
            input.extension = { workingDays: parseCount(workingDays), reason };
          }
          if (values.note.trim()) input.note = values.note;
          return input;
        },
        language,
      ),
    [language, assignment.actionStatus, assignment.progressNote, canExtend],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, submitCount },
  } = useForm<ResponseValues, unknown, LinkResponseInput>({
    resolver,
    defaultValues: {
      actionStatus: assignment.actionStatus,
      progressNote: assignment.progressNote ?? '',
      extension: { workingDays: '', reason: '' },
      note: '',
    },
  });
  const answer = useAnswerActionLink(token);

  const onSubmit = handleSubmit(async (input) => {
    try {
      await answer.mutateAsync(input);
    } catch (error) {
      if (isApiError(error, 400) && error.fieldErrors.length > 0) {
        const general: string[] = [];
        for (const fieldError of error.fieldErrors) {
          if (isFieldName(fieldError.field)) {
            setError(fieldError.field, { type: 'server', message: fieldError.message });
          } else general.push(fieldError.message);
        }
        if (general.length > 0) setError('root.server', { type: 'server', message: general.join(' ') });
        return;
      }
      setError('root.server', { type: 'request', message: describeLinkError(error, t) });
    }
  });

  const summary: ErrorSummaryItem[] = [];
  if (errors.root?.server?.message) {
    summary.push({ fieldId: FIELD_IDS.actionStatus, message: errors.root.server.message });
  }
  const fieldMessages: [FieldName, string | undefined][] = [
    ['actionStatus', errors.actionStatus?.message],
    ['progressNote', errors.progressNote?.message],
    ['extension.workingDays', errors.extension?.workingDays?.message],
    ['extension.reason', errors.extension?.reason?.message],
    ['note', errors.note?.message],
  ];
  for (const [path, message] of fieldMessages) {
    if (message) summary.push({ fieldId: FIELD_IDS[path], message });
  }

  return (
    <Section id="antwoord" title={t('link.response.title')}>
      <form onSubmit={onSubmit} noValidate className="form">
        <ErrorSummary items={summary} focusKey={submitCount} />
        <p>{t('link.response.intro')}</p>
        <FormFieldset id="link-status" label={t('link.response.status.legend')}>
          <SelectField
            id={FIELD_IDS.actionStatus}
            label={t('assignments.actionStatus')}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))}
            error={errors.actionStatus?.message}
            {...register('actionStatus')}
          />
          <TextareaField
            id={FIELD_IDS.progressNote}
            label={t('link.response.progressNote')}
            hint={t('assignments.progressNote.hint')}
            rows={4}
            optional
            error={errors.progressNote?.message}
            {...register('progressNote')}
          />
        </FormFieldset>
        {canExtend ? (
          <FormFieldset
            id="link-extension"
            label={t('link.response.extension.legend')}
            hint={t('link.response.extension.hint')}
            optional
          >
            <TextField
              id={FIELD_IDS['extension.workingDays']}
              inputMode="numeric"
              short
              label={t('link.response.workingDays')}
              error={errors.extension?.workingDays?.message}
              {...register('extension.workingDays')}
            />
            <TextareaField
              id={FIELD_IDS['extension.reason']}
              label={t('link.response.reason')}
              rows={3}
              error={errors.extension?.reason?.message}
              {...register('extension.reason')}
            />
          </FormFieldset>
        ) : null}
        <TextareaField
          id={FIELD_IDS.note}
          label={t('link.response.note')}
          hint={t('link.response.note.hint')}
          rows={4}
          optional
          error={errors.note?.message}
          {...register('note')}
        />
        <FormActions
          submitLabel={t('link.response.submit')}
          isBusy={answer.isPending}
          busyText={t('link.response.sending')}
        />
      </form>
    </Section>
  );
}
