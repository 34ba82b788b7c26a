import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  ACTION_STATUSES,
  linkActionStatusSchema,
  linkExtensionRequestSchema,
  linkNoteSchema,
  type ActionLinkView,
  type LinkActionStatusInput,
  type LinkExtensionRequestInput,
  type LinkNoteInput,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextareaField, TextField } from '@/components/ui/form';
import { Section } from '@/components/ui/section';
import { isApiError } from '@/lib/api-client';
import { domainResolver } from '@/lib/domain-resolver';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type Translate } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { useAddLinkNote } from '../api/add-link-note';
import { useReportLinkStatus } from '../api/report-link-status';
import { useRequestLinkExtension } from '../api/request-link-extension';

/** A refused link action: an ended link, a closed case or a closed clock, in plain words. */
export function describeLinkError(error: unknown, t: Translate): string {
  if (isApiError(error, 401) || isApiError(error, 404)) return t('link.invalid.body');
  if (isApiError(error, 409))
    return error.rule === 'case-closed' ? t('link.closed') : describeRequestError(error, t);
  return describeRequestError(error, t);
}

type Done = { text: string } | null;

function Result({ done, error }: { done: Done; error: string | undefined }) {
  if (error) return <Alert focus>{error}</Alert>;
  return done ? (
    <Alert type="info" focus>
      {done.text}
    </Alert>
  ) : null;
}

interface StatusValues {
  actionStatus: LinkActionStatusInput['actionStatus'];
  progressNote: string;
}

export function LinkStatusForm({ token, view }: { token: string; view: ActionLinkView }) {
  const { t, language } = useI18n();
  const [done, setDone] = useState<Done>(null);
  const resolver = useMemo(
    () =>
      domainResolver<StatusValues, LinkActionStatusInput>(
        linkActionStatusSchema,
        (values) => ({
          actionStatus: values.actionStatus,
          ...(values.progressNote.trim() ? { progressNote: values.progressNote } : {}),
        }),
        language,
        (path) => (path === 'actionStatus' ? t('link.error.status') : undefined),
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<StatusValues, unknown, LinkActionStatusInput>({
    resolver,
    defaultValues: {
      actionStatus: view.assignment.actionStatus,
      progressNote: view.assignment.progressNote ?? '',
    },
  });
  const report = useReportLinkStatus(token);
  const onSubmit = handleSubmit(async (input) => {
    setDone(null);
    try {
      await report.mutateAsync(input);
      setDone({ text: t('link.status.done') });
    } catch (error) {
      setError('root.server', { type: 'request', message: describeLinkError(error, t) });
    }
  });
  return (
    <Section id="stand" title={t('link.status.title')}>
      <form onSubmit={onSubmit} noValidate className="form">
        <Result done={done} error={errors.root?.server?.message} />
        <SelectField
          id="link-actionStatus"
          label={t('assignments.actionStatus')}
          options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }))}
          error={errors.actionStatus?.message}
          {...register('actionStatus')}
        />
        <TextareaField
          id="link-progressNote"
          label={t('link.status.note')}
          hint={t('assignments.progressNote.hint')}
          rows={4}
          optional
          error={errors.progressNote?.message}
          {...register('progressNote')}
        />
        <Button type="submit" isBusy={report.isPending} busyText={t('form.saving')}>
          {t('link.status.submit')}
        </Button>
      </form>
    </Section>
  );
}

interface ExtensionValues {
  workingDays: string;
  reason: string;
}

export function LinkExtensionForm({ token }: { token: string }) {
  const { t, language } = useI18n();
  const [done, setDone] = useState<Done>(null);
  const resolver = useMemo(
    () =>
      domainResolver<ExtensionValues, LinkExtensionRequestInput>(
        linkExtensionRequestSchema,
        (values) => ({ workingDays: parseCount(values.workingDays), reason: values.reason }),
        language,
        (path) => {
          if (path === 'workingDays') return t('deadlines.error.days', { max: 120 });
          if (path === 'reason') return t('deadlines.error.reason');
          return undefined;
        },
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ExtensionValues, unknown, LinkExtensionRequestInput>({
    resolver,
    defaultValues: { workingDays: '', reason: '' },
  });
  const request = useRequestLinkExtension(token);
  const onSubmit = handleSubmit(async (input) => {
    setDone(null);
    try {
      await request.mutateAsync(input);
      reset();
      setDone({ text: t('link.extension.done', { count: input.workingDays }) });
    } catch (error) {
      setError('root.server', { type: 'request', message: describeLinkError(error, t) });
    }
  });
  return (
    <Section id="meer-tijd" title={t('link.extension.title')}>
      <form onSubmit={onSubmit} noValidate className="form">
        <Result done={done} error={errors.root?.server?.message} />
        <TextField
          id="link-workingDays"
          inputMode="numeric"
          className="text-input--short"
          label={t('link.extension.workingDays')}
          error={errors.workingDays?.message}
          {...register('workingDays')}
        />
        <TextareaField
          id="link-reason"
          label={t('link.extension.reason')}
          rows={3}
          error={errors.reason?.message}
          {...register('reason')}
        />
        <Button type="submit" isBusy={request.isPending} busyText={t('form.saving')}>
          {t('link.extension.submit')}
        </Button>
      </form>
    </Section>
  );
}

export function LinkNoteForm({ token }: { token: string }) {
  const { t, language } = useI18n();
  const [done, setDone] = useState<Done>(null);
  const resolver = useMemo(
    () =>
      domainResolver<{ body: string }, LinkNoteInput>(
        linkNoteSchema,
        (values) => values,
        language,
        (path) => (path === 'body' ? t('link.error.note') : undefined),
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<{ body: string }, unknown, LinkNoteInput>({ resolver, defaultValues: { body: '' } });
  const add = useAddLinkNote(token);
  const onSubmit = handleSubmit(async (input) => {
    setDone(null);
    try {
      await add.mutateAsync(input);
      reset();
      setDone({ text: t('link.note.done') });
    } catch (error) {
      setError('root.server', { type: 'request', message: describeLinkError(error, t) });
    }
  });
  return (
    <Section id="notitie" title={t('link.note.title')}>
      <form onSubmit={onSubmit} noValidate className="form">
        <Result done={done} error={errors.root?.server?.message} />
        <TextareaField
          id="link-note"
          label={t('link.note.body')}
          hint={t('link.note.hint')}
          rows={4}
          error={errors.body?.message}
          {...register('body')}
        />
        <Button type="submit" isBusy={add.isPending} busyText={t('form.saving')}>
          {t('link.note.submit')}
        </Button>
      </form>
    </Section>
  );
}
