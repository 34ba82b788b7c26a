import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';
import { Button } from './button';

/**
 * The row of buttons under a form: the primary action, then cancel, then an optional secondary
 * action, spaced alike everywhere (`button-row`). While `isBusy` the primary shows `busyText`
 * ("Bezig met opslaan…" unless given) and is `aria-busy`; cancel waits too, so a running request is
 * not left behind by a form that was closed.
 *
 * The primary submits the form around it; with `onConfirm` it is a plain button instead (a
 * confirmation row that is not a form).
 */
export function FormActions({
  submitLabel,
  isBusy = false,
  busyText,
  onConfirm,
  autoFocus,
  onCancel,
  cancelLabel,
  secondary,
}: {
  submitLabel: ReactNode;
  isBusy?: boolean;
  busyText?: string;
  onConfirm?: () => void;
  autoFocus?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  /** Another action after cancel (a subtle button, a link). */
  secondary?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <Button
        type={onConfirm ? 'button' : 'submit'}
        onClick={onConfirm}
        autoFocus={autoFocus}
        isBusy={isBusy}
        busyText={busyText ?? t('form.saving')}
      >
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel} disabled={isBusy}>
          {cancelLabel ?? t('form.cancel')}
        </Button>
      ) : null}
      {secondary}
    </div>
  );
}
