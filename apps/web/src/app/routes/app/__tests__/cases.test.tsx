import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
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

describe('case list filters', () => {
  const emptyList = () => json(200, { items: [], nextCursor: null });

  it('reads the filters from the URL, sends them to the api and shows them in the form', async () => {
    const api = mockApi({ 'GET /api/auth/me': () => json(200, buildMe()), 'GET /api/cases': emptyList });
    renderApp('/dossiers?status=submitted,accepted&province=PV28&overdue=true&sort=homes&status=bogus');

    expect(await screen.findByText('Er zijn geen dossiers gevonden.')).toBeInTheDocument();
    const params = api.calls('GET', '/api/cases').at(-1)?.url.searchParams;
    expect(params?.get('status')).toBe('submitted,accepted');
    expect(params?.get('province')).toBe('PV28');
    expect(params?.get('overdue')).toBe('true');
    expect(params?.get('sort')).toBe('homes');
    expect(params?.get('level')).toBeNull();

    const status = screen.getByRole('group', { name: 'Status' });
    expect(within(status).getByRole('checkbox', { name: 'Ingediend' })).toBeChecked();
    expect(within(status).getByRole('checkbox', { name: 'Geaccepteerd' })).toBeChecked();
    expect(within(status).getByRole('checkbox', { name: 'Opgeschaald' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Zuid-Holland' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /actie over de uiterste datum/ })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Sorteren op' })).toHaveValue('homes');
    expect(screen.getByText('Filters (4 actief)')).toBeInTheDocument();
  });

  it('writes chosen filters and sort to the URL, so the view can be shared', async () => {
    const api = mockApi({ 'GET /api/auth/me': () => json(200, buildMe()), 'GET /api/cases': emptyList });
    const { user, router } = renderApp('/dossiers?q=haven');

    await screen.findByText('Er zijn geen dossiers gevonden.');
    await user.click(screen.getByText('Filters'));
    await user.click(screen.getByRole('checkbox', { name: 'Opgeschaald' }));
    await user.click(screen.getByRole('checkbox', { name: 'Netcongestie' }));
    await user.click(screen.getByRole('checkbox', { name: 'Landelijke versnellingstafel' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sorteren op' }), 'Meeste woningen');
    await user.click(screen.getByRole('button', { name: 'Toepassen' }));

    await waitFor(() =>
      expect(router.state.location.search).toBe(
        '?q=haven&status=escalated&knelpuntType=grid_congestion&level=national_table&sort=homes',
      ),
    );
    await waitFor(() =>
      expect(api.calls('GET', '/api/cases').at(-1)?.url.searchParams.get('level')).toBe('national_table'),
    );
    const params = api.calls('GET', '/api/cases').at(-1)?.url.searchParams;
    expect(params?.get('q')).toBe('haven');
    expect(params?.get('status')).toBe('escalated');
    expect(params?.get('knelpuntType')).toBe('grid_congestion');
    expect(params?.get('sort')).toBe('homes');

    await user.click(screen.getByRole('link', { name: 'Filters wissen' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=haven'));
  });

  it('offers saved views as links and marks the one on screen', async () => {
    const api = mockApi({ 'GET /api/auth/me': () => json(200, buildMe()), 'GET /api/cases': emptyList });
    const { user, router } = renderApp('/dossiers');

    const views = await screen.findByRole('navigation', { name: 'Opgeslagen weergaven' });
    expect(within(views).getByRole('link', { name: 'Te laat' })).toHaveAttribute(
      'href',
      '/dossiers?overdue=true',
    );
    expect(within(views).getByRole('link', { name: 'Netcongestie' })).toHaveAttribute(
      'href',
      '/dossiers?knelpuntType=grid_congestion',
    );
    expect(within(views).getByRole('link', { name: 'Alle dossiers' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(within(views).getByRole('link', { name: 'Landelijk' }));
    await waitFor(() =>
      expect(router.state.location.search).toBe('?level=national_table,ministerial_taskforce'),
    );
    await waitFor(() =>
      expect(within(views).getByRole('link', { name: 'Landelijk' })).toHaveAttribute('aria-current', 'page'),
    );
    await waitFor(() =>
      expect(api.calls('GET', '/api/cases').at(-1)?.url.searchParams.get('level')).toBe(
        'national_table,ministerial_taskforce',
      ),
    );
    expect(
      screen.getByRole('checkbox', { name: 'Ministeriële Taskforce Versnellen Woningbouw' }),
    ).toBeChecked();
  });

  it('virtualizes the table body beyond 200 rows and keeps the row count for assistive technology', async () => {
    // jsdom has no layout: the virtualizer's scroll corrections would hit its unimplemented scrollTo.
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    const page = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => buildCaseSummary({ projectName: `Dossier ${from + i}` }));
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/cases': ({ url }) => {
        const cursor = Number(url.searchParams.get('cursor') ?? '0');
        const items = page(cursor, 150);
        return json(200, { items, nextCursor: cursor === 0 ? '150' : null });
      },
    });
    const { user } = renderApp('/dossiers');

    const table = await screen.findByRole('table', { name: 'Dossiers die u mag inzien' });
    expect(within(table).getAllByRole('row')).toHaveLength(151);
    expect(table).not.toHaveAttribute('aria-rowcount');

    await user.click(screen.getByRole('button', { name: 'Meer laden' }));
    expect(await screen.findByText('300 dossiers getoond')).toBeInTheDocument();

    const virtual = screen.getByRole('table', { name: 'Dossiers die u mag inzien' });
    expect(virtual).toHaveAttribute('aria-rowcount', '301');
    // The virtualizer is its own chunk; until it arrives every row is rendered.
    await waitFor(() => expect(within(virtual).getAllByRole('row').length).toBeLessThan(100));
    const rows = within(virtual).getAllByRole('row');
    expect(rows[0]).toHaveAttribute('aria-rowindex', '1');
    expect(rows[1]).toHaveAttribute('aria-rowindex', '2');
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'Dossier 0' })).toBeInTheDocument();
  });
});
