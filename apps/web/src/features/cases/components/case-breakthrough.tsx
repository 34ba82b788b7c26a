import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  breakthroughSchema,
  SOLUTION_TYPES,
  type BreakthroughInput,
  type BreakthroughRecord,
  type CaseDetail,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Disclosure } from '@/components/ui/disclosure';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
import { Section } from '@/components/ui/section';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors } from '@/lib/form-errors';
import { todayInAmsterdam, useI18n } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { useRecordBreakthrough } from '../api/record-breakthrough';
import { describeCaseActionError } from './action-errors';
import { solutionTypeLabel } from './labels';

interface FormValues {
  date: string;
  homesUnblocked: string;
  solutionType: string;
  narrative: string;
  partiesCredited: string[];
}

/** A lone checkbox may report a string or a boolean instead of a list. */
function checkedValues(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string');
  return typeof raw === 'string' && raw ? [raw] : [];
}

const FIELDS = ['date', 'homesUnblocked', 'solutionType', 'narrative', 'partiesCredited'] as const;

function BreakthroughForm({
  item,
  onRecorded,
  onCancel,
}: {
  item: CaseDetail;
  onRecorded: () => void | Promise<unknown>;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, BreakthroughInput>(
        breakthroughSchema,
        (values) => ({
          date: values.date,
          homesUnblocked: parseCount(values.homesUnblocked),
          solutionType: values.solutionType || undefined,
          narrative: values.narrative,
          partiesCredited: checkedValues(values.partiesCredited),
        }),
        language,
        (path, issue) => {
          if (path === 'date') return t('form.error.date');
          if (path === 'homesUnblocked') {
            if (issue.code === 'too_small') return t('breakthrough.error.homesMin');
            if (issue.code === 'too_big') return t('breakthrough.error.homesMax');
            return t('breakthrough.error.homes');
          }
          if (path === 'solutionType') return t('breakthrough.error.solution');
          if (path === 'narrative') return t('breakthrough.error.narrative');
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
  } = useForm<FormValues, unknown, BreakthroughInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: {
      date: todayInAmsterdam(),
      homesUnblocked: '',
      solutionType: '',
      narrative: '',
      partiesCredited: [],
    },
  });
  const mutation = useRecordBreakthrough({ onSuccess: onRecorded });

  const onSubmit = handleSubmit(async (input) => {
    try {
      await mutation.mutateAsync({ caseId: item.id, input });
    } catch (error) {
      if (!applyServerFieldErrors(error, FIELDS, setError)) {
        setError('root.server', { type: 'request', message: describeCaseActionError(error, t, language) });
      }
    }
  });

  const summary: ErrorSummaryItem[] = [];
  if (errors.root?.server?.message)
    summary.push({ fieldId: 'breakthrough-date', message: errors.root.server.message });
  for (const field of FIELDS) {
    const message = errors[field]?.message;
    if (message) summary.push({ fieldId: `breakthrough-${field}`, message });
  }

  const parties = item.assignments.map((a) => ({ value: a.organisationId, label: a.organisationName }));
  return (
    <InlineForm id="breakthrough-form" title={t('breakthrough.record')} onSubmit={onSubmit}>
      <ErrorSummary items={summary} focusKey={submitCount} />
      <TextField
        id="breakthrough-date"
        label={t('breakthrough.date')}
        type="date"
        short
        max={todayInAmsterdam()}
        error={errors.date?.message}
        {...register('date')}
      />
      <TextField
        id="breakthrough-homesUnblocked"
        label={t('breakthrough.homesUnblocked')}
        hint={t('breakthrough.homesUnblocked.hint')}
        inputMode="numeric"
        autoComplete="off"
        short
        error={errors.homesUnblocked?.message}
        {...register('homesUnblocked')}
      />
      <SelectField
        id="breakthrough-solutionType"
        label={t('breakthrough.solutionType')}
        placeholder={t('breakthrough.solutionType.choose')}
        options={SOLUTION_TYPES.map((code) => ({ value: code, label: solutionTypeLabel(code, language) }))}
        error={errors.solutionType?.message}
        {...register('solutionType')}
      />
      <TextareaField
        id="breakthrough-narrative"
        label={t('breakthrough.narrative')}
        hint={t('breakthrough.narrative.hint')}
        rows={5}
        error={errors.narrative?.message}
        {...register('narrative')}
      />
      {parties.length > 0 ? (
        <CheckboxGroup
          id="breakthrough-partiesCredited"
          label={t('breakthrough.partiesCredited')}
          hint={t('breakthrough.partiesCredited.hint')}
          optional
          options={parties}
          error={errors.partiesCredited?.message}
          inputProps={register('partiesCredited')}
        />
      ) : null}
      <FormActions submitLabel={t('breakthrough.submit')} isBusy={mutation.isPending} onCancel={onCancel} />
    </InlineForm>
  );
}

function BreakthroughView({ breakthrough }: { breakthrough: BreakthroughRecord }) {
  const { t, language, formatDay, formatNumber } = useI18n();
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt>{t('breakthrough.homesUnblocked')}</dt>
        <dd>
          <strong>{t('case.homesValue', { count: formatNumber(breakthrough.homesUnblocked) })}</strong>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('breakthrough.date')}</dt>
        <dd>{formatDay(breakthrough.date)}</dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('breakthrough.solutionType')}</dt>
        <dd>{solutionTypeLabel(breakthrough.solutionType, language)}</dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('breakthrough.narrative')}</dt>
        <dd className="prewrap">{breakthrough.narrative}</dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('breakthrough.partiesCredited')}</dt>
        <dd>
          {breakthrough.partiesCredited.length > 0
            ? breakthrough.partiesCredited.map((p) => p.name).join(', ')
            : t('breakthrough.noParties')}
        </dd>
      </div>
      {breakthrough.daysToBreakthrough !== null ? (
        <div className="summary-list__row">
          <dt>{t('breakthrough.days')}</dt>
          <dd>{t('breakthrough.daysValue', { count: formatNumber(breakthrough.daysToBreakthrough) })}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * "Doorbraak": the recorded breakthrough, and the form to record one when the api offers the
 * edge to `breakthrough` to this user. `onRecorded` lets the app refresh the breakthroughs overview.
 */
export function CaseBreakthrough({
  item,
  onRecorded,
}: {
  item: CaseDetail;
  onRecorded: () => void | Promise<unknown>;
}) {
  const { t } = useI18n();
  const [recorded, setRecorded] = useState(false);
  const canRecord = item.availableTransitions.some((option) => option.to === 'breakthrough');
  if (!item.breakthrough && !canRecord) return null;

  return (
    <Section id="doorbraak" title={t('breakthrough.title')}>
      {recorded ? (
        <Alert type="info" focus>
          {t('breakthrough.done')}
        </Alert>
      ) : null}
      {item.breakthrough ? <BreakthroughView breakthrough={item.breakthrough} /> : null}
      {canRecord ? (
        <Disclosure label={t('breakthrough.record')} variant="primary">
          {(close) => (
            <BreakthroughForm
              item={item}
              onCancel={close}
              onRecorded={async () => {
                await onRecorded();
                setRecorded(true);
              }}
            />
          )}
        </Disclosure>
      ) : null}
    </Section>
  );
}
