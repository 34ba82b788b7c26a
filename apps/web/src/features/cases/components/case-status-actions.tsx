import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { type CaseDetail, type CaseStatus } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextareaField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
import { Section } from '@/components/ui/section';
import { useI18n } from '@/lib/i18n';
import { useTransitionCase } from '../api/transition-case';
import { describeCaseActionError } from './action-errors';
import { statusLabel } from './labels';

interface ReasonValues {
  reason: string;
}

function ReasonForm({
  item,
  to,
  onDone,
  onFailed,
  onCancel,
}: {
  item: CaseDetail;
  to: CaseStatus;
  onDone: (message: string) => void;
  /** Shown above the buttons: the refusal reloads the case, which may take this form away. */
  onFailed: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const resolver = useMemo(
    () =>
      zodResolver(
        z.object({
          reason: z
            .string()
            .trim()
            .min(3, { message: t('transitions.error.reasonShort') })
            .max(2000, { message: t('transitions.error.reasonLong') }),
        }),
      ),
    [t],
  );
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors },
  } = useForm<ReasonValues>({ resolver, defaultValues: { reason: '' } });
  // Opened by the user's click on the status button: continue in the reason field.
  useEffect(() => setFocus('reason'), [setFocus]);
  const mutation = useTransitionCase();
  const label = statusLabel(to, language);

  const onSubmit = handleSubmit(async ({ reason }) => {
    try {
      await mutation.mutateAsync({ id: item.id, version: item.version, input: { to, reason } });
      onDone(t('transitions.done', { status: label }));
    } catch (error) {
      onFailed(describeCaseActionError(error, t, language));
    }
  });

  const reasonId = `transition-reason-${to}`;
  return (
    <InlineForm id={reasonId} title={t('transitions.reasonTitle', { status: label })} onSubmit={onSubmit}>
      <TextareaField
        id={reasonId}
        label={t('transitions.reason')}
        hint={t('transitions.reason.hint')}
        rows={3}
        error={errors.reason?.message}
        {...register('reason')}
      />
      <FormActions
        submitLabel={t('transitions.confirm', { status: label })}
        isBusy={mutation.isPending}
        onCancel={onCancel}
      />
    </InlineForm>
  );
}

/**
 * Exactly the status changes the api offers this user (`availableTransitions` with via
 * `transition`); the others go through their own forms (escalate, decide, breakthrough).
 */
export function CaseStatusActions({ item }: { item: CaseDetail }) {
  const { t, language } = useI18n();
  const options = item.availableTransitions.filter((option) => option.via === 'transition');
  const [reasonFor, setReasonFor] = useState<CaseStatus | null>(null);
  const [message, setMessage] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const mutation = useTransitionCase();

  if (options.length === 0 && !message) return null;

  const take = async (to: CaseStatus) => {
    setMessage(null);
    try {
      await mutation.mutateAsync({ id: item.id, version: item.version, input: { to } });
      setMessage({ type: 'info', text: t('transitions.done', { status: statusLabel(to, language) }) });
    } catch (error) {
      setMessage({ type: 'error', text: describeCaseActionError(error, t, language) });
    }
  };

  return (
    <Section id="status" title={t('transitions.title')}>
      <p>
        {t('transitions.current')}{' '}
        <span className={`status status--${item.status}`}>{statusLabel(item.status, language)}</span>
      </p>
      {message ? (
        <Alert type={message.type} focus>
          {message.text}
        </Alert>
      ) : null}
      {options.length > 0 ? (
        <ul className="button-list" aria-label={t('transitions.options')}>
          {options.map((option) => (
            <li key={option.to}>
              <Button
                variant="secondary"
                aria-expanded={option.reasonRequired ? reasonFor === option.to : undefined}
                disabled={mutation.isPending}
                onClick={() => {
                  if (option.reasonRequired) {
                    setMessage(null);
                    setReasonFor(reasonFor === option.to ? null : option.to);
                  } else {
                    void take(option.to);
                  }
                }}
              >
                {t('transitions.to', { status: statusLabel(option.to, language) })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {reasonFor && options.some((o) => o.to === reasonFor) ? (
        <ReasonForm
          key={reasonFor}
          item={item}
          to={reasonFor}
          onCancel={() => setReasonFor(null)}
          onFailed={(text) => setMessage({ type: 'error', text })}
          onDone={(text) => {
            setReasonFor(null);
            setMessage({ type: 'info', text });
          }}
        />
      ) : null}
    </Section>
  );
}
