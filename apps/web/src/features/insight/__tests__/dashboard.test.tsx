import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InsightBreakdownRow, InsightDashboard } from '@doorbraak/domain';
import { buildMe } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const REGION = '00000000-0000-4000-8000-00000000a001';

const row = (key: string | null, label: string, figures: Partial<InsightBreakdownRow> = {}) => ({
  key,
  label,
  openCases: 0,
  homesAtStake: 0,
  breakthroughs: 0,
  homesUnblocked: 0,
  ...figures,
});

/** The seeded letter's figures: three breakthroughs, 8,680 homes unblocked. */
function buildDashboard(overrides: Partial<InsightDashboard> = {}): InsightDashboard {
  return {
    generatedAt: '2026-11-20T10:05:12.000Z',
    period: { from: null, to: null },
    totals: {
      openCases: 5,
      homesAtStake: 12_340,
      homesSocialOrAffordableAtStake: 4_100,
      breakthroughs: 3,
      homesUnblocked: 8_680,
      overdueActions: 2,
      medianWorkingDaysToBreakthrough: 84.5,
      systemicKnelpunten: 1,
    },
    homes: {
      byProvince: [
        row('PV27', 'Noord-Holland', {
          openCases: 2,
          homesAtStake: 6_000,
          breakthroughs: 1,
          homesUnblocked: 4_580,
        }),
        row('PV28', 'Zuid-Holland', {
          openCases: 3,
          homesAtStake: 6_340,
          breakthroughs: 1,
          homesUnblocked: 3_500,
        }),
        row('PV21', 'Fryslân', { breakthroughs: 1, homesUnblocked: 600 }),
      ],
      byRegion: [
        row(REGION, 'Holland Rijnland', { openCases: 1, homesAtStake: 800 }),
        row(null, 'Geen woondealregio', {
          openCases: 4,
          homesAtStake: 11_540,
          breakthroughs: 3,
          homesUnblocked: 8_680,
        }),
      ],
      byKnelpuntType: [
        row('grid_congestion', 'Netcongestie', {
          openCases: 4,
          homesAtStake: 10_000,
          breakthroughs: 2,
          homesUnblocked: 4_100,
        }),
      ],
      byLevel: [
        row('regional_table', 'Regionale versnellingstafel', {
          openCases: 5,
          homesAtStake: 12_340,
          breakthroughs: 2,
          homesUnblocked: 5_180,
        }),
        row('national_table', 'Landelijke versnellingstafel', { breakthroughs: 1, homesUnblocked: 3_500 }),
      ],
      byMonth: [row('2026-10', '2026-10', { openCases: 5, homesAtStake: 12_340 })],
    },
    openCases: {
      byStatus: [
        { status: 'submitted', count: 2, homesAtStake: 2_340 },
        { status: 'accepted', count: 0, homesAtStake: 0 },
        { status: 'in_progress', count: 3, homesAtStake: 10_000 },
        { status: 'escalated', count: 0, homesAtStake: 0 },
        { status: 'reopened', count: 0, homesAtStake: 0 },
      ],
      byLevel: [
        {
          levelCode: 'regional_table',
          rank: 2,
          label: 'Regionale versnellingstafel',
          count: 5,
          homesAtStake: 12_340,
        },
      ],
    },
    overdueActionsByParty: [
      {
        organisationId: '00000000-0000-4000-8000-00000000b001',
        organisationName: 'Liander',
        overdueActions: 2,
        oldestDueDate: '2026-10-01',
      },
    ],
    timeToBreakthrough: { count: 3, medianWorkingDays: 84.5, p25WorkingDays: 60, p75WorkingDays: 120 },
    trend: [
      { month: '2026-09', casesSubmitted: 1, breakthroughs: 0, homesUnblocked: 0 },
      { month: '2026-10', casesSubmitted: 4, breakthroughs: 3, homesUnblocked: 8_680 },
    ],
    ...overrides,
  };
}

const keyFigure = (label: string) => screen.getByText(label).previousElementSibling?.textContent;

