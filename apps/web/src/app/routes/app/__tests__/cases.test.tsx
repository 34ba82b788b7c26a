import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildCaseDetail, buildCaseSummary, buildMe } from '@/testing/factories';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

describe('case list', () => {
  it('renders the cases in a table and loads more with the cursor', async () => {
    const first = [
      buildCaseSummary({
        projectName: 'De Stationstuinen',
        homesTotal: 3500,
        knelpuntTypes: ['grid_congestion', 'nitrogen'],
      }),
      buildCaseSummary({ projectName: 'Havenkwartier', status: 'escalated' }),
    ];
    const second = [buildCaseSummary({ projectName: 'Dorpsrand Oost', homesTotal: 120 })];
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/cases': ({ url }) =>
        url.searchParams.get('cursor') === 'page-2'
          ? json(200, { items: second, nextCursor: null })
          : json(200, { items: first, nextCursor: 'page-2' }),
    });
    const { user } = renderApp('/dossiers');

    const table = await screen.findByRole('table', { name: 'Dossiers die u mag inzien' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Kenmerk',
      'Project',
      'Gemeente',
      'Provincie',
      'Woningen',
      'Knelpunten',
      'Status',
    ]);

    const row = within(table).getByRole('row', { name: /De Stationstuinen/ });
    expect(within(row).getByRole('link', { name: 'De Stationstuinen' })).toHaveAttribute(
      'href',
      `/dossiers/${first[0]?.id}`,
    );
    expect(within(row).getByText('3.500')).toBeInTheDocument();
    expect(within(row).getByText('Netcongestie, Stikstof')).toBeInTheDocument();
    expect(within(row).getByText('Ingediend')).toBeInTheDocument();
    expect(within(table).getByText('Opgeschaald')).toBeInTheDocument();
    expect(screen.getByText('2 dossiers getoond')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Meer laden' }));

    expect(await within(table).findByRole('link', { name: 'Dorpsrand Oost' })).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Meer laden' })).not.toBeInTheDocument();
    expect(screen.getByText('3 dossiers getoond')).toBeInTheDocument();
    // StrictMode mounts twice in development, so the first page may be asked for twice.
    const cursors = api.calls('GET', '/api/cases').map((r) => r.url.searchParams.get('cursor'));
    expect(cursors[0]).toBeNull();
    expect(cursors.filter((cursor) => cursor === 'page-2')).toHaveLength(1);
    expect(cursors.at(-1)).toBe('page-2');
  });

  it('keeps the search in the URL and sends it as q', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/cases': ({ url }) =>
        json(200, {
          items:
            url.searchParams.get('q') === 'haven' ? [buildCaseSummary({ projectName: 'Havenkwartier' })] : [],
          nextCursor: null,
        }),
    });
    const { user, router } = renderApp('/dossiers');

    expect(await screen.findByText('Er zijn geen dossiers gevonden.')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Zoeken in dossiers' }), 'haven');
    await user.click(screen.getByRole('button', { name: 'Zoeken' }));

    expect(await screen.findByRole('link', { name: 'Havenkwartier' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=haven');
    expect(api.calls('GET', '/api/cases').at(-1)?.url.searchParams.get('q')).toBe('haven');
  });

  it('opens the detail page, or says the case was not found', async () => {
    const item = buildCaseSummary({ projectName: 'De Stationstuinen' });
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      [`GET /api/cases/${item.id}`]: () =>
        json(
          200,
          buildCaseDetail({
            ...item,
            homesSocialOrAffordable: 1200,
            description: 'Wacht op netaansluiting.',
            phase: 'plan',
          }),
        ),
    });
    renderApp(`/dossiers/${item.id}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: `${item.reference} De Stationstuinen` }),
    ).toBeInTheDocument();
    expect(screen.getByText('3.500 woningen, waarvan 1.200 sociaal of betaalbaar')).toBeInTheDocument();
    expect(screen.getByText('Wacht op netaansluiting.')).toBeInTheDocument();
    expect(screen.getByText('Netcongestie')).toBeInTheDocument();
  });

  it('shows "Dossier niet gevonden" on 404', async () => {
    const id = '00000000-0000-4000-8000-999999999999';
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      [`GET /api/cases/${id}`]: () =>
        new Response(JSON.stringify({ type: 'x', title: 'Not Found', status: 404 }), {
          status: 404,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    renderApp(`/dossiers/${id}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Dossier niet gevonden' }),
    ).toBeInTheDocument();
  });

  it('shows a 404 page for unknown routes', async () => {
    mockApi({});
    renderApp('/bestaat-niet');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
    ).toBeInTheDocument();
  });
});
