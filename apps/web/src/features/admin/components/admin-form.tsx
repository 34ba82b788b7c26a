import { useEffect, useRef, type FormEventHandler, type ReactNode } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
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
    <InlineForm
      id={id}
      title={title}
      level={2}
      headingRef={heading}
      onSubmit={onSubmit}
      className="admin-form"
    >
      <ErrorSummary items={summary} focusKey={submitCount} />
      {children}
      <FormActions submitLabel={t('admin.save')} isBusy={isBusy} onCancel={onCancel} />
    </InlineForm>
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
