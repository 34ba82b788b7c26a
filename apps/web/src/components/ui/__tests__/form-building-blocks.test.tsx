import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { controlClassName } from '../control-class-name';
import { CheckboxField, Choice, FormFieldset, InlineSelectField, Label, Select, Textbox } from '../form';
import { FormActions } from '../form-actions';
import { InlineForm } from '../inline-form';

describe('the shared form building blocks', () => {
  it('FormActions: submit and cancel in one row; busy blocks both and says so on the submit', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    const onCancel = vi.fn();
    const { rerender } = render(
      <form onSubmit={onSubmit}>
        <FormActions submitLabel="Opslaan" onCancel={onCancel} secondary={<a href="#hulp">Hulp</a>} />
      </form>,
    );
    const submit = screen.getByRole('button', { name: 'Opslaan' });
    expect(submit).toHaveAttribute('type', 'submit');
    expect(submit).toHaveClass('utrecht-button--primary-action');
    const cancel = screen.getByRole('button', { name: 'Annuleren' });
    expect(cancel).toHaveClass('utrecht-button--secondary-action');
    expect(submit.parentElement).toBe(cancel.parentElement);
    expect(within(submit.parentElement!).getByRole('link', { name: 'Hulp' })).toBeInTheDocument();

    await user.click(submit);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await user.click(cancel);
    expect(onCancel).toHaveBeenCalledTimes(1);

    rerender(
      <form onSubmit={onSubmit}>
        <FormActions submitLabel="Opslaan" isBusy onCancel={onCancel} />
      </form>,
    );
    const busy = screen.getByRole('button', { name: 'Bezig met opslaan…' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Annuleren' })).toBeDisabled();
  });

  it('FormActions with onConfirm: a confirmation row that does not submit, its own busy text', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const onConfirm = vi.fn();
    render(
      <form onSubmit={onSubmit}>
        <FormActions submitLabel="Ja, verwijderen" onConfirm={onConfirm} autoFocus />
      </form>,
    );
    const confirm = screen.getByRole('button', { name: 'Ja, verwijderen' });
    expect(confirm).toHaveAttribute('type', 'button');
    expect(confirm).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Annuleren' })).not.toBeInTheDocument();
    await user.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('InlineForm: a form named by its NL heading at the level asked for; the heading can take focus', () => {
    function Opened() {
      const heading = useRef<HTMLHeadingElement>(null);
      return (
        <InlineForm
          id="partij"
          title="Partij toevoegen"
          level={4}
          headingRef={heading}
          onSubmit={(event) => event.preventDefault()}
        >
          <button type="button" onClick={() => heading.current?.focus()}>
            Naar boven
          </button>
        </InlineForm>
      );
    }
    render(<Opened />);
    const form = screen.getByRole('form', { name: 'Partij toevoegen' });
    expect(form).toHaveClass('inline-form');
    expect(form).toHaveAttribute('novalidate');
    const heading = within(form).getByRole('heading', { level: 4, name: 'Partij toevoegen' });
    expect(heading).toHaveClass('nl-heading', 'inline-form__title');
    expect(heading).toHaveAttribute('id', 'partij-title');
    screen.getByRole('button', { name: 'Naar boven' }).click();
    expect(heading).toHaveFocus();
  });

  it('FormFieldset: an NL fieldset named by its legend, with hint and error as its description', () => {
    render(
      <FormFieldset
        id="contacten"
        label="Contactpersonen"
        hint="Wie mailen we"
        error="Eén is genoeg."
        optional
      >
        <Textbox id="contact-naam" aria-label="Naam" />
      </FormFieldset>,
    );
    const group = screen.getByRole('group', { name: 'Contactpersonen (niet verplicht)' });
    expect(group).toHaveAccessibleDescription('Wie mailen we Fout: Eén is genoeg.');
    expect(group.closest('.utrecht-form-fieldset')).toHaveClass(
      'utrecht-form-fieldset--invalid',
      'form-field',
    );
    expect(within(group).getByRole('textbox', { name: 'Naam' })).toHaveClass('utrecht-textbox');
  });

  it('Choice and CheckboxField: Utrecht checkbox or radio with its label and hint; an error above', async () => {
    const user = userEvent.setup();
    function Visibility() {
      const [value, setValue] = useState('intern');
      return (
        <>
          {['intern', 'gedeeld'].map((v) => (
            <Choice
              key={v}
              id={`zicht-${v}`}
              type="radio"
              name="zicht"
              value={v}
              label={v === 'intern' ? 'Intern' : 'Gedeeld'}
              hint={v === 'intern' ? 'Alleen de tafel' : undefined}
              checked={value === v}
              onChange={() => setValue(v)}
            />
          ))}
        </>
      );
    }
    render(
      <>
        <Visibility />
        <CheckboxField
          id="actief"
          label="Actief"
          hint="Uit: niet meer te kiezen"
          error="Kies of hij actief is."
        />
      </>,
    );
    const intern = screen.getByRole('radio', { name: /Intern/ });
    expect(intern).toHaveClass('utrecht-radio-button');
    expect(intern).toHaveAccessibleDescription('Alleen de tafel');
    expect(intern).toBeChecked();
    await user.click(screen.getByText('Gedeeld'));
    expect(screen.getByRole('radio', { name: 'Gedeeld' })).toBeChecked();
    expect(intern).not.toBeChecked();

    const active = screen.getByRole('checkbox', { name: /Actief/ });
    expect(active).toHaveClass('utrecht-checkbox', 'utrecht-checkbox--invalid');
    expect(active).not.toHaveClass('utrecht-checkbox--custom');
    expect(active).toHaveAccessibleDescription('Uit: niet meer te kiezen Fout: Kies of hij actief is.');
    await user.click(screen.getByText('Actief'));
    expect(active).toBeChecked();
  });

  it('Select and InlineSelectField: the Utrecht select alone or with its label on one line', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <>
        <Label htmlFor="regio">Regio</Label>
        <Select
          id="regio"
          placeholder="Alle regio's"
          options={[{ value: 'zh', label: 'Zuid-Holland' }]}
          invalid
        />
        <InlineSelectField
          id="volgorde"
          label="Volgorde"
          value="newest"
          onChange={onChange}
          options={[
            { value: 'newest', label: 'Nieuwste eerst' },
            { value: 'oldest', label: 'Oudste eerst' },
          ]}
        />
      </>,
    );
    const region = screen.getByRole('combobox', { name: 'Regio' });
    expect(region).toHaveClass('utrecht-select', 'utrecht-select--html-select', 'utrecht-select--invalid');
    expect(region).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(region)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(["Alle regio's", 'Zuid-Holland']);
    expect(screen.getByText('Regio')).toHaveClass('utrecht-form-label', 'form-field__label');

    const order = screen.getByRole('combobox', { name: 'Volgorde' });
    expect(order).toHaveClass('utrecht-select', 'select--short');
    expect(order.parentElement).toHaveClass('form-field--inline');
    await user.selectOptions(order, 'oldest');
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('controlClassName: the NL class names for a raw control, invalid and short when asked', () => {
    expect(controlClassName('textbox')).toBe('utrecht-textbox utrecht-textbox--html-input');
    expect(controlClassName('textbox', { invalid: true, short: true, className: 'extra' })).toBe(
      'utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid text-input--short extra',
    );
    expect(controlClassName('textarea', { short: true })).toBe(
      'utrecht-textarea utrecht-textarea--html-textarea',
    );
  });
});
