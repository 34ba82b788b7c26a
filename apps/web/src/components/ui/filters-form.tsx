import { useId, type FormEventHandler, type ReactNode } from 'react';
import { Choice } from './form';

/**
 * A filters form whose state is the URL: a heading for screen readers, the filters folded in a
 * `<details>` (open while some are active), and a row with apply/clear outside it. The form is
 * uncontrolled: `onSubmit` reads it with `FormData` and the page writes the result to the URL.
 */
export function FiltersForm({
  title,
  summary,
  open,
  onSubmit,
  className,
  noValidate,
  actions,
  children,
}: {
  title: string;
  /** The text of the `<summary>` ("Filters (2 actief)"). */
  summary: string;
  open: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  className?: string;
  noValidate?: boolean;
  /** The row under the filters: apply, clear, and whatever belongs with them. */
  actions: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <form
      className={className ? `filters ${className}` : 'filters'}
      onSubmit={onSubmit}
      aria-labelledby={`${id}-title`}
      noValidate={noValidate}
    >
      <h2 id={`${id}-title`} className="visually-hidden">
        {title}
      </h2>
      <details className="filters__details" open={open}>
        <summary className="filters__summary">{summary}</summary>
        {children}
      </details>
      <div className="filters__row">{actions}</div>
    </form>
  );
}

export interface FilterChoice {
  value: string;
  label: string;
}

/** A group of checkboxes named `name`; `FormData.getAll(name)` gives the ticked values. */
export function FilterCheckboxes({
  name,
  legend,
  choices,
  selected,
}: {
  name: string;
  legend: string;
  choices: readonly FilterChoice[];
  selected: readonly string[] | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="filters__group">
      <legend className="form-field__label">{legend}</legend>
      <div className="checkbox-group">
        {choices.map((choice) => (
          <Choice
            key={choice.value}
            id={`${id}-${choice.value}`}
            type="checkbox"
            name={name}
            value={choice.value}
            label={choice.label}
            defaultChecked={selected?.includes(choice.value) ?? false}
          />
        ))}
      </div>
    </fieldset>
  );
}
