import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Alert } from '../alert';
import { Button } from '../button';
import { ErrorSummary } from '../error-summary';
import { CheckboxGroup, RadioGroup, SelectField, TextareaField, TextField } from '../form';
import { PageHeading } from '../heading';
import { ButtonLink, Link } from '../link';
import { Section } from '../section';

/** Renders `ui` at `/` in a memory router with a second page at `/doel`. */
function renderInRouter(ui: ReactNode) {
  const router = createMemoryRouter(
    [
      { path: '/', element: ui },
      { path: '/doel', element: <p>Doelpagina</p> },
    ],
    { initialEntries: ['/'] },
  );
  const user = userEvent.setup();
  render(<RouterProvider router={router} />);
  return { router, user };
}

describe('the shared UI layer renders NL Design System components', () => {
  it('Button: the Utrecht button with one appearance per variant; busy blocks and says so', () => {
    render(
      <>
        <Button>Opslaan</Button>
        <Button variant="secondary">Annuleren</Button>
        <Button variant="subtle">Sluiten</Button>
        <Button type="submit" isBusy busyText="Bezig met opslaan…">
          Versturen
        </Button>
      </>,
    );
    expect(screen.getByRole('button', { name: 'Opslaan' })).toHaveClass(
      'utrecht-button',
      'utrecht-button--primary-action',
    );
    expect(screen.getByRole('button', { name: 'Opslaan' })).toHaveAttribute('type', 'button');
    expect(screen.getByRole('button', { name: 'Annuleren' })).toHaveClass('utrecht-button--secondary-action');
    expect(screen.getByRole('button', { name: 'Sluiten' })).toHaveClass('utrecht-button--subtle');
    const busy = screen.getByRole('button', { name: 'Bezig met opslaan…' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(busy).toHaveAttribute('type', 'submit');
  });

  it('Link: the NL link, navigating inside the app without a page load; aria-current styles it', async () => {
    const { router, user } = renderInRouter(
      <>
        <Link to="/doel">Naar het doel</Link>
        <Link to="/" aria-current="page">
          Deze pagina
        </Link>
      </>,
    );
    const link = screen.getByRole('link', { name: 'Naar het doel' });
    expect(link).toHaveClass('nl-link');
    expect(link).toHaveAttribute('href', '/doel');
    const current = screen.getByRole('link', { name: 'Deze pagina' });
    expect(current).toHaveAttribute('aria-current', 'page');
    expect(current).toHaveClass('nl-link--current');

    await user.click(link);
    expect(router.state.location.pathname).toBe('/doel');
    expect(await screen.findByText('Doelpagina')).toBeInTheDocument();
  });

  it('ButtonLink: the Utrecht button link, also navigating inside the app', async () => {
    const { router, user } = renderInRouter(
      <ButtonLink to="/doel" variant="secondary">
        Nieuw knelpunt melden
      </ButtonLink>,
    );
    const link = screen.getByRole('link', { name: 'Nieuw knelpunt melden' });
    expect(link).toHaveClass('utrecht-button-link', 'utrecht-button-link--secondary-action');
    await user.click(link);
    expect(router.state.location.pathname).toBe('/doel');
  });

  it('headings: the page h1 and a section h2 are NL headings; the section is a named region', () => {
    renderInRouter(
      <>
        <PageHeading>Dossiers</PageHeading>
        <Section id="gegevens" title="Gegevens">
          <p>Inhoud</p>
        </Section>
      </>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Dossiers' })).toHaveClass(
      'nl-heading',
      'nl-heading--level-1',
    );
    const region = screen.getByRole('region', { name: 'Gegevens' });
    expect(within(region).getByRole('heading', { level: 2, name: 'Gegevens' })).toHaveClass(
      'nl-heading--level-2',
    );
  });

  it('TextField: Utrecht form field, label, description, error above the textbox, all tied by aria', () => {
    render(
      <TextField
        id="project"
        label="Projectnaam"
        hint="Zoals de gemeente het noemt"
        error="Vul de projectnaam in."
        required
      />,
    );
    const input = screen.getByRole('textbox', { name: 'Projectnaam' });
    expect(input).toHaveClass('utrecht-textbox', 'utrecht-textbox--invalid');
    expect(input).toBeRequired();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Zoals de gemeente het noemt Fout: Vul de projectnaam in.');
    const error = document.getElementById('project-error');
    expect(error).toHaveClass('utrecht-form-field-error-message');
    expect(error?.compareDocumentPosition(input)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(input.closest('.utrecht-form-field')).toHaveClass('utrecht-form-field--invalid', 'form-field');
    expect(screen.getByText('Projectnaam').closest('label')).toHaveClass('utrecht-form-label');
  });

  it('TextareaField and SelectField carry the Utrecht textarea and select classes', () => {
    render(
      <>
        <TextareaField id="toelichting" label="Toelichting" optional />
        <SelectField
          id="fase"
          label="Fase"
          error="Kies een fase."
          placeholder="Kies"
          options={[{ value: 'bouw', label: 'Bouw' }]}
        />
      </>,
    );
    expect(screen.getByRole('textbox', { name: /Toelichting/ })).toHaveClass('utrecht-textarea');
    const select = screen.getByRole('combobox', { name: 'Fase' });
    expect(select).toHaveClass('utrecht-select', 'utrecht-select--invalid');
    expect(select).toHaveAccessibleDescription('Fout: Kies een fase.');
  });

  it('CheckboxGroup and RadioGroup: a Utrecht fieldset named by its legend, Utrecht checkboxes and radios', async () => {
    const user = userEvent.setup();
    render(
      <>
        <CheckboxGroup
          id="knelpunten"
          label="Knelpunten"
          error="Kies minstens één knelpunt."
          options={[
            { value: 'netcongestie', label: 'Netcongestie' },
            { value: 'stikstof', label: 'Stikstof' },
          ]}
          inputProps={{ name: 'knelpunten' }}
        />
        <RadioGroup
          id="zichtbaar"
          label="Zichtbaar voor"
          options={[
            { value: 'intern', label: 'Intern', hint: 'Alleen de tafel' },
            { value: 'gedeeld', label: 'Gedeeld' },
          ]}
          inputProps={{ name: 'zichtbaar' }}
        />
      </>,
    );
    const checkboxes = screen.getByRole('group', { name: 'Knelpunten' });
    expect(checkboxes).toHaveAccessibleDescription('Fout: Kies minstens één knelpunt.');
    const first = within(checkboxes).getByRole('checkbox', { name: 'Netcongestie' });
    expect(first).toHaveAttribute('id', 'knelpunten');
    expect(first).toHaveClass('utrecht-checkbox', 'utrecht-checkbox--invalid');
    await user.click(within(checkboxes).getByText('Stikstof'));
    expect(within(checkboxes).getByRole('checkbox', { name: 'Stikstof' })).toBeChecked();
    expect(checkboxes.closest('.utrecht-form-fieldset')).toHaveClass('utrecht-form-fieldset--invalid');

    const radios = screen.getByRole('group', { name: 'Zichtbaar voor' });
    const intern = within(radios).getByRole('radio', { name: /Intern/ });
    expect(intern).toHaveClass('utrecht-radio-button');
    expect(intern).toHaveAccessibleDescription('Alleen de tafel');
  });

  it('ErrorSummary: an NL error alert that takes focus and links each message to its field', async () => {
    const user = userEvent.setup();
    render(
      <>
        <ErrorSummary items={[{ fieldId: 'naam', message: 'Vul uw naam in.' }]} />
        <TextField id="naam" label="Naam" error="Vul uw naam in." />
      </>,
    );
    const summary = screen.getByRole('alert');
    expect(summary).toHaveClass('utrecht-alert', 'utrecht-alert--error');
    expect(summary).toHaveFocus();
    expect(within(summary).getByRole('heading', { level: 2, name: 'Er is een probleem' })).toHaveClass(
      'nl-heading',
    );
    const link = within(summary).getByRole('link', { name: 'Vul uw naam in.' });
    expect(link).toHaveClass('nl-link');
    await user.click(link);
    expect(screen.getByRole('textbox', { name: 'Naam' })).toHaveFocus();
  });

  it('Alert: the Utrecht alert; errors are alerts, the rest status messages, and it can take focus', () => {
    render(
      <>
        <Alert type="info" focus>
          De status is gewijzigd.
        </Alert>
        <Alert>Opslaan mislukt.</Alert>
      </>,
    );
    const status = screen.getByRole('status');
    expect(status).toHaveClass('utrecht-alert', 'utrecht-alert--info');
    expect(status).toHaveTextContent('De status is gewijzigd.');
    expect(status).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveClass('utrecht-alert--error');
  });
});
