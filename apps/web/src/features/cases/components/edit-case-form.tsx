import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  CONFIDENTIALITY_LEVELS,
  KNELPUNT_TYPES,
  LOCATION_PROGRAMMES,
  patchCaseSchema,
  PROJECT_PHASES,
  type CaseDetail,
  type PatchCaseInput,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { isApiError } from '@/lib/api-client';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n, type Translate } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { getCaseQueryOptions } from '../api/get-case';
import { useUpdateCase } from '../api/update-case';
import { knelpuntLabel } from './labels';

/** The editable project data, in the order of the form. */
export const EDITABLE_FIELDS = [
  'projectName',
  'homesTotal',
  'homesSocialOrAffordable',
  'knelpuntTypes',
  'phase',
  'confidentiality',
  'locationProgramme',
  'description',
] as const;
type Field = (typeof EDITABLE_FIELDS)[number];
type Editable = Pick<CaseDetail, Field>;

interface FormValues {
  projectName: string;
  homesTotal: string;
  homesSocialOrAffordable: string;
  knelpuntTypes: string[];
  phase: string;
  confidentiality: string;
  locationProgramme: string;
  description: string;
}

function toValues(data: Editable): FormValues {
  return {
    projectName: data.projectName,
    homesTotal: String(data.homesTotal),
    homesSocialOrAffordable:
      data.homesSocialOrAffordable === null ? '' : String(data.homesSocialOrAffordable),
    knelpuntTypes: [...data.knelpuntTypes],
    phase: data.phase ?? '',
    confidentiality: data.confidentiality,
    locationProgramme: data.locationProgramme,
    description: data.description ?? '',
  };
}

function toInput(values: FormValues): Record<Field, unknown> {
  const affordable = parseCount(values.homesSocialOrAffordable);
  const description = values.description.trim();
  return {
    projectName: values.projectName,
    homesTotal: parseCount(values.homesTotal),
    homesSocialOrAffordable: affordable === undefined ? null : affordable,
    knelpuntTypes: Array.isArray(values.knelpuntTypes) ? values.knelpuntTypes : [],
    phase: values.phase || null,
    confidentiality: values.confidentiality,
    locationProgramme: values.locationProgramme,
    description: description || null,
  };
}

const same = (a: unknown, b: unknown) => {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sorted = (values: unknown[]) => JSON.stringify(values.map((v) => JSON.stringify(v)).sort());
    return sorted(a as unknown[]) === sorted(b as unknown[]);
  }
  return a === b;
};

/** Only the fields that differ from `base`: the api records (and checks) exactly those. */
function changesFrom(full: PatchCaseInput, base: Editable): PatchCaseInput {
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    if (field in full && !same(full[field], base[field])) changes[field] = full[field];
  }
  return changes;
}

const editSchema = patchCaseSchema.refine(
  (p) =>
    p.homesSocialOrAffordable === undefined ||
    p.homesSocialOrAffordable === null ||
    p.homesTotal === undefined ||
    p.homesSocialOrAffordable <= p.homesTotal,
  { message: 'homes.affordableExceedsTotal', path: ['homesSocialOrAffordable'] },
);

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);

function enumLabel<T extends string>(values: readonly T[], value: unknown, label: (value: T) => string) {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
    ? label(value as T)
    : asText(value);
}

/** A field's value as a reader sees it, for the "what changed" table. */
export function displayValue(
  field: Field,
  value: unknown,
  t: Translate,
  language: 'nl' | 'en',
  formatNumber: (n: number) => string,
): string {
  if (value === null || value === undefined || value === '') return t('edit.empty');
  switch (field) {
    case 'homesTotal':
    case 'homesSocialOrAffordable':
      return typeof value === 'number' ? formatNumber(value) : asText(value);
    case 'knelpuntTypes':
      return Array.isArray(value)
        ? (value as unknown[]).map((code) => knelpuntLabel(asText(code), language)).join(', ')
        : asText(value);
    case 'phase':
      return enumLabel(PROJECT_PHASES, value, (v) => t(`phase.${v}`));
    case 'confidentiality':
      return enumLabel(CONFIDENTIALITY_LEVELS, value, (v) => t(`confidentiality.${v}`));
    case 'locationProgramme':
      return enumLabel(LOCATION_PROGRAMMES, value, (v) => t(`locationProgramme.${v}`));
    case 'projectName':
    case 'description':
      return asText(value);
  }
}

