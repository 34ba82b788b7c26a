import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { KNELPUNT_TYPES, type CaseDetail } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { FileInput, Label, TextareaField, TextField } from '@/components/ui/form';
import { isApiError } from '@/lib/api-client';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { parseCount } from '@/lib/parse-count';
import { useCreateCase } from '../api/create-case';
import { AttachmentUploads } from './melden/attachment-uploads';
import { ChoiceGroup } from './melden/choice-group';
import {
  emptyValues,
  LAST_STEP,
  LOCATION_PROGRAMME_OPTIONS,
  MELDEN_STEPS,
  stepOf,
  validateSteps,
  type MeldenErrors,
  type MeldenField,
  type MeldenValues,
} from './melden/melden-values';
import { municipalityLabel, MunicipalityCombobox } from './melden/municipality-combobox';
import { StepIndicator } from './melden/step-indicator';
import { useMeldenDraft } from './melden/use-melden-draft';
import './melden/melden.css';

/** The largest file the api takes by default (ATTACHMENT_MAX_BYTES); larger ones are refused here. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Field order on the pages, so the error summary lists problems top to bottom. */
const FIELD_ORDER: readonly MeldenField[] = MELDEN_STEPS.flatMap((step) => [...step.fields]);

const fieldLabel: Record<MeldenField, MessageKey> = {
  projectName: 'caseForm.projectName',
  locationProgramme: 'melden.locationProgramme',
  municipalityCode: 'caseForm.municipality',
  homesTotal: 'caseForm.homesTotal',
  homesSocialOrAffordable: 'melden.homesSocial',
  knelpuntTypes: 'caseForm.knelpuntTypes',
  description: 'caseForm.description',
};

function formatBytes(bytes: number, formatNumber: (value: number) => string): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} kB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/**
 * Melden: a blocked project in six steps (project, municipality, homes, knelpunt, attachments,
 * check and submit). Each step is validated with the domain's createCaseSchema before the next;
 * the draft lives in localStorage per user; files are uploaded after the case exists.
 */
