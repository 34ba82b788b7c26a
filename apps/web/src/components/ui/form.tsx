import { Checkbox } from '@utrecht/checkbox-react';
import { Fieldset, FieldsetLegend } from '@utrecht/fieldset-react';
import { FormField } from '@utrecht/form-field-react';
import { FormFieldDescription } from '@utrecht/form-field-description-react';
import { FormFieldErrorMessage } from '@utrecht/form-field-error-message-react';
import { FormLabel } from '@utrecht/form-label-react';
import { RadioButton } from '@utrecht/radio-button-react';
import { Textbox } from '@utrecht/textbox-react';
import type { ComponentProps, ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';

/**
 * Form fields from the NL Design System (Utrecht form field, label, description, error message,
 * textbox, checkbox, radio button and fieldset React packages): a visible label tied to the
 * control, an optional hint, and an inline error above the control, both referenced by
 * `aria-describedby`. Textarea and select have no installable React package, so they are the
 * elements with the class names of `@utrecht/textarea-css` and `@utrecht/select-css`.
 *
 * `form-field` stays on each field as the app's layout hook (spacing, inline filter rows).
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

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

function Optional({ optional }: { optional: boolean | undefined }) {
  const { t } = useI18n();
  return optional ? <span className="form-field__optional"> {t('form.optional')}</span> : null;
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription> : null;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useI18n();
  return error ? (
    <FormFieldErrorMessage id={`${id}-error`} className="form-field__error">
      <span className="visually-hidden">{t('form.error.prefix')} </span>
      {error}
    </FormFieldErrorMessage>
  ) : null;
}

/** A label, hint and error above one control, in the NL Design System form field. */
function Field({ id, label, hint, error, optional, children }: FieldProps & { children: ReactNode }) {
  return (
    <FormField
      className="form-field"
      invalid={Boolean(error)}
      label={
        <FormLabel htmlFor={id}>
          {label}
          <Optional optional={optional} />
        </FormLabel>
      }
    >
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  required,
  ...props
}: FieldProps & Omit<ComponentProps<'input'>, 'id'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <Textbox
        id={id}
        invalid={Boolean(error)}
        required={required}
        inputRequired={required}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </Field>
  );
}

export function TextareaField({
  id,
  label,
  hint,
  error,
  optional,
  className,
  ...props
}: FieldProps & Omit<ComponentProps<'textarea'>, 'id'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        id={id}
        className={classes(
          'utrecht-textarea',
          'utrecht-textarea--html-textarea',
          error && 'utrecht-textarea--invalid',
          className,
        )}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        rows={6}
        {...props}
      />
    </Field>
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
  className,
  ...props
}: FieldProps & Omit<ComponentProps<'select'>, 'id'> & { options: readonly Option[]; placeholder?: string }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <select
        id={id}
        className={classes(
          'utrecht-select',
          'utrecht-select--html-select',
          error && 'utrecht-select--invalid',
          className,
        )}
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
    </Field>
  );
}

/** A group of choices in the NL Design System fieldset, its legend styled like a field label. */
function ChoiceFieldset({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: FieldProps & { children: ReactNode }) {
  return (
    <Fieldset className="form-field" invalid={Boolean(error)} aria-describedby={describedBy(id, hint, error)}>
      <FieldsetLegend>
        {label}
        <Optional optional={optional} />
      </FieldsetLegend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="checkbox-group">{children}</div>
    </Fieldset>
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
  const { required, ...rest } = inputProps;
  return (
    <ChoiceFieldset id={id} label={label} hint={hint} error={error} optional={optional}>
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <Checkbox
              id={optionId}
              appearance="html"
              value={option.value}
              invalid={Boolean(error)}
              required={required}
              inputRequired={required}
              className="checkbox__input"
              {...rest}
            />
            <FormLabel htmlFor={optionId} type="checkbox" className="checkbox__label">
              {option.label}
            </FormLabel>
          </div>
        );
      })}
    </ChoiceFieldset>
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
  return (
    <ChoiceFieldset id={id} label={label} hint={hint} error={error} optional={optional}>
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <RadioButton
              id={optionId}
              value={option.value}
              invalid={Boolean(error)}
              className="checkbox__input"
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              {...inputProps}
            />
            <FormLabel htmlFor={optionId} type="radio" className="checkbox__label">
              {option.label}
              {option.hint ? (
                <span
                  className="utrecht-form-field-description form-field__hint checkbox__hint"
                  id={`${optionId}-hint`}
                >
                  {option.hint}
                </span>
              ) : null}
            </FormLabel>
          </div>
        );
      })}
    </ChoiceFieldset>
  );
}
