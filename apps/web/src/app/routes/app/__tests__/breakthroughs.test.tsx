import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '@/testing/factories';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const item = (n: number, overrides: Record<string, unknown>) => ({
  id: `00000000-0000-4000-8000-0000000010${String(n).padStart(2, '0')}`,
  caseId: `00000000-0000-4000-8000-0000000020${String(n).padStart(2, '0')}`,
  caseReference: `DB-2026-00${n}`,
  projectName: `Project ${n}`,
  municipalityCode: 'GM0489',
  municipalityName: 'Barendrecht',
  provinceCode: 'PV28',
  provinceName: 'Zuid-Holland',
  homesUnblocked: 100,
  solutionType: 'local_grid_solution',
  date: '2026-11-01',
  ...overrides,
});

describe('breakthroughs page', () => {
  it('lists the breakthroughs with the most homes first and the total of homes unblocked', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/breakthroughs': () =>
        json(200, {
          // The api sends the newest first.
          items: [
            item(1, { projectName: 'E2E Havenkwartier', homesUnblocked: 1200, date: '2026-11-25' }),
            item(2, {
              projectName: 'Projecten vastgelopen op netcongestie in Friesland',
              municipalityName: 'Leeuwarden',
              provinceName: 'Fryslân',
              homesUnblocked: 600,
              date: '2026-03-01',
            }),
            item(3, {
              projectName: 'De Stationstuinen',
              homesUnblocked: 3500,
              solutionType: 'agreement_public_private',
              date: '2025-10-01',
            }),
          ],
          nextCursor: null,
          count: 3,
          totalHomesUnblocked: 5300,
        }),
    });
    const { user } = renderApp('/dossiers');

    await user.click(
      await within(await screen.findByRole('navigation', { name: 'Hoofdmenu' })).findByRole('link', {
        name: 'Doorbraken',
      }),
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Doorbraken' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Doorbraken, meeste woningen eerst' });
    expect(screen.getByText('woningen vrijgespeeld').previousElementSibling).toHaveTextContent('5.300');
    expect(screen.getByText('3 van 3 doorbraken getoond')).toBeInTheDocument();

    const rows = within(table).getAllByRole('row');
    const projects = rows.slice(1, -1).map((row) => within(row).getByRole('rowheader').textContent);
    expect(projects).toEqual([
      'De Stationstuinen',
      'E2E Havenkwartier',
      'Projecten vastgelopen op netcongestie in Friesland',
    ]);
    const first = rows[1] as HTMLElement;
    expect(within(first).getByRole('cell', { name: '3.500' })).toBeInTheDocument();
    expect(within(first).getByText('Afspraken publiek en privaat')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'De Stationstuinen' })).toHaveAttribute(
      'href',
      '/dossiers/00000000-0000-4000-8000-000000002003#doorbraak',
    );
    const total = rows.at(-1) as HTMLElement;
    expect(within(total).getByRole('rowheader')).toHaveTextContent('Totaal vrijgespeeld');
    expect(within(total).getByRole('cell', { name: '5.300' })).toBeInTheDocument();
    expect(api.calls('GET', '/api/breakthroughs')[0]?.url.searchParams.get('limit')).toBe('200');
  });

  it('says so when there are none yet', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/breakthroughs': () =>
        json(200, { items: [], nextCursor: null, count: 0, totalHomesUnblocked: 0 }),
    });
    renderApp('/doorbraken');
    expect(await screen.findByText('Er zijn nog geen doorbraken vastgelegd.')).toBeInTheDocument();
  });
});
