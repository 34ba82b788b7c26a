import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildCaseDetail, buildMe } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

function setCsrfCookie(value: string) {
  document.cookie = `doorbraak_csrf=${value}; path=/`;
}

describe('new case form', () => {
  it('shows Dutch inline errors and a linked summary, and does not post invalid input', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ role: 'coordinator', municipalityCode: null })),
    });
    const { user } = renderApp('/dossiers/nieuw');

    await user.click(await screen.findByRole('button', { name: 'Knelpunt melden' }));

    const summary = await screen.findByRole('alert');
    const links = within(summary)
      .getAllByRole('link')
      .map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['Vul de projectnaam in.', '#projectName'],
      ['Kies een gemeente.', '#municipalityCode'],
      ['Vul het aantal woningen in als heel getal, bijvoorbeeld 3500.', '#homesTotal'],
      ['Kies minstens één knelpunt.', '#knelpuntTypes'],
    ]);
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveAccessibleDescription(
      'Fout: Vul de projectnaam in.',
    );
    expect(screen.getByRole('combobox', { name: 'Gemeente' })).toBeInvalid();
    expect(screen.getByRole('group', { name: 'Knelpunten' })).toHaveAccessibleDescription(
      'Kies een of meer knelpunten. Fout: Kies minstens één knelpunt.',
    );

    await user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), 'veel');
    await user.click(screen.getByRole('button', { name: 'Knelpunt melden' }));
    expect(screen.getByRole('textbox', { name: 'Aantal woningen' })).toHaveAccessibleDescription(
      /Vul het aantal woningen in als heel getal/,
    );
    expect(api.calls('POST', '/api/cases')).toHaveLength(0);
  });

  it('preselects the municipality of a municipality user, posts valid input and opens the new case', async () => {
    setCsrfCookie('csrf-token-123');
    const created = buildCaseDetail({ projectName: 'De Stationstuinen', homesTotal: 3500 });
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'POST /api/cases': () => json(201, created),
    });
    const { user, router } = renderApp('/dossiers/nieuw');

    const municipality = await screen.findByRole('combobox', { name: 'Gemeente' });
    expect(municipality).toHaveValue('GM0489');
    expect(within(municipality).getByRole('option', { selected: true })).toHaveTextContent('Barendrecht');

    await user.type(screen.getByRole('textbox', { name: 'Projectnaam' }), '  De Stationstuinen ');
    await user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), '3.500');
    await user.click(screen.getByRole('checkbox', { name: 'Netcongestie' }));
    await user.click(screen.getByRole('checkbox', { name: 'Stikstof' }));
    await user.type(screen.getByRole('textbox', { name: /Toelichting/ }), 'Wacht op netaansluiting.');
    await user.click(screen.getByRole('button', { name: 'Knelpunt melden' }));

    expect(await screen.findByRole('heading', { level: 1, name: /De Stationstuinen/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/dossiers/${created.id}`);

    const [post] = api.calls('POST', '/api/cases');
    expect(post?.body).toEqual({
      projectName: 'De Stationstuinen',
      municipalityCode: 'GM0489',
      homesTotal: 3500,
      knelpuntTypes: ['grid_congestion', 'nitrogen'],
      description: 'Wacht op netaansluiting.',
    });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-token-123');
    expect(post?.headers.get('Content-Type')).toBe('application/json');
  });

  it('puts the server validation errors on the fields', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'POST /api/cases': () =>
        problem(400, {
          type: 'https://doorbraak.nl/problems/validation',
          title: 'Ongeldige invoer',
          errors: [
            { field: 'projectName', code: 'custom', message: 'Deze projectnaam bestaat al in Barendrecht.' },
          ],
        }),
    });
    const { user } = renderApp('/dossiers/nieuw');

    await user.type(await screen.findByRole('textbox', { name: 'Projectnaam' }), 'Dubbel');
    await user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), '10');
    await user.click(screen.getByRole('checkbox', { name: 'Netcongestie' }));
    await user.click(screen.getByRole('button', { name: 'Knelpunt melden' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Deze projectnaam bestaat al in Barendrecht.' }),
    ).toHaveAttribute('href', '#projectName');
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveAccessibleDescription(
      'Fout: Deze projectnaam bestaat al in Barendrecht.',
    );
  });

  it('tells users without the right role that they cannot report', async () => {
    mockApi({ 'GET /api/auth/me': () => json(200, buildMe({ role: 'party', municipalityCode: null })) });
    renderApp('/dossiers/nieuw');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'U kunt geen knelpunt melden' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Nieuw knelpunt melden' })).not.toBeInTheDocument();
  });
});