interface Conflict {
  /** What this user changed, against the version they started from. */
  mine: PatchCaseInput;
  /** The version they started from. */
  original: Editable;
  /** The case as it is now. */
  current: CaseDetail;
}

function ConflictPanel({
  conflict,
  isBusy,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  isBusy: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t, language, formatNumber } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [conflict]);

  const rows = EDITABLE_FIELDS.filter(
    (field) => field in conflict.mine || !same(conflict.original[field], conflict.current[field]),
  );
  return (
    <div ref={ref} tabIndex={-1} className="conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title" className="conflict__title">
        {t('edit.conflict.title')}
      </h2>
      <p>{t('edit.conflict.body')}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="conflict-caption">
        <table className="table">
          <caption id="conflict-caption" className="table__caption">
            {t('edit.conflict.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('edit.conflict.field')}</th>
              <th scope="col">{t('edit.conflict.mine')}</th>
              <th scope="col">{t('edit.conflict.current')}</th>
              <th scope="col">{t('edit.conflict.who')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((field) => {
              const mineChanged = field in conflict.mine;
              const theirsChanged = !same(conflict.original[field], conflict.current[field]);
              const mineValue = mineChanged ? conflict.mine[field] : conflict.original[field];
              return (
                <tr key={field}>
                  <th scope="row" className="table__row-header">
                    {t(`caseField.${field}`)}
                  </th>
                  <td className="prewrap">{displayValue(field, mineValue, t, language, formatNumber)}</td>
                  <td className="prewrap">
                    {displayValue(field, conflict.current[field], t, language, formatNumber)}
                  </td>
                  <td>
                    {mineChanged && theirsChanged
                      ? t('edit.conflict.both')
                      : mineChanged
                        ? t('edit.conflict.onlyMine')
                        : t('edit.conflict.onlyTheirs')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FormActions
        submitLabel={t('edit.conflict.reapply')}
        onConfirm={onReapply}
        isBusy={isBusy}
        onCancel={onDiscard}
        cancelLabel={t('edit.conflict.discard')}
      />
    </div>
  );
}

/**
 * Edit the project data with optimistic concurrency: the PATCH carries `If-Match` with the version
 * the form started from. When someone else saved in between (412), the form reloads the case,
 * shows field by field what the user changed and what the case holds now, and lets them reapply
 * their changes on top of the current version (or drop them).
 */
export function EditCaseForm({
  item,
  onSaved,
  onCancel,
}: {
  item: CaseDetail;
  onSaved: (updated: CaseDetail) => void | Promise<void>;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<CaseDetail>(item);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, PatchCaseInput>(editSchema, toInput, language, (path, issue) => {
        if (path === 'projectName') return t('caseForm.error.projectName');
        if (path === 'homesTotal')
          return issue.code === 'too_big' ? t('caseForm.error.homesMax') : t('caseForm.error.homesRequired');
        if (path === 'knelpuntTypes' && issue.code === 'too_small') return t('caseForm.error.knelpuntTypes');
        return undefined;
      }),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, submitCount },
  } = useForm<FormValues, unknown, PatchCaseInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: toValues(item),
  });
  const mutation = useUpdateCase();

  /** `changes` were made against `from`; a 412 compares them with the case as it is now. */
  const save = async (changes: PatchCaseInput, from: CaseDetail) => {
    try {
      const updated = await mutation.mutateAsync({ id: from.id, version: from.version, input: changes });
      setConflict(null);
      await onSaved(updated);
    } catch (error) {
      if (isApiError(error, 412)) {
        // Someone else saved first: load the case as it is now and show both versions.
        const current = await queryClient.fetchQuery({ ...getCaseQueryOptions(from.id), staleTime: 0 });
        setBase(current);
        setConflict({ mine: changes, original: from, current });
        reset(toValues({ ...current, ...changes }));
      } else if (!applyServerFieldErrors(error, EDITABLE_FIELDS, setError)) {
        setError('root.server', { type: 'request', message: describeRequestError(error, t) });
      }
    }
  };

  const onSubmit = handleSubmit(async (full) => {
    setNotice(null);
    const changes = changesFrom(full, base);
    if (Object.keys(changes).length === 0) {
      setNotice(t('edit.nothingChanged'));
      return;
    }
    await save(changes, base);
  });

  const summary: ErrorSummaryItem[] = [];
  if (errors.root?.server?.message)
    summary.push({ fieldId: 'projectName', message: errors.root.server.message });
  for (const field of EDITABLE_FIELDS) {
    const message = errors[field]?.message;
    if (message) summary.push({ fieldId: field, message });
  }

  const option = <T extends string>(values: readonly T[], key: (v: T) => Parameters<Translate>[0]) =>
    values.map((value) => ({ value, label: t(key(value)) }));

  return (
    <>
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          isBusy={mutation.isPending}
          // The form now holds the current case with the user's changes on top: saving sends just those.
          onReapply={() => void onSubmit()}
          onDiscard={() => {
            reset(toValues(conflict.current));
            setConflict(null);
            setNotice(t('edit.conflict.discarded'));
          }}
        />
      ) : null}
      {notice ? (
        <Alert type="info" focus>
          {notice}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="form">
        <ErrorSummary items={summary} focusKey={submitCount} />
        <TextField
          id="projectName"
          label={t('caseField.projectName')}
          autoComplete="off"
          error={errors.projectName?.message}
          {...register('projectName')}
        />
        <TextField
          id="homesTotal"
          label={t('caseField.homesTotal')}
          inputMode="numeric"
          autoComplete="off"
          short
          error={errors.homesTotal?.message}
          {...register('homesTotal')}
        />
        <TextField
          id="homesSocialOrAffordable"
          label={t('caseField.homesSocialOrAffordable')}
          inputMode="numeric"
          autoComplete="off"
          optional
          short
          error={errors.homesSocialOrAffordable?.message}
          {...register('homesSocialOrAffordable')}
        />
        <CheckboxGroup
          id="knelpuntTypes"
          label={t('caseField.knelpuntTypes')}
          hint={t('caseForm.knelpuntTypes.hint')}
          options={KNELPUNT_TYPES.map((k) => ({ value: k.code, label: k[language] }))}
          error={errors.knelpuntTypes?.message}
          inputProps={register('knelpuntTypes')}
        />
        <SelectField
          id="phase"
          label={t('caseField.phase')}
          placeholder={t('phase.unknown')}
          options={option(PROJECT_PHASES, (v) => `phase.${v}`)}
          error={errors.phase?.message}
          {...register('phase')}
        />
        <SelectField
          id="confidentiality"
          label={t('caseField.confidentiality')}
          options={option(CONFIDENTIALITY_LEVELS, (v) => `confidentiality.${v}`)}
          error={errors.confidentiality?.message}
          {...register('confidentiality')}
        />
        <SelectField
          id="locationProgramme"
          label={t('caseField.locationProgramme')}
          options={option(LOCATION_PROGRAMMES, (v) => `locationProgramme.${v}`)}
          error={errors.locationProgramme?.message}
          {...register('locationProgramme')}
        />
        <TextareaField
          id="description"
          label={t('caseField.description')}
          optional
          error={errors.description?.message}
          {...register('description')}
        />
        <FormActions submitLabel={t('edit.submit')} isBusy={mutation.isPending} onCancel={onCancel} />
      </form>
    </>
  );
}
