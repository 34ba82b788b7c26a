import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe, buildWorkItem } from '@/testing/factories';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const liander = () =>
  buildMe({ role: 'party', name: 'Lars Liander', organisationName: 'Liander', municipalityCode: null });

describe('Mijn werk', () => {
  it('is the home page: overdue, due soon and other actions, each linking to its case', async () => {
    const late = buildWorkItem({
      reference: 'DB-2026-0003',
      projectName: 'Havenkwartier',
      title: 'Aansluiting bevestigen',
      state: 'breached',
      workingDaysLeft: -3,
    });
    const soon = buildWorkItem({
      reference: 'DB-2026-0004',
      projectName: 'Stationstuinen',
      workingDaysLeft: 1,
    });
    mockApi({
      'GET /api/auth/me': () => json(200, liander()),
      'GET /api/me/work': () =>
        json(200, {
          overdue: [late],
          dueSoon: [soon],
          open: [],
          counts: { overdue: 1, dueSoon: 1, open: 0 },
        }),
    });
    const { user, router } = renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn werk' })).toBeInTheDocument();
    // The menu starts with Mijn werk and says how much is overdue.
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    const links = within(nav).getAllByRole('link');
    await waitFor(() => expect(links[0]).toHaveAccessibleName('Mijn werk (1 te laat)'));
    expect(links[0]).toHaveAttribute('aria-current', 'page');

    const overdue = screen.getByRole('region', { name: 'Te laat (1)' });
    const table = within(overdue).getByRole('table', { name: 'Te laat (1)' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Dossier', 'Wat er gevraagd wordt', 'Soort', 'Partij', 'Termijn', 'Stand']);
    expect(within(table).getByText('te laat — 3 werkdagen over de termijn')).toBeInTheDocument();
    expect(within(table).getByText('Aansluiting bevestigen')).toBeInTheDocument();

    const dueSoon = screen.getByRole('region', { name: 'Binnenkort (≤ 5 werkdagen) (1)' });
    expect(within(dueSoon).getByText('loopt — nog 1 werkdag')).toBeInTheDocument();

    const other = screen.getByRole('region', { name: 'Overig (0)' });
    expect(within(other).getByText('Er staat verder niets voor u open.')).toBeInTheDocument();
    expect(within(other).queryByRole('table')).toBeNull();

    await user.click(within(table).getByRole('link', { name: 'DB-2026-0003 Havenkwartier' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/dossiers/${late.caseId}`));
    expect(router.state.location.hash).toBe('#partijen');
  });

  it('says so when nothing waits, and the menu shows no count', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, liander()),
      'GET /api/me/work': () =>
        json(200, { overdue: [], dueSoon: [], open: [], counts: { overdue: 0, dueSoon: 0, open: 0 } }),
    });
    renderApp('/');
    expect(await screen.findByText('Er is niets te laat.')).toBeInTheDocument();
    expect(screen.getByText('Er verloopt de komende 5 werkdagen niets.')).toBeInTheDocument();
    expect(screen.getByText('0 te laat, 0 binnenkort, 0 overig.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).getByRole('link', { name: 'Mijn werk' })).toBeInTheDocument();
  });
});
