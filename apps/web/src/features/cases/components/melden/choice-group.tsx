import type { ReactNode } from 'react';
import { FieldError } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';

/**
 * Radio buttons or checkboxes in a fieldset, controlled (the Melden steps unmount and remount, so
 * the checked state comes from the draft). Same markup and classes as the shared form fields; the
 * first input gets `id`, so the error summary can link to the group.
 */
export function ChoiceGroup({
  id,
  type,
  name,
  label,
  hint,
  error,
  optional,
  options,
  checked,
  onToggle,
}: {
  id: string;
  type: 'radio' | 'checkbox';
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  optional?: boolean;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  onToggle: (value: string, checked: boolean) => void;
}) {
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={error ? 'form-field form-field--invalid' : 'form-field'}
      aria-describedby={describedBy || undefined}
    >
      <legend className="form-field__label">
        {label}
        {optional ? <span className="form-field__optional"> {t('form.optional')}</span> : null}
      </legend>
      {hint ? (
        <p className="form-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
      <div className="checkbox-group">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type={type}
                name={name}
                value={option.value}
                className="checkbox__input"
                checked={checked.includes(option.value)}
                onChange={(event) => onToggle(option.value, event.target.checked)}
              />
              <label htmlFor={optionId} className="checkbox__label">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