export function CreateCaseForm({
  userId,
  defaultMunicipalityCode,
  onSuccess,
}: {
  userId: string;
  defaultMunicipalityCode?: string | null;
  onSuccess: (created: CaseDetail) => void | Promise<void>;
}) {
  const { t, language, formatNumber } = useI18n();
  const [empty] = useState(() => emptyValues(defaultMunicipalityCode));
  const draft = useMeldenDraft(userId, empty);
  const { values, setValues, step, setStep } = draft;
  const [errors, setErrors] = useState<MeldenErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [fileMessage, setFileMessage] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const returnToDiscard = useRef(false);
  const [notice, setNotice] = useState<string | null>(() =>
    draft.restored ? `${t('melden.draft.restored')} ${t('melden.files.notSaved')}` : null,
  );
  const [created, setCreated] = useState<CaseDetail | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const shownStep = useRef(step);
  const createMutation = useCreateCase();

  // A new step: focus its heading, so keyboard and screen reader users start at the top of it.
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    headingRef.current?.focus();
  }, [step]);

  // The question takes focus when asked; Annuleren brings focus back to the button.
  useEffect(() => {
    if (confirmDiscard) confirmRef.current?.focus();
    else if (returnToDiscard.current) {
      returnToDiscard.current = false;
      discardRef.current?.focus();
    }
  }, [confirmDiscard]);

  const update = <K extends MeldenField>(field: K, value: MeldenValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
  };

  const goTo = (next: number) => {
    setErrors({});
    setRequestError(null);
    setNotice(null);
    setStep(next);
  };

  /** Errors of the steps so far; shown on the earliest step that has one. */
  const check = (throughStep: number): boolean => {
    const result = validateSteps(values, throughStep, language, t);
    const fields = Object.keys(result.errors) as MeldenField[];
    if (fields.length === 0) return true;
    const first = Math.min(...fields.map(stepOf));
    setErrors(result.errors);
    setAttempt((n) => n + 1);
    if (first !== step) {
      shownStep.current = first; // the error summary takes focus, not the heading
      setStep(first);
    }
    return false;
  };

  const submit = async () => {
    setRequestError(null);
    const result = validateSteps(values, LAST_STEP, language, t);
    if (!result.input) {
      check(LAST_STEP);
      return;
    }
    try {
      const createdCase = await createMutation.mutateAsync(result.input);
      draft.clear();
      if (files.length === 0) await onSuccess(createdCase);
      else setCreated(createdCase);
    } catch (error) {
      if (isApiError(error, 404) || isApiError(error, 403)) {
        showServerErrors({
          municipalityCode: error.problem.detail ?? t('caseForm.error.municipalityOutOfScope'),
        });
      } else if (isApiError(error, 400) && error.fieldErrors.length > 0) {
        const serverErrors: MeldenErrors = {};
        const general: string[] = [];
        for (const fieldError of error.fieldErrors) {
          const field = fieldError.field.split('.')[0] as MeldenField;
          if (field in fieldLabel) serverErrors[field] ??= fieldError.message;
          else general.push(fieldError.message);
        }
        if (Object.keys(serverErrors).length > 0) showServerErrors(serverErrors);
        if (general.length > 0) setRequestError(general.join(' '));
      } else {
        setRequestError(describeRequestError(error, t));
      }
    }
  };

  const showServerErrors = (serverErrors: MeldenErrors) => {
    const first = Math.min(...(Object.keys(serverErrors) as MeldenField[]).map(stepOf));
    setErrors(serverErrors);
    setAttempt((n) => n + 1);
    shownStep.current = first;
    setStep(first);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step === LAST_STEP) {
      void submit();
      return;
    }
    if (check(step)) goTo(step + 1);
  };

  const discard = () => {
    draft.discard();
    setFiles([]);
    setErrors({});
    setRequestError(null);
    setConfirmDiscard(false);
    setNotice(t('melden.draft.discarded'));
    shownStep.current = 0;
    headingRef.current?.focus();
  };

  const addFiles = (chosen: FileList | null) => {
    if (!chosen) return;
    const accepted: File[] = [];
    const refused: string[] = [];
    for (const file of Array.from(chosen)) {
      if (file.size > MAX_FILE_BYTES) refused.push(t('melden.files.tooLarge', { name: file.name }));
      else accepted.push(file);
    }
    setFiles((current) => [...current, ...accepted]);
    setFileMessage(refused.length > 0 ? refused.join(' ') : null);
  };

  if (created) {
    return (
      <AttachmentUploads
        created={created}
        files={files}
        onAllDone={() => void onSuccess(created)}
        onOpenCase={() => void onSuccess(created)}
      />
    );
  }

  const summaryItems: ErrorSummaryItem[] = FIELD_ORDER.flatMap((field) => {
    const message = errors[field];
    return message && stepOf(field) === step ? [{ fieldId: field, message }] : [];
  });
  const current = MELDEN_STEPS[step] ?? MELDEN_STEPS[0];
  const knelpuntOptions = KNELPUNT_TYPES.map((k) => ({ value: k.code, label: k[language] }));
  const knelpuntLabel = new Map(knelpuntOptions.map((o) => [o.value, o.label]));
  const homes = (text: string) => {
    const count = parseCount(text);
    return count === undefined || Number.isNaN(count) ? text : formatNumber(count);
  };
  const none = <span className="melden-summary__none">{t('melden.summary.none')}</span>;

  const summaryRows: { field: MeldenField | 'files'; label: string; value: ReactNode; step: number }[] = [
    {
      field: 'projectName',
      label: t('caseForm.projectName'),
      value: values.projectName.trim() || none,
      step: 0,
    },
    {
      field: 'locationProgramme',
      label: t('melden.locationProgramme'),
      value: values.locationProgramme
        ? t(`locationProgramme.${values.locationProgramme}` as MessageKey)
        : none,
      step: 0,
    },
    {
      field: 'municipalityCode',
      label: t('caseForm.municipality'),
      value: municipalityLabel(values.municipalityCode) ?? none,
      step: 1,
    },
    {
      field: 'homesTotal',
      label: t('caseForm.homesTotal'),
      value: homes(values.homesTotal) || none,
      step: 2,
    },
    {
      field: 'homesSocialOrAffordable',
      label: t('melden.homesSocial'),
      value: homes(values.homesSocialOrAffordable) || none,
      step: 2,
    },
    {
      field: 'knelpuntTypes',
      label: t('caseForm.knelpuntTypes'),
      value:
        values.knelpuntTypes.length > 0
          ? values.knelpuntTypes.map((code) => knelpuntLabel.get(code) ?? code).join(', ')
          : none,
      step: 3,
    },
    {
      field: 'description',
      label: t('caseForm.description'),
      value: values.description.trim() ? (
        <span className="melden-summary__text">{values.description}</span>
      ) : (
        none
      ),
      step: 3,
    },
    {
      field: 'files',
      label: t('melden.summary.files'),
      value: files.length > 0 ? files.map((f) => f.name).join(', ') : none,
      step: 4,
    },
  ];

  return (
    <div className="melden">
      {notice ? <Alert type="info">{notice}</Alert> : null}
      <StepIndicator current={step} />
      <form onSubmit={onSubmit} noValidate className="form melden__form" aria-labelledby="melden-step-title">
        <ErrorSummary items={summaryItems} focusKey={attempt} />
        <h2 id="melden-step-title" ref={headingRef} tabIndex={-1} className="melden__step-title">
          <span className="melden__step-number">
            {t('melden.stepOf', { number: step + 1, total: MELDEN_STEPS.length })}
          </span>{' '}
          {t(current.title)}
        </h2>

        {current.key === 'project' ? (
          <>
            <TextField
              id="projectName"
              label={t('caseForm.projectName')}
              autoComplete="off"
              error={errors.projectName}
              value={values.projectName}
              onChange={(event) => update('projectName', event.target.value)}
            />
            <ChoiceGroup
              id="locationProgramme"
              type="radio"
              name="locationProgramme"
              label={t('melden.locationProgramme')}
              hint={t('melden.locationProgramme.hint')}
              error={errors.locationProgramme}
              options={LOCATION_PROGRAMME_OPTIONS.map((value) => ({
                value,
                label: t(`locationProgramme.${value}`),
              }))}
              checked={[values.locationProgramme]}
              onToggle={(value) => update('locationProgramme', value)}
            />
          </>
        ) : null}

        {current.key === 'municipality' ? (
          <MunicipalityCombobox
            id="municipalityCode"
            label={t('caseForm.municipality')}
            hint={t('melden.municipality.hint')}
            error={errors.municipalityCode}
            value={values.municipalityCode}
            onChange={(code) => update('municipalityCode', code)}
          />
        ) : null}

        {current.key === 'homes' ? (
          <>
            <TextField
              id="homesTotal"
              label={t('caseForm.homesTotal')}
              hint={t('caseForm.homesTotal.hint')}
              inputMode="numeric"
              autoComplete="off"
              short
              error={errors.homesTotal}
              value={values.homesTotal}
              onChange={(event) => update('homesTotal', event.target.value)}
            />
            <TextField
              id="homesSocialOrAffordable"
              label={t('melden.homesSocial')}
              hint={t('melden.homesSocial.hint')}
              optional
              inputMode="numeric"
              autoComplete="off"
              short
              error={errors.homesSocialOrAffordable}
              value={values.homesSocialOrAffordable}
              onChange={(event) => update('homesSocialOrAffordable', event.target.value)}
            />
          </>
        ) : null}

        {current.key === 'knelpunt' ? (
          <>
            <ChoiceGroup
              id="knelpuntTypes"
              type="checkbox"
              name="knelpuntTypes"
              label={t('caseForm.knelpuntTypes')}
              hint={t('caseForm.knelpuntTypes.hint')}
              error={errors.knelpuntTypes}
              options={knelpuntOptions}
              checked={values.knelpuntTypes}
              onToggle={(value, checked) =>
                update(
                  'knelpuntTypes',
                  checked
                    ? [...values.knelpuntTypes.filter((code) => code !== value), value]
                    : values.knelpuntTypes.filter((code) => code !== value),
                )
              }
            />
            <TextareaField
              id="description"
              label={t('caseForm.description')}
              hint={t('caseForm.description.hint')}
              optional
              error={errors.description}
              value={values.description}
              onChange={(event) => update('description', event.target.value)}
            />
          </>
        ) : null}

        {current.key === 'attachments' ? (
          <>
            <Alert type="info">{t('melden.files.notSaved')}</Alert>
            <div className="form-field">
              <Label htmlFor="melden-files">
                {t('melden.files')}
                <span className="form-field__optional"> {t('form.optional')}</span>
              </Label>
              <p className="form-field__hint" id="melden-files-hint">
                {t('melden.files.hint')}
              </p>
              <FileInput
                id="melden-files"
                multiple
                aria-describedby="melden-files-hint"
                onChange={(event) => {
                  addFiles(event.target.files);
                  event.target.value = '';
                }}
              />
            </div>
            <div role="status" className="melden-files__message">
              {fileMessage}
            </div>
            <h3 className="melden-files__title" id="melden-files-title">
              {t('melden.files.chosen')}
            </h3>
            {files.length === 0 ? (
              <p>{t('melden.files.none')}</p>
            ) : (
              <ul className="plain-list melden-files" aria-labelledby="melden-files-title">
                {files.map((file, index) => (
                  <li key={`${file.name}-${index}`} className="melden-files__item">
                    <span className="melden-files__name">{file.name}</span>{' '}
                    <span className="melden-files__size">({formatBytes(file.size, formatNumber)})</span>
                    <Button
                      variant="subtle"
                      onClick={() => {
                        setFiles((all) => all.filter((_, i) => i !== index));
                        setFileMessage(t('melden.files.removed', { name: file.name }));
                      }}
                    >
                      {t('melden.files.remove', { name: file.name })}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}

        {current.key === 'summary' ? (
          <>
            <p>{t('melden.summary.intro')}</p>
            {requestError ? (
              <Alert type="error" focus>
                {requestError}
              </Alert>
            ) : null}
            <dl className="summary-list melden-summary">
              {summaryRows.map((row) => (
                <div className="summary-list__row melden-summary__row" key={row.field}>
                  <dt>{row.label}</dt>
                  <dd>{row.value}</dd>
                  <dd className="melden-summary__change">
                    <Button variant="subtle" onClick={() => goTo(row.step)}>
                      {t('melden.change', { field: row.label })}
                    </Button>
                  </dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}

        <div className="melden__nav">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => goTo(step - 1)}>
              {t('melden.back')}
            </Button>
          ) : null}
          <Button
            type="submit"
            isBusy={step === LAST_STEP && createMutation.isPending}
            busyText={t('caseForm.submitting')}
          >
            {step === LAST_STEP ? t('caseForm.submit') : t('melden.next')}
          </Button>
        </div>
      </form>

      <div className="melden__draft">
        <p className="form-field__hint">{t('melden.draft.saved')}</p>
        {confirmDiscard ? (
          <div role="group" aria-labelledby="melden-discard-question" className="melden__confirm">
            <p id="melden-discard-question" ref={confirmRef} tabIndex={-1}>
              {t('melden.draft.confirm')}
            </p>
            <Button variant="primary" onClick={discard}>
              {t('melden.draft.confirmYes')}
            </Button>{' '}
            <Button
              variant="secondary"
              onClick={() => {
                returnToDiscard.current = true;
                setConfirmDiscard(false);
              }}
            >
              {t('melden.draft.cancel')}
            </Button>
          </div>
        ) : (
          <Button ref={discardRef} variant="subtle" onClick={() => setConfirmDiscard(true)}>
            {t('melden.draft.discard')}
          </Button>
        )}
      </div>
    </div>
  );
}