// Many charts in jsdom: slower than the other page tests.
describe('dashboard page (Inzicht)', { timeout: 30_000 }, () => {
  it('is in the main navigation and shows the figures in Dutch, each chart with a table', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ role: 'coordinator' })),
      'GET /api/insight/dashboard': () => json(200, buildDashboard()),
    });
    const { user } = renderApp('/dossiers');

    await user.click(
      await within(await screen.findByRole('navigation', { name: 'Hoofdmenu' })).findByRole('link', {
        name: 'Inzicht',
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Inzicht' })).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Kerncijfers' });
    expect(keyFigure('woningen vrijgespeeld door doorbraken')).toBe('8.680');
    expect(keyFigure('woningen in open dossiers')).toBe('12.340');
    expect(keyFigure('werkdagen tot doorbraak (mediaan)')).toBe('84,5');
    expect(screen.getByText('waarvan 4.100 sociaal of betaalbaar')).toBeInTheDocument();
    expect(api.calls('GET', '/api/insight/dashboard')[0]?.url.search).toBe('');

    // The province table is the map's text alternative: a caption, headers and a total.
    const provinces = screen.getByRole('table', {
      name: 'Woningen per provincie: open dossiers en doorbraken',
    });
    expect(
      within(provinces)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Provincie',
      'Open dossiers',
      'Woningen in open dossiers',
      'Doorbraken',
      'Vrijgespeelde woningen',
    ]);
    const zuidHolland = within(provinces)
      .getByRole('rowheader', { name: 'Zuid-Holland' })
      .closest('tr') as HTMLElement;
    expect(
      within(zuidHolland)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '6.340', '1', '3.500']);
    const total = within(provinces).getByRole('rowheader', { name: 'Totaal' }).closest('tr') as HTMLElement;
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', '12.340', '3', '8.680']);

    // The map: twelve provinces from the CBS file, a named image, a legend with ranges, attribution.
    const map = screen.getByRole('img', { name: /Kaart: woningen in open dossiers per provincie/ });
    expect(map.querySelectorAll('path[data-province]')).toHaveLength(12);
    expect(map.querySelector('path[data-province="PV28"] title')?.textContent).toBe('Zuid-Holland: 6.340');
    const legend = screen.getByRole('list', { name: 'Legenda: woningen in open dossiers' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '0 (geen)',
      '1 tot en met 2.000',
      '2.001 tot en met 4.000',
      '4.001 tot en met 6.000',
      '6.001 tot en met 8.000',
      '8.001 tot en met 10.000',
    ]);
    expect(screen.getByText(/CBS \/ PDOK, via cartomap\/nl, licentie CC BY 4\.0/)).toBeInTheDocument();
    // Switching the map to homes unblocked (by keyboard-operable radio buttons).
    await user.click(screen.getByRole('radio', { name: 'Vrijgespeelde woningen' }));
    expect(map.querySelector('path[data-province="PV21"] title')?.textContent).toBe('Fryslân: 600');
    expect(screen.getByRole('list', { name: 'Legenda: vrijgespeelde woningen' })).toBeInTheDocument();

    // Every chart has a table behind "Cijfers als tabel".
    for (const caption of [
      'Woningen per woondealregio: open dossiers en doorbraken',
      'Woningen per knelpunt: open dossiers en doorbraken',
      'Woningen per huidig niveau: open dossiers en doorbraken',
      'Open dossiers en woningen per status',
      'Open dossiers en woningen per huidig niveau',
      'Acties over de uiterste datum per partij, meeste eerst',
      'Gemelde dossiers, doorbraken en vrijgespeelde woningen per maand',
    ]) {
      expect(screen.getByRole('table', { name: caption })).toBeInTheDocument();
    }
    expect(screen.getAllByText('Cijfers als tabel')).toHaveLength(7);
    const regions = screen.getByRole('table', {
      name: 'Woningen per woondealregio: open dossiers en doorbraken',
    });
    expect(within(regions).getByRole('rowheader', { name: 'Geen woondealregio' })).toBeInTheDocument();
    const overdue = screen.getByRole('table', {
      name: 'Acties over de uiterste datum per partij, meeste eerst',
    });
    expect(within(overdue).getByRole('rowheader', { name: 'Liander' }).closest('tr')).toHaveTextContent(
      '1 oktober 2026',
    );
    const trend = screen.getByRole('table', {
      name: 'Gemelde dossiers, doorbraken en vrijgespeelde woningen per maand',
    });
    expect(within(trend).getByRole('rowheader', { name: 'okt 2026' }).closest('tr')).toHaveTextContent(
      '8.680',
    );
    const time = screen.getByRole('table', { name: 'Werkdagen van melding tot doorbraak' });
    expect(
      within(time)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['60 werkdagen', '84,5 werkdagen', '120 werkdagen']);

    // Exports of the cases behind the figures.
    expect(screen.getByRole('link', { name: 'Dossiers als CSV' })).toHaveAttribute(
      'href',
      '/api/exports/cases.csv',
    );
    expect(screen.getByRole('link', { name: 'Voortgangsrapportage (PDF)' })).toHaveAttribute(
      'href',
      '/api/exports/progress-report.pdf',
    );
  });

  it('keeps the filters in the URL, sends them to the api and to the export links', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ role: 'coordinator' })),
      'GET /api/insight/dashboard': () => json(200, buildDashboard()),
    });
    const { user, router } = renderApp('/inzicht?province=PV28,PV99&from=2026-01');

    await screen.findByRole('region', { name: 'Kerncijfers' });
    // The unknown province is dropped; the rest goes to the api as is.
    expect(api.calls('GET', '/api/insight/dashboard')[0]?.url.searchParams.toString()).toBe(
      'province=PV28&from=2026-01',
    );
    expect(screen.getByRole('checkbox', { name: 'Zuid-Holland' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Vanaf' })).toHaveValue('2026-01');
    // The case export has no period: the page says so.
    expect(screen.getByText(/De lijst met dossiers kent geen periodefilter/)).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Netcongestie' }));
    await user.click(screen.getByRole('checkbox', { name: 'Landelijke versnellingstafel' }));
    await user.type(screen.getByRole('textbox', { name: 'Tot en met' }), '2026-06');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Woondealregio' }), 'Holland Rijnland');
    expect(screen.getByRole('combobox', { name: 'Woondealregio' })).toHaveValue(REGION);
    await user.click(screen.getByRole('button', { name: 'Filters toepassen' }));

    const expected = `province=PV28&knelpuntType=grid_congestion&level=national_table&region=${REGION}&from=2026-01&to=2026-06`;
    expect(router.state.location.search).toBe(`?${expected}`);
    await screen.findByText('Filters (6 actief)');
    // The figures with every filter; the region choices come from the figures without the region.
    const sent = api.calls('GET', '/api/insight/dashboard').map((c) => c.url.search.replace(/%2C/g, ','));
    expect(sent).toContain(`?${expected}`);
    expect(sent).toContain(`?${expected.replace(`region=${REGION}&`, '')}`);
    expect(screen.getByRole('link', { name: 'Dossiers als Excel (XLSX)' })).toHaveAttribute(
      'href',
      `/api/exports/cases.xlsx?knelpuntType=grid_congestion&province=PV28&level=national_table&region=${REGION}`,
    );
    expect(screen.getByRole('link', { name: 'Voortgangsrapportage (PDF)' })).toHaveAttribute(
      'href',
      `/api/exports/progress-report.pdf?province=PV28&region=${REGION}`,
    );

    await user.click(screen.getByRole('link', { name: 'Alle filters wissen' }));
    expect(router.state.location.search).toBe('');
  });

  it('refuses a period the api would refuse, with a Dutch message at the field', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/insight/dashboard': () => json(200, buildDashboard()),
    });
    const { user, router } = renderApp('/inzicht');
    await screen.findByRole('region', { name: 'Kerncijfers' });
    await user.click(screen.getByText('Filters', { selector: 'summary' }));

    const from = screen.getByRole('textbox', { name: 'Vanaf' });
    await user.type(from, 'maart');
    await user.click(screen.getByRole('button', { name: 'Filters toepassen' }));
    expect(from).toHaveAccessibleDescription(/Geef een maand \(JJJJ-MM\) of een datum \(JJJJ-MM-DD\)/);
    expect(from).toHaveFocus();
    expect(router.state.location.search).toBe('');

    await user.clear(from);
    await user.type(from, '2026-06');
    await user.type(screen.getByRole('textbox', { name: 'Tot en met' }), '2026-01');
    await user.click(screen.getByRole('button', { name: 'Filters toepassen' }));
    expect(screen.getByRole('textbox', { name: 'Tot en met' })).toHaveAccessibleDescription(
      /Het begin van de periode ligt na het einde/,
    );
    // Nothing refused was sent: only the unfiltered figures were asked for.
    expect(new Set(api.calls('GET', '/api/insight/dashboard').map((c) => c.url.search))).toEqual(
      new Set(['']),
    );
  });

  it("shows the api's problem in Dutch when the figures cannot be loaded", async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/insight/dashboard': () =>
        problem(400, { title: 'Ongeldige invoer', detail: 'Het begin van de periode ligt na het einde.' }),
    });
    renderApp('/inzicht');
    expect(await screen.findByRole('alert')).toHaveTextContent('Het begin van de periode ligt na het einde.');
  });
  it('speaks English when chosen: labels, knelpunt and level names, numbers', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/insight/dashboard': () => json(200, buildDashboard()),
    });
    const { user } = renderApp('/inzicht');
    await user.click(await screen.findByRole('button', { name: 'Switch to English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Insight' })).toBeInTheDocument();
    expect(keyFigure('homes unblocked by breakthroughs')).toBe('8,680');
    const types = screen.getByRole('table', { name: 'Homes by knelpunt: open cases and breakthroughs' });
    expect(within(types).getByRole('rowheader', { name: 'Grid congestion' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Insight' })).toHaveAttribute('aria-current', 'page');
  });
});
