import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdminKnelpuntType, AdminUser, DeadlinePolicy, Organisation, Region } from '@doorbraak/domain';
import { buildMe, buildOrganisation } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const emptyWork = { overdue: [], dueSoon: [], open: [], counts: { overdue: 0, dueSoon: 0, open: 0 } };
const admin = () =>
  buildMe({ role: 'admin', municipalityCode: null, name: 'Ada Admin', organisationName: 'Doorbraak' });
const base = (me = admin()) => ({
  'GET /api/auth/me': () => json(200, me),
  'GET /api/me/work': () => json(200, emptyWork),
});

const policies: DeadlinePolicy[] = [
  {
    id: '10000000-0000-4000-8000-000000000001',
    kind: 'triage',
    knelpuntCode: null,
    levelCode: null,
    budgetWorkingDays: 5,
    maxPauseWorkingDays: 60,
    maxExtensionWorkingDays: 5,
  },
  {
    id: '10000000-0000-4000-8000-000000000002',
    kind: 'level_decision',
    knelpuntCode: null,
    levelCode: 'national_table',
    budgetWorkingDays: 40,
    maxPauseWorkingDays: 60,
    maxExtensionWorkingDays: 20,
  },
];
const gridType: AdminKnelpuntType = {
  code: 'grid_congestion',
  labelNl: 'Netcongestie',
  labelEn: 'Grid congestion',
  namedInLetter: true,
  note: null,
  active: true,
  casesCount: 1200,
};
const levels = [
  { code: 'woondeal_table', rank: 1, labelNl: 'Woondealtafel', labelEn: 'Woondeal table' },
  { code: 'national_table', rank: 3, labelNl: 'Landelijke Versnellingstafel', labelEn: 'National table' },
];

