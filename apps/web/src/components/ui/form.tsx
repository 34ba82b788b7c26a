import { Checkbox } from '@utrecht/checkbox-react';
import { Fieldset, FieldsetLegend } from '@utrecht/fieldset-react';
import { FormField } from '@utrecht/form-field-react';
import { FormFieldDescription } from '@utrecht/form-field-description-react';
import { FormFieldErrorMessage } from '@utrecht/form-field-error-message-react';
import { FormLabel } from '@utrecht/form-label-react';
import { RadioButton } from '@utrecht/radio-button-react';
import { Textbox as UtrechtTextbox } from '@utrecht/textbox-react';
import type { ComponentProps, ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';
import { controlClassName, shortClassName } from './control-class-name';

/**
 * Form fields from the NL Design System (Utrecht form field, label, description, error message,
 * textbox, checkbox, radio button and fieldset React packages): a visible label tied to the
 * control, an optional hint, and an inline error above the control, both referenced by
 * `aria-describedby`. Textarea and select have no installable React package, so they are the
 * elements with the class names of `@utrecht/textarea-css` and `@utrecht/select-css`
 * (`controlClassName`). The bare controls (`Textbox`, `Select`, `Choice`, `FileInput`) are for
 * layouts a whole field does not fit: an inline filter row, a nested picker.
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

function classes(...names: (string | false | undefined)[]): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
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

/** The label of a bare control (`Textbox`, `Select`): the NL Design System form label, styled as a field label. */
export function Label({ className, ...props }: ComponentProps<typeof FormLabel>) {
  return <FormLabel className={classes('form-field__label', className)} {...props} />;
}

/** The NL Design System textbox alone (`@utrecht/textbox-react`); `short` for a number or a date. */
export function Textbox({
  short,
  className,
  ...props
}: ComponentProps<typeof UtrechtTextbox> & { short?: boolean }) {
  return <UtrechtTextbox className={classes(shortClassName('textbox', short), className)} {...props} />;
}

export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  required,
  ...props
}: FieldProps & Omit<ComponentProps<'input'>, 'id'> & { short?: boolean }) {
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
        className={controlClassName('textarea', { invalid: Boolean(error), className })}
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

type SelectProps = ComponentProps<'select'> & {
  options: readonly Option[];
  /** An empty first option ("Kies …", "Alle …"). */
  placeholder?: string;
  invalid?: boolean;
  short?: boolean;
};

/** A select with the class names of `@utrecht/select-css`, without label (`SelectField` has one). */
export function Select({ options, placeholder, invalid = false, short, className, ...props }: SelectProps) {
  return (
    <select
      className={controlClassName('select', { invalid, short, className })}
      aria-invalid={invalid ? true : undefined}
      {...props}
    >
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  optional,
  ...props
}: FieldProps & Omit<SelectProps, 'id' | 'invalid'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <Select id={id} invalid={Boolean(error)} aria-describedby={describedBy(id, hint, error)} {...props} />
    </Field>
  );
}

/** A label and a short select on one line: a sort order, a view setting in a toolbar or filter row. */
export function InlineSelectField({
  id,
  label,
  ...props
}: { id: string; label: ReactNode } & Omit<SelectProps, 'id' | 'short'>) {
  return (
    <div className="form-field form-field--inline">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} short {...props} />
    </div>
  );
}

/**
 * A group of fields or choices in the NL Design System fieldset, its legend styled like a field
 * label, with an optional hint and error (referenced by `aria-describedby`). `invalid` marks the
 * group when its error is shown elsewhere inside it.
 */
export function FormFieldset({
  id,
  label,
  hint,
  error,
  optional,
  invalid,
  className,
  children,
}: FieldProps & { invalid?: boolean; className?: string; children: ReactNode }) {
  return (
    <Fieldset
      className={classes('form-field', className)}
      invalid={invalid ?? Boolean(error)}
      aria-describedby={describedBy(id, hint, error)}
    >
      <FieldsetLegend>
        {label}
        <Optional optional={optional} />
      </FieldsetLegend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {children}
    </Fieldset>
  );
}

/**
 * One checkbox or radio button (`@utrecht/checkbox-react` with the native appearance,
 * `@utrecht/radio-button-react`) with its label and an optional hint inside the label.
 */
export function Choice({
  id,
  type,
  label,
  hint,
  invalid = false,
  required,
  className,
  'aria-describedby': ariaDescribedBy,
  ...props
}: {
  id: string;
  type: 'checkbox' | 'radio';
  label: ReactNode;
  hint?: ReactNode;
  invalid?: boolean;
} & Omit<ComponentProps<'input'>, 'id' | 'type'>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const control = {
    id,
    invalid,
    className: classes('checkbox__input', className),
    'aria-describedby': ariaDescribedBy ?? hintId,
  };
  return (
    <div className="checkbox">
      {type === 'checkbox' ? (
        <Checkbox appearance="html" required={required} inputRequired={required} {...control} {...props} />
      ) : (
        <RadioButton required={required} {...control} {...props} />
      )}
      <FormLabel htmlFor={id} type={type} className="checkbox__label">
        {label}
        {hint ? (
          <span className="utrecht-form-field-description form-field__hint checkbox__hint" id={hintId}>
            {hint}
          </span>
        ) : null}
      </FormLabel>
    </div>
  );
}

/** One checkbox on its own ("Actief"), with an optional hint and an inline error above it. */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  ...props
}: { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined } & Omit<
  ComponentProps<'input'>,
  'id' | 'type'
>) {
  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <FieldError id={id} error={error} />
      <Choice
        id={id}
        type="checkbox"
        label={label}
        hint={hint}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </div>
  );
}

type ChoiceInputProps = Omit<ComponentProps<'input'>, 'id' | 'type' | 'value'>;

/**
 * Checkboxes or radio buttons in a fieldset. The first gets `id`, so an error summary can link to
 * the group. `inputProps` go to every input (react-hook-form's `register`); `optionProps` to one
 * (`checked` and `onChange` of a controlled group).
 */
export function ChoiceGroupField({
  id,
  type,
  label,
  hint,
  error,
  optional,
  options,
  inputProps,
  optionProps,
}: FieldProps & {
  type: 'checkbox' | 'radio';
  options: readonly (Option & { hint?: string })[];
  inputProps?: ChoiceInputProps;
  optionProps?: (option: Option) => ChoiceInputProps;
}) {
  return (
    <FormFieldset id={id} label={label} hint={hint} error={error} optional={optional}>
      <div className="checkbox-group">
        {options.map((option, index) => (
          <Choice
            key={option.value}
            id={index === 0 ? id : `${id}-${option.value}`}
            type={type}
            label={option.label}
            hint={option.hint}
            value={option.value}
            invalid={Boolean(error)}
            {...inputProps}
            {...optionProps?.(option)}
          />
        ))}
      </div>
    </FormFieldset>
  );
}

/** A group of checkboxes, any number of them ticked. */
export function CheckboxGroup(
  props: FieldProps & { options: readonly Option[]; inputProps: ChoiceInputProps },
) {
  return <ChoiceGroupField type="checkbox" {...props} />;
}

/** One choice out of a few, as radio buttons; each may have a hint. */
export function RadioGroup(
  props: FieldProps & { options: readonly (Option & { hint?: string })[]; inputProps: ChoiceInputProps },
) {
  return <ChoiceGroupField type="radio" {...props} />;
}

/**
 * A native file input. There is no NL Design System file input package installed; `file-input`
 * (index.css) spaces it like the other controls.
 */
export function FileInput({ className, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  return <input type="file" className={classes('file-input', className)} {...props} />;
}
