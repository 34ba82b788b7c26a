import type { ComponentProps, ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';

/**
 * Form fields after the NL Design System form-field pattern: a visible label tied to the control,
 * an optional hint, and an inline error, both referenced by `aria-describedby`.
 */
interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean }) {
  const { t } = useI18n();
  return (
    <label className="form-field__label" htmlFor={htmlFor}>
      {label}
      {optional ? <span className="form-field__optional"> {t('form.optional')}</span> : null}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p className="form-field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useI18n();
  return error ? (
    <p className="form-field__error" id={`${id}-error`}>
      <span className="visually-hidden">{t('form.error.prefix')} </span>
      {error}
    </p>
  ) : null;
}

function fieldClass(error: string | undefined) {
  return error ? 'form-field form-field--invalid' : 'form-field';
}

export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  className,
  ...props
}: FieldProps & Omit<ComponentProps<'input'>, 'id'>) {
  return (
    <div className={fieldClass(error)}>
      <Label htmlFor={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        id={id}
        className={['text-input', className].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </div>
  );
}

export function TextareaField({
  id,
  label,
  hint,
  error,
  optional,
  ...props
}: FieldProps & Omit<ComponentProps<'textarea'>, 'id'>) {
  return (
    <div className={fieldClass(error)}>
      <Label htmlFor={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        className="textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        rows={6}
        {...props}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  options,
  placeholder,
  ...props
}: FieldProps & Omit<ComponentProps<'select'>, 'id'> & { options: readonly Option[]; placeholder?: string }) {
  return (
    <div className={fieldClass(error)}>
      <Label htmlFor={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <select
        id={id}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A group of checkboxes in a fieldset. The first checkbox gets `id`, so an error summary can link
 * to the group.
 */
export function CheckboxGroup({
  id,
  label,
  hint,
  error,
  optional,
  options,
  inputProps,
}: FieldProps & {
  options: readonly Option[];
  inputProps: Omit<ComponentProps<'input'>, 'id' | 'type' | 'value'>;
}) {
  const { t } = useI18n();
  return (
    <fieldset className={fieldClass(error)} aria-describedby={describedBy(id, hint, error)}>
      <legend className="form-field__label">
        {label}
        {optional ? <span className="form-field__optional"> {t('form.optional')}</span> : null}
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="checkbox-group">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="checkbox"
                value={option.value}
                className="checkbox__input"
                {...inputProps}
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

/**
 * One choice out of a few, as radio buttons in a fieldset. The first radio gets `id`, so an error
 * summary can link to the group.
 */
export function RadioGroup({
  id,
  label,
  hint,
  error,
  optional,
  options,
  inputProps,
}: FieldProps & {
  options: readonly (Option & { hint?: string })[];
  inputProps: Omit<ComponentProps<'input'>, 'id' | 'type' | 'value'>;
}) {
  const { t } = useI18n();
  return (
    <fieldset className={fieldClass(error)} aria-describedby={describedBy(id, hint, error)}>
      <legend className="form-field__label">
        {label}
        {optional ? <span className="form-field__optional"> {t('form.optional')}</span> : null}
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="checkbox-group">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type="radio"
                value={option.value}
                className="checkbox__input"
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
                {...inputProps}
              />
              <label htmlFor={optionId} className="checkbox__label">
                {option.label}
                {option.hint ? (
                  <span className="form-field__hint checkbox__hint" id={`${optionId}-hint`}>
                    {option.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
