import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import {
  createCaseSchema,
  KNELPUNT_TYPES,
  MUNICIPALITIES,
  translateMessage,
  zodLocale,
  type CaseDetail,
  type CreateCaseInput,
  type Language,
} from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { isApiError } from '@/lib/api-client';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n, type MessageKey, type Translate } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { useCreateCase } from '../api/create-case';

type FormInput = z.input<typeof createCaseSchema>;
type FieldName = 'projectName' | 'municipalityCode' | 'homesTotal' | 'knelpuntTypes' | 'description';

/** In the order of the form, so the error summary lists problems top to bottom. */
const FIELDS: readonly FieldName[] = [
  'projectName',
  'municipalityCode',
  'homesTotal',
  'knelpuntTypes',
  'description',
];

const municipalityOptions = [...MUNICIPALITIES]
  .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
  .map((m) => ({ value: m.code, label: m.name }));

/** Clearer messages than zod's generic ones for the issues people actually hit in this form. */
function formErrorMap(language: Language, t: Translate): z.core.$ZodErrorMap {
  const fallback = zodLocale(language);
  return (issue) => {
    const field = String(issue.path?.[0] ?? '');
    const pick = (key: MessageKey) => t(key);
    switch (field) {
      case 'projectName':
        return issue.code === 'too_big'
          ? pick('caseForm.error.projectNameTooLong')
          : pick('caseForm.error.projectName');
      case 'municipalityCode':
        return pick('caseForm.error.municipality');
      case 'homesTotal':
        if (issue.code === 'too_small') return pick('caseForm.error.homesMin');
        if (issue.code === 'too_big') return pick('caseForm.error.homesMax');
        return pick('caseForm.error.homesRequired');
      case 'knelpuntTypes':
        if (issue.code === 'too_small') return pick('caseForm.error.knelpuntTypes');
        return fallback(issue);
      case 'description':
        return pick('caseForm.error.description');
      default:
        return fallback(issue);
    }
  };
}

export function CreateCaseForm({
  defaultMunicipalityCode,
  onSuccess,
}: {
  defaultMunicipalityCode?: string | null;
  onSuccess: (created: CaseDetail) => void | Promise<void>;
}) {
  const { t, language } = useI18n();
  const resolver = useMemo(
    () => zodResolver(createCaseSchema, { error: formErrorMap(language, t) }),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, submitCount },
  } = useForm<FormInput, unknown, CreateCaseInput>({
    resolver,
    defaultValues: {
      projectName: '',
      municipalityCode: defaultMunicipalityCode ?? '',
      knelpuntTypes: [],
      description: '',
    },
    shouldFocusError: false,
  });
  const createMutation = useCreateCase({ onSuccess });

  const onSubmit = handleSubmit(async (input) => {
    const body: CreateCaseInput = { ...input, description: input.description || undefined };
    try {
      await createMutation.mutateAsync(body);
    } catch (error) {
      if (isApiError(error, 404) || isApiError(error, 403)) {
        setError('municipalityCode', {
          type: 'server',
          message: error.problem.detail ?? t('caseForm.error.municipalityOutOfScope'),
        });
      } else if (!applyServerFieldErrors(error, FIELDS, setError)) {
        setError('root.server', { type: 'request', message: describeRequestError(error, t) });
      }
    }
  });

  const messageFor = (field: FieldName): string | undefined => {
    const raw = errors[field]?.message;
    if (!raw) return undefined;
    if (raw === 'text.blank' && field === 'projectName') return t('caseForm.error.projectName');
    return translateMessage(raw, language);
  };

  const summary: ErrorSummaryItem[] = [];
  const serverError = errors.root?.server?.message;
  if (serverError) summary.push({ fieldId: 'projectName', message: serverError });
  for (const field of FIELDS) {
    const message = messageFor(field);
    if (message) summary.push({ fieldId: field, message });
  }

  const knelpuntOptions = KNELPUNT_TYPES.map((k) => ({ value: k.code, label: k[language] }));

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <ErrorSummary items={summary} focusKey={submitCount} />
      <TextField
        id="projectName"
        label={t('caseForm.projectName')}
        autoComplete="off"
        error={messageFor('projectName')}
        {...register('projectName')}
      />
      <SelectField
        id="municipalityCode"
        label={t('caseForm.municipality')}
        options={municipalityOptions}
        placeholder={t('caseForm.municipality.choose')}
        error={messageFor('municipalityCode')}
        {...register('municipalityCode')}
      />
      <TextField
        id="homesTotal"
        label={t('caseForm.homesTotal')}
        hint={t('caseForm.homesTotal.hint')}
        inputMode="numeric"
        autoComplete="off"
        className="text-input--short"
        error={messageFor('homesTotal')}
        {...register('homesTotal', { setValueAs: parseCount })}
      />
      <CheckboxGroup
        id="knelpuntTypes"
        label={t('caseForm.knelpuntTypes')}
        hint={t('caseForm.knelpuntTypes.hint')}
        options={knelpuntOptions}
        error={messageFor('knelpuntTypes')}
        inputProps={register('knelpuntTypes')}
      />
      <TextareaField
        id="description"
        label={t('caseForm.description')}
        hint={t('caseForm.description.hint')}
        optional
        error={messageFor('description')}
        {...register('description')}
      />
      <Button type="submit" isBusy={createMutation.isPending} busyText={t('caseForm.submitting')}>
        {t('caseForm.submit')}
      </Button>
    </form>
  );
}