describe('admin section (Beheer)', () => {
  it('is hidden from other roles: no nav link, and its URLs show the not-found page without calling the admin api', async () => {
    const api = mockApi({
      ...base(buildMe({ role: 'coordinator' })),
      'GET /api/cases': () => json(200, { items: [], nextCursor: null }),
    });
    renderApp('/beheer/gebruikers');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).queryByRole('link', { name: 'Beheer' })).not.toBeInTheDocument();
    expect(api.requests.filter((r) => r.url.pathname.startsWith('/api/admin'))).toEqual([]);
  });

  it('admins reach it from the main menu, with a sub-navigation to each part', async () => {
    mockApi({ ...base(), 'GET /api/cases': () => json(200, { items: [], nextCursor: null }) });
    const { user } = renderApp('/dossiers');
    const nav = await screen.findByRole('navigation', { name: 'Hoofdmenu' });
    await user.click(within(nav).getByRole('link', { name: 'Beheer' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Beheer' });
    await waitFor(() => expect(heading).toHaveFocus());
    const sub = screen.getByRole('navigation', { name: 'Onderdelen van beheer' });
    expect(
      within(sub)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual([
      'Beheer',
      'Organisaties',
      'Gebruikers en rollen',
      'Regio’s',
      'Typen knelpunten',
      'Termijnen',
      'Feestdagen',
      'E-mails',
    ]);
    expect(document.title).toContain('Beheer');
  });

  it('deadline policies: a table with headers; an out-of-range budget is refused inline in Dutch, then saved', async () => {
    let current = policies[0] as DeadlinePolicy;
    const api = mockApi({
      ...base(),
      'GET /api/admin/deadline-policies': () => json(200, { items: [current, policies[1]] }),
      'GET /api/admin/knelpunt-types': () => json(200, { items: [gridType] }),
      'GET /api/reference/levels': () => json(200, levels),
      [`PATCH /api/admin/deadline-policies/${current.id}`]: (request) => {
        current = { ...current, ...(request.body as Partial<DeadlinePolicy>) };
        return json(200, current);
      },
    });
    const { user } = renderApp('/beheer/termijnen');
    const table = await screen.findByRole('table', { name: 'Termijnen in werkdagen' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      'Stap',
      'Type knelpunt',
      'Niveau',
      'Termijn (werkdagen)',
      'Maximale verlenging (werkdagen)',
      'Maximale pauze (werkdagen)',
      'Acties',
    ]);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Beoordeling van een melding', 'Besluit van een tafel']);
    expect(within(table).getByRole('cell', { name: 'Landelijke Versnellingstafel' })).toBeInTheDocument();
    expect(screen.getByText(/geldt voor termijnen die na de wijziging starten/)).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Wijzigen Beoordeling van een melding' }));
    const form = await screen.findByRole('form', { name: 'Termijn wijzigen: Beoordeling van een melding' });
    const budget = within(form).getByLabelText('Termijn (werkdagen)');
    await user.clear(budget);
    await user.type(budget, '0');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));

    const summary = await within(form).findByRole('alert');
    const message = 'Vul voor de termijn een heel aantal werkdagen in van 1 tot en met 250.';
    expect(within(summary).getByRole('link', { name: message })).toHaveAttribute(
      'href',
      `#policy-${current.id}-budgetWorkingDays`,
    );
    expect(budget).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(budget).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls('PATCH', `/api/admin/deadline-policies/${current.id}`)).toEqual([]);

    await user.click(within(summary).getByRole('link', { name: message }));
    expect(budget).toHaveFocus();
    await user.clear(budget);
    await user.type(budget, '8');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByRole('status', { name: '' })).toHaveTextContent(
      'Beoordeling van een melding is opgeslagen.',
    );
    expect(api.calls('PATCH', `/api/admin/deadline-policies/${current.id}`).map((r) => r.body)).toEqual([
      { budgetWorkingDays: 8 },
    ]);
  });

  it('knelpunt types: switching a type off sends only that change, and the table says so', async () => {
    let type = gridType;
    const api = mockApi({
      ...base(),
      'GET /api/admin/knelpunt-types': () => json(200, { items: [type] }),
      'PATCH /api/admin/knelpunt-types/grid_congestion': (request) => {
        type = { ...type, ...(request.body as Partial<AdminKnelpuntType>) };
        return json(200, type);
      },
    });
    const { user } = renderApp('/beheer/knelpunttypen');
    const table = await screen.findByRole('table', { name: 'Typen knelpunten' });
    const row = within(table).getByRole('row', { name: /Netcongestie/ });
    expect(within(row).getByRole('cell', { name: '1.200' })).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Wijzigen Netcongestie' }));
    const form = await screen.findByRole('form', { name: 'Netcongestie wijzigen' });
    expect(within(form).getByRole('heading', { name: 'Netcongestie wijzigen' })).toHaveFocus();
    await user.click(
      within(form).getByRole('checkbox', { name: /Kan gekozen worden bij een nieuwe melding/ }),
    );
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    await screen.findByText('Netcongestie is opgeslagen.');
    expect(api.calls('PATCH', '/api/admin/knelpunt-types/grid_congestion').map((r) => r.body)).toEqual([
      { active: false },
    ]);
    expect(
      within(screen.getByRole('table', { name: 'Typen knelpunten' })).getByRole('cell', { name: 'Uitgezet' }),
    ).toBeInTheDocument();
  });

  it('users: the create form validates with the domain schema, and a role change is sent as such', async () => {
    const liander = buildOrganisation({ name: 'Liander', type: 'grid_operator' });
    const bea: AdminUser = {
      id: '20000000-0000-4000-8000-000000000001',
      email: 'bea@example.nl',
      name: 'Bea Barendrecht',
      role: 'municipality',
      organisationId: liander.id,
      organisationName: 'Liander',
      active: true,
      language: 'nl',
      hasPassword: true,
      hasOidc: false,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const api = mockApi({
      ...base(),
      'GET /api/admin/users': () => json(200, { items: [bea] }),
      'GET /api/organisations': () => json(200, { items: [liander] }),
      [`PATCH /api/admin/users/${bea.id}`]: (request) => json(200, { ...bea, ...(request.body as object) }),
    });
    const { user } = renderApp('/beheer/gebruikers');
    const table = await screen.findByRole('table', { name: 'Gebruikers' });
    expect(within(table).getByRole('rowheader', { name: 'Bea Barendrecht' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: 'Nooit' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Gebruiker toevoegen' }));
    const create = await screen.findByRole('form', { name: 'Gebruiker toevoegen' });
    await user.type(within(create).getByLabelText('E-mailadres'), 'geen-adres');
    await user.click(within(create).getByRole('button', { name: 'Opslaan' }));
    const summary = await within(create).findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual([
      'Vul een geldig e-mailadres in.',
      'Vul dit veld in.',
      'Kies een rol.',
      'Kies een organisatie.',
    ]);
    await user.click(within(create).getByRole('button', { name: 'Annuleren' }));
    expect(screen.getByRole('button', { name: 'Gebruiker toevoegen' })).toHaveFocus();

    await user.click(within(table).getByRole('button', { name: 'Wijzigen Bea Barendrecht' }));
    const edit = await screen.findByRole('form', { name: 'Bea Barendrecht wijzigen' });
    const role = within(edit).getByRole('combobox', { name: 'Rol' });
    expect(role).toHaveAccessibleDescription(
      'Een rolwijziging wordt vastgelegd als beveiligingsgebeurtenis.',
    );
    await user.selectOptions(role, 'Coördinator versnellingstafel');
    await user.click(within(edit).getByRole('checkbox', { name: /Gebruiker mag inloggen/ }));
    await user.click(within(edit).getByRole('button', { name: 'Opslaan' }));
    await screen.findByText('Bea Barendrecht is opgeslagen.');
    expect(api.calls('PATCH', `/api/admin/users/${bea.id}`).map((r) => r.body)).toEqual([
      { role: 'coordinator', active: false },
    ]);
  });

  it('users: a refusal of the api (own role) shows in the error summary', async () => {
    const me = admin();
    const self: AdminUser = {
      id: me.userId,
      email: me.email,
      name: me.name,
      role: 'admin',
      organisationId: me.organisationId,
      organisationName: me.organisationName,
      active: true,
      language: 'nl',
      hasPassword: true,
      hasOidc: false,
      lastLoginAt: '2026-11-20T10:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    mockApi({
      ...base(me),
      'GET /api/admin/users': () => json(200, { items: [self] }),
      'GET /api/organisations': () =>
        json(200, { items: [buildOrganisation({ id: me.organisationId, name: me.organisationName })] }),
      [`PATCH /api/admin/users/${self.id}`]: () =>
        problem(409, { title: 'Conflict', detail: 'U kunt uw eigen rol niet wijzigen.' }),
    });
    const { user } = renderApp('/beheer/gebruikers');
    await user.click(await screen.findByRole('button', { name: `Wijzigen ${me.name}` }));
    const edit = await screen.findByRole('form', { name: `${me.name} wijzigen` });
    await user.selectOptions(within(edit).getByRole('combobox', { name: 'Rol' }), 'Partij');
    await user.click(within(edit).getByRole('button', { name: 'Opslaan' }));
    const summary = await within(edit).findByRole('alert');
    expect(summary).toHaveTextContent('U kunt uw eigen rol niet wijzigen.');
  });

  it('regions: search the municipalities, tick one, remove another; the members go as a whole', async () => {
    const region: Region = {
      id: '30000000-0000-4000-8000-000000000001',
      name: 'Woondeal Groningen-Drenthe',
      membersToConfirm: true,
      municipalityCodes: ['GM0014', 'GM0106'],
    };
    const api = mockApi({
      ...base(),
      'GET /api/regions': () => json(200, { items: [region] }),
      'GET /api/reference/municipalities': () =>
        json(200, [
          { code: 'GM0106', name: 'Assen', provinceCode: 'PV22' },
          { code: 'GM0489', name: 'Barendrecht', provinceCode: 'PV28' },
          { code: 'GM0014', name: 'Groningen', provinceCode: 'PV20' },
        ]),
      [`PATCH /api/regions/${region.id}`]: (request) => json(200, { ...region, ...(request.body as object) }),
    });
    const { user } = renderApp('/beheer/regios');
    const table = await screen.findByRole('table', { name: 'Regio’s' });
    const row = within(table).getByRole('row', { name: /Woondeal Groningen-Drenthe/ });
    expect(row).toHaveTextContent('2 gemeenten: Assen, Groningen');
    await user.click(within(row).getByRole('button', { name: 'Wijzigen Woondeal Groningen-Drenthe' }));
    const form = await screen.findByRole('form', { name: 'Woondeal Groningen-Drenthe wijzigen' });
    const group = within(form).getByRole('group', { name: 'Gemeenten in deze regio' });

    await user.type(within(group).getByRole('searchbox', { name: 'Zoek een gemeente' }), 'baren');
    expect(within(group).getByRole('status')).toHaveTextContent('1 gemeente gevonden');
    await user.click(within(group).getByRole('checkbox', { name: /Barendrecht/ }));
    await user.click(within(group).getByRole('button', { name: 'Groningen verwijderen' }));
    expect(
      within(within(group).getByRole('list', { name: /Gekozen gemeenten/ }))
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['Assen', 'Barendrecht']);
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    await screen.findByText('Woondeal Groningen-Drenthe is opgeslagen.');
    const [sent] = api.calls('PATCH', `/api/regions/${region.id}`);
    expect(sent?.body).toEqual({
      name: 'Woondeal Groningen-Drenthe',
      membersToConfirm: true,
      municipalityCodes: ['GM0106', 'GM0489'],
    });
  });

  it('organisations: filter by name, and the create form needs a name and a kind', async () => {
    const items: Organisation[] = [
      buildOrganisation({ name: 'Gemeente Assen', type: 'municipality', municipalityCode: 'GM0106' }),
      buildOrganisation({ name: 'Liander', type: 'grid_operator' }),
    ];
    mockApi({ ...base(), 'GET /api/organisations': () => json(200, { items }) });
    const { user } = renderApp('/beheer/organisaties');
    const table = await screen.findByRole('table', { name: 'Organisaties' });
    expect(within(table).getAllByRole('rowheader')).toHaveLength(2);
    await user.type(screen.getByRole('searchbox', { name: 'Zoek op naam' }), 'lian');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Liander']);
    expect(screen.getByText('1 van 2 getoond')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Organisatie toevoegen' }));
    const form = await screen.findByRole('form', { name: 'Organisatie toevoegen' });
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    const summary = await within(form).findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((l) => l.getAttribute('href')),
    ).toEqual(['#organisation-new-name', '#organisation-new-type']);
    expect(within(summary).getByRole('link', { name: 'Kies de soort organisatie.' })).toBeInTheDocument();
  });
  it('holidays: a day off is added with PUT on its date; a missing date is refused inline', async () => {
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()).slice(0, 4),
    );
    const christmas = {
      date: `${year}-12-25`,
      name: 'Eerste Kerstdag',
      source: 'date-holidays',
      active: true,
    };
    const api = mockApi({
      ...base(),
      'GET /api/admin/holidays': () => json(200, { items: [christmas] }),
      [`PUT /api/admin/holidays/${year}-06-19`]: (request) =>
        json(200, { date: `${year}-06-19`, source: 'admin', ...(request.body as object) }),
    });
    const { user } = renderApp('/beheer/feestdagen');
    const table = await screen.findByRole('table', { name: `Feestdagen in ${year}` });
    expect(within(table).getByRole('rowheader', { name: `25 december ${year}` })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: 'Officiële kalender' })).toBeInTheDocument();
    expect(api.calls('GET', '/api/admin/holidays')[0]?.url.searchParams.get('year')).toBe(String(year));

    await user.click(screen.getByRole('button', { name: 'Dag toevoegen' }));
    const form = await screen.findByRole('form', { name: 'Vrije dag toevoegen' });
    await user.type(within(form).getByLabelText('Naam'), 'Extra vrije dag');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    const summary = await within(form).findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: 'Vul een geldige datum in (jjjj-mm-dd).' }),
    ).toHaveAttribute('href', '#holiday-new-date');
    await user.type(within(form).getByLabelText('Datum'), `${year}-06-19`);
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    await screen.findByText(/Extra vrije dag \(19 juni \d{4}\) is opgeslagen\./);
    expect(api.calls('PUT', `/api/admin/holidays/${year}-06-19`).map((r) => r.body)).toEqual([
      { name: 'Extra vrije dag', active: true },
    ]);
  });
});
