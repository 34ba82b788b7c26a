import { useEffect, useRef, type ComponentProps, type FormEventHandler, type ReactNode } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { FieldError } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';

/**
 * The frame of every admin create/edit form: a heading that takes focus when the form opens, the
 * error summary (each message links to its field), the fields, and save/cancel.
 */
export function AdminForm({
  id,
  title,
  summary,
  submitCount,
  isBusy,
  onSubmit,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  summary: ErrorSummaryItem[];
  submitCount: number;
  isBusy: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="form inline-form admin-form"
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="inline-form__title">
        {title}
      </h2>
      <ErrorSummary items={summary} focusKey={submitCount} />
      {children}
      <div className="button-row">
        <Button type="submit" isBusy={isBusy} busyText={t('form.saving')}>
          {t('admin.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The error summary's items, in the order of the fields on the form; `root.server` links to the first field. */
export function summaryOf<T extends FieldValues>(
  errors: FieldErrors<T>,
  prefix: string,
  fields: readonly (keyof T & string)[],
): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = [];
  const root = errors.root?.server?.message;
  if (root && fields[0]) items.push({ fieldId: `${prefix}-${fields[0]}`, message: root });
  for (const field of fields) {
    const message = (errors[field] as { message?: string } | undefined)?.message;
    if (message) items.push({ fieldId: `${prefix}-${field}`, message });
  }
  return items;
}

/** One checkbox with its label and an optional hint. */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  ...props
}: { id: string; label: string; hint?: string; error?: string | undefined } & Omit<
  ComponentProps<'input'>,
  'id' | 'type'
>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <FieldError id={id} error={error} />
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          className="checkbox__input"
          aria-describedby={describedBy || undefined}
          {...props}
        />
        <label htmlFor={id} className="checkbox__label">
          {label}
          {hint ? (
            <span className="form-field__hint checkbox__hint" id={`${id}-hint`}>
              {hint}
            </span>
          ) : null}
        </label>
      </div>
    </div>
  );
}
