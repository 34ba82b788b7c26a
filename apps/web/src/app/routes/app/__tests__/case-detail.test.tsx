import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, Me } from '@doorbraak/domain';
import {
  buildAssignment,
  buildCaseDetail,
  buildEscalation,
  buildEvent,
  buildMe,
  buildOrganisation,
} from '@/testing/factories';
import { json, mockApi, problem, type RecordedRequest } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const LEVELS = [
  { code: 'woondeal_table', rank: 1, labelNl: 'Woondealtafel', labelEn: 'Housing-deal table' },
  { code: 'regional_table', rank: 2, labelNl: 'Regionale versnellingstafel', labelEn: 'Regional table' },
  { code: 'national_table', rank: 3, labelNl: 'Landelijke versnellingstafel', labelEn: 'National table' },
  {
    code: 'ministerial_taskforce',
    rank: 4,
    labelNl: 'Ministeriële Taskforce Versnellen Woningbouw',
    labelEn: 'Ministerial Taskforce',
  },
];

const coordinator = () =>
  buildMe({
    role: 'coordinator',
    name: 'Fatima El Amrani',
    organisationName: 'Regionale versnellingstafel Zuid-Holland',
    municipalityCode: null,
    provinceCodes: ['PV28'],
  });

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

/** The detail page's api: the case (as `state.item` says now) and its parts, plus test-specific routes. */
function detailApi(me: Me, item: CaseDetail, routes: Record<string, Handler> = {}) {
  const state = { item };
  const api = mockApi({
    'GET /api/auth/me': () => json(200, me),
    [`GET /api/cases/${item.id}`]: () => json(200, state.item, { ETag: `"${state.item.version}"` }),
    [`GET /api/cases/${item.id}/events`]: () => json(200, { items: [] }),
    [`GET /api/cases/${item.id}/comments`]: () => json(200, { items: [] }),
    [`GET /api/cases/${item.id}/attachments`]: () => json(200, { items: [] }),
    'GET /api/reference/levels': () => json(200, LEVELS),
    ...routes,
  });
  return { api, state };
}

describe('case detail: status actions', () => {
  it('offers exactly the transitions the api allows and asks a reason where one is required', async () => {
    const item = buildCaseDetail({
      projectName: 'De Stationstuinen',
      status: 'submitted',
      version: 1,
      availableTransitions: [
        { to: 'accepted', reasonRequired: false, via: 'transition' },
        { to: 'rejected', reasonRequired: true, via: 'transition' },
        { to: 'breakthrough', reasonRequired: false, via: 'breakthrough' },
      ],
    });
    const { api, state } = detailApi(coordinator(), item, {
      [`POST /api/cases/${item.id}/transitions`]: () => {
        state.item = { ...state.item, status: 'rejected', version: 2, availableTransitions: [] };
        return json(200, state.item);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const status = await screen.findByRole('region', { name: 'Status' });
    expect(
      within(within(status).getByRole('list', { name: 'Mogelijke statuswijzigingen' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Status wijzigen naar Geaccepteerd', 'Status wijzigen naar Afgewezen']);

    await user.click(within(status).getByRole('button', { name: 'Status wijzigen naar Afgewezen' }));
    const reason = within(status).getByRole('textbox', { name: 'Reden' });
    await user.click(within(status).getByRole('button', { name: 'Bevestigen: Afgewezen' }));
    expect(reason).toHaveAccessibleDescription(/Fout: Geef een reden van minstens 3 tekens\./);
    expect(api.calls('POST', `/api/cases/${item.id}/transitions`)).toHaveLength(0);

    await user.type(reason, 'Geen woningbouwproject.');
    await user.click(within(status).getByRole('button', { name: 'Bevestigen: Afgewezen' }));

    expect(await within(status).findByText('De status is gewijzigd naar Afgewezen.')).toBeInTheDocument();
    const [post] = api.calls('POST', `/api/cases/${item.id}/transitions`);
    expect(post?.body).toEqual({ to: 'rejected', reason: 'Geen woningbouwproject.' });
    expect(post?.headers.get('If-Match')).toBe('"1"');
  });

  it('shows a refused transition (409) as the Dutch message of the rule', async () => {
    const item = buildCaseDetail({
      status: 'submitted',
      availableTransitions: [{ to: 'accepted', reasonRequired: false, via: 'transition' }],
    });
    const { api } = detailApi(coordinator(), item, {
      [`POST /api/cases/${item.id}/transitions`]: () =>
        problem(409, {
          type: 'https://doorbraak.nl/problems/conflict/level-not-reached',
          title: 'Statuswijziging niet toegestaan',
          detail: 'Level not reached',
        }),
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    await user.click(await screen.findByRole('button', { name: 'Status wijzigen naar Geaccepteerd' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Het dossier staat nog niet op landelijk niveau.',
    );
    // The case is reloaded, since the page showed a state the api no longer agrees with.
    await waitFor(() => expect(api.calls('GET', `/api/cases/${item.id}`).length).toBeGreaterThan(1));
  });
});

describe('case detail: parties and actions', () => {
  it('lets a coordinator add a party picked from the organisations', async () => {
    const liander = buildOrganisation({ name: 'Liander', type: 'grid_operator' });
    const stedin = buildOrganisation({ name: 'Stedin', type: 'grid_operator' });
    const item = buildCaseDetail({
      status: 'in_progress',
      permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
    });
    const { api, state } = detailApi(coordinator(), item, {
      'GET /api/organisations': ({ url }) => {
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        return json(200, { items: [liander, stedin].filter((o) => o.name.toLowerCase().includes(q)) });
      },
      [`POST /api/cases/${item.id}/assignments`]: ({ body }) => {
        const created = buildAssignment({
          caseId: item.id,
          organisationId: liander.id,
          organisationName: 'Liander',
          requestedAction: 'Onderzoek netbewust aansluiten.',
          dueDate: '2026-12-18',
        });
        state.item = { ...state.item, version: state.item.version + 1, assignments: [created] };
        expect(body).toBeDefined();
        return json(201, created);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const parties = await screen.findByRole('region', { name: 'Partijen en acties' });
    expect(
      within(parties).getByText('Er zijn nog geen partijen aan dit dossier gekoppeld.'),
    ).toBeInTheDocument();
    const open = within(parties).getByRole('button', { name: 'Partij toevoegen' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');

    const form = within(parties).getByRole('form', { name: 'Partij toevoegen' });
    // Nothing chosen yet: the summary says so and nothing is sent.
    await user.click(within(form).getByRole('button', { name: 'Toevoegen aan dossier' }));
    expect(await within(form).findByRole('link', { name: 'Kies een organisatie.' })).toBeInTheDocument();

    await user.type(within(form).getByRole('searchbox', { name: 'Zoek op naam' }), 'lian');
    expect(await within(form).findByText('1 organisatie gevonden.')).toBeInTheDocument();
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Kies uit de gevonden organisaties' }),
      'Liander',
    );
    await user.type(
      within(form).getByRole('textbox', { name: 'Gevraagde actie' }),
      'Onderzoek netbewust aansluiten.',
    );
    // user-event cannot type past a "." in an email input in jsdom (no selection API there): paste it.
    await user.click(within(form).getByRole('textbox', { name: 'E-mailadres contactpersoon 1' }));
    await user.paste('p.jansen@liander.example');
    await user.type(within(form).getByLabelText(/Uiterste datum/), '2026-12-18');
    await user.click(within(form).getByRole('button', { name: 'Toevoegen aan dossier' }));

    expect(await within(parties).findByRole('heading', { level: 3, name: 'Liander' })).toBeInTheDocument();
    expect(within(parties).getByText('Liander is toegevoegd.')).toBeInTheDocument();
    expect(within(parties).getByText('18 december 2026')).toBeInTheDocument();
    expect(api.calls('POST', `/api/cases/${item.id}/assignments`)[0]?.body).toEqual({
      organisationId: liander.id,
      role: 'lead',
      requestedAction: 'Onderzoek netbewust aansluiten.',
      contacts: [{ email: 'p.jansen@liander.example' }],
      dueDate: '2026-12-18',
    });
    expect(api.calls('GET', '/api/organisations').at(-1)?.url.searchParams.get('q')).toBe('lian');
  });

  it('lets a party report on its own action: status and progress note only', async () => {
    const lianderId = '00000000-0000-4000-8000-00000000aaaa';
    const me = buildMe({
      role: 'party',
      organisationId: lianderId,
      organisationName: 'Liander',
      municipalityCode: null,
    });
    const assignment = buildAssignment({
      organisationId: lianderId,
      organisationName: 'Liander',
      version: 4,
    });
    const item = buildCaseDetail({ status: 'in_progress', assignments: [{ ...assignment }] });
    const { api, state } = detailApi(me, item, {
      [`PATCH /api/cases/${item.id}/assignments/${assignment.id}`]: ({ body }) => {
        const updated = { ...assignment, ...(body as object), version: 5 };
        state.item = { ...state.item, assignments: [updated] };
        return json(200, updated);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const parties = await screen.findByRole('region', { name: 'Partijen en acties' });
    expect(within(parties).queryByRole('button', { name: 'Partij toevoegen' })).not.toBeInTheDocument();
    expect(within(parties).queryByRole('button', { name: /Wijzigen/ })).not.toBeInTheDocument();

    const form = within(parties).getByRole('form', { name: 'Voortgang melden' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Status van de actie' }), 'Bezig');
    await user.type(
      within(form).getByRole('textbox', { name: /Voortgang/ }),
      'Netbewust aansluiten is haalbaar; offerte volgt.',
    );
    await user.click(within(form).getByRole('button', { name: 'Voortgang opslaan' }));

    expect(await within(parties).findByText('Uw voortgang is opgeslagen.')).toBeInTheDocument();
    const [patch] = api.calls('PATCH', `/api/cases/${item.id}/assignments/${assignment.id}`);
    expect(patch?.body).toEqual({
      actionStatus: 'in_progress',
      progressNote: 'Netbewust aansluiten is haalbaar; offerte volgt.',
    });
    expect(patch?.headers.get('If-Match')).toBe('"4"');
    expect(
      await within(parties).findByText('Netbewust aansluiten is haalbaar; offerte volgt.'),
    ).toBeVisible();
  });
});

describe('case detail: a coordinator manages a party', () => {
  it('changes only what was edited, and removes a party after confirming', async () => {
    const assignment = buildAssignment({ organisationName: 'Stedin', dueDate: '2026-12-18', version: 2 });
    const item = buildCaseDetail({
      status: 'in_progress',
      assignments: [{ ...assignment }],
      permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
    });
    const path = `/api/cases/${item.id}/assignments/${assignment.id}`;
    const { api, state } = detailApi(coordinator(), item, {
      [`PATCH ${path}`]: ({ body }) => {
        const updated = { ...assignment, ...(body as object), version: 3 };
        state.item = { ...state.item, assignments: [updated] };
        return json(200, updated);
      },
      [`DELETE ${path}`]: () => {
        state.item = { ...state.item, assignments: [] };
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const parties = await screen.findByRole('region', { name: 'Partijen en acties' });
    await user.click(within(parties).getByRole('button', { name: 'Wijzigen: Stedin' }));
    const form = within(parties).getByRole('form', { name: 'Actie van Stedin wijzigen' });
    const due = within(form).getByLabelText(/Uiterste datum/);
    await user.clear(due);
    await user.type(due, '2027-01-08');
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Status van de actie' }),
      'Geblokkeerd',
    );
    await user.click(within(form).getByRole('button', { name: 'Wijzigingen opslaan' }));

    expect(await within(parties).findByText('De actie van Stedin is gewijzigd.')).toBeInTheDocument();
    const [patch] = api.calls('PATCH', path);
    expect(patch?.body).toEqual({ dueDate: '2027-01-08', actionStatus: 'blocked' });
    expect(patch?.headers.get('If-Match')).toBe('"2"');
    expect(await within(parties).findByText('8 januari 2027')).toBeInTheDocument();

    await user.click(within(parties).getByRole('button', { name: 'Verwijderen: Stedin' }));
    expect(
      within(parties).getByRole('group', { name: /Stedin als partij wilt verwijderen/ }),
    ).toBeInTheDocument();
    expect(api.calls('DELETE', path)).toHaveLength(0);
    await user.click(within(parties).getByRole('button', { name: 'Ja, verwijderen' }));

    expect(await within(parties).findByText('Stedin is verwijderd als partij.')).toBeInTheDocument();
    expect(
      within(parties).getByText('Er zijn nog geen partijen aan dit dossier gekoppeld.'),
    ).toBeInTheDocument();
    expect(api.calls('DELETE', path)[0]?.headers.get('If-Match')).toBe('"3"');
  });
});

describe('case detail: ladder', () => {
  it('shows where the case stands (aria-current, in words) and escalates to a higher level', async () => {
    const item = buildCaseDetail({
      status: 'in_progress',
      levelCode: 'woondeal_table',
      levelRank: 1,
      permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
      availableTransitions: [
        { to: 'escalated', reasonRequired: false, via: 'escalation' },
        { to: 'closed', reasonRequired: true, via: 'transition' },
      ],
    });
    const { api, state } = detailApi(coordinator(), item, {
      [`POST /api/cases/${item.id}/escalations`]: ({ body }) => {
        const created = buildEscalation({
          caseId: item.id,
          question: (body as { question: string }).question,
        });
        state.item = {
          ...state.item,
          status: 'escalated',
          levelCode: 'national_table',
          levelRank: 3,
          escalations: [created],
          availableTransitions: [],
        };
        return json(201, created);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const ladder = await screen.findByRole('region', { name: 'Ladder' });
    const steps = within(ladder).getByRole('list', { name: 'Niveaus van de ladder, van laag naar hoog' });
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '1WoondealtafelHuidig niveau',
      '2Regionale versnellingstafel',
      '3Landelijke versnellingstafel',
      '4Ministeriële Taskforce Versnellen Woningbouw',
    ]);
    expect(items[0]).toHaveAttribute('aria-current', 'step');
    expect(items[2]).not.toHaveAttribute('aria-current');

    await user.click(within(ladder).getByRole('button', { name: 'Opschalen' }));
    const form = within(ladder).getByRole('form', { name: 'Opschalen' });
    const level = within(form).getByRole('combobox', { name: 'Naar niveau' });
    expect(
      within(level)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Regionale versnellingstafel',
      'Landelijke versnellingstafel',
      'Ministeriële Taskforce Versnellen Woningbouw',
    ]);
    await user.selectOptions(level, 'Landelijke versnellingstafel');
    await user.type(
      within(form).getByRole('textbox', { name: 'Vraag aan dat niveau' }),
      'Kan het Rijk de netaansluiting versnellen?',
    );
    await user.type(within(form).getByLabelText(/Besluit gewenst voor/), '2027-01-15');
    await user.click(within(form).getByRole('button', { name: 'Opschaling versturen' }));

    expect(
      await within(ladder).findByText('Het dossier is opgeschaald naar Landelijke versnellingstafel.'),
    ).toBeInTheDocument();
    expect(api.calls('POST', `/api/cases/${item.id}/escalations`)[0]?.body).toEqual({
      toLevel: 'national_table',
      question: 'Kan het Rijk de netaansluiting versnellen?',
      dueDate: '2027-01-15',
    });
    const current = within(ladder).getByText('Landelijke versnellingstafel', { selector: '.ladder__label' });
    expect(current.closest('li')).toHaveAttribute('aria-current', 'step');
    expect(within(ladder).getByText('Wacht op besluit')).toBeInTheDocument();
  });

  it('lets the higher level record its decision on the open escalation', async () => {
    const me = buildMe({
      role: 'national',
      organisationName: 'Landelijke versnellingstafel',
      municipalityCode: null,
    });
    const escalation = buildEscalation();
    const item = buildCaseDetail({
      status: 'escalated',
      levelCode: 'national_table',
      levelRank: 3,
      escalations: [{ ...escalation }],
      permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
    });
    const { api, state } = detailApi(me, item, {
      [`PATCH /api/cases/${item.id}/escalations/${escalation.id}`]: ({ body }) => {
        const { outcome, note } = body as { outcome: 'returned'; note: string };
        const decided = { ...escalation, outcome, outcomeNote: note, decidedAt: '2026-11-25T10:00:00.000Z' };
        state.item = { ...state.item, escalations: [decided], status: 'in_progress' };
        return json(200, decided);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const ladder = await screen.findByRole('region', { name: 'Ladder' });
    await user.click(within(ladder).getByRole('button', { name: 'Besluit vastleggen' }));
    const form = within(ladder).getByRole('form', { name: 'Besluit vastleggen' });
    await user.click(within(form).getByRole('button', { name: 'Besluit opslaan' }));
    expect(await within(form).findByRole('link', { name: 'Kies een uitkomst.' })).toBeInTheDocument();

    await user.click(within(form).getByRole('radio', { name: /Teruggelegd/ }));
    await user.type(
      within(form).getByRole('textbox', { name: 'Toelichting' }),
      'Regionale tafel regelt dit met de netbeheerder.',
    );
    await user.click(within(form).getByRole('button', { name: 'Besluit opslaan' }));

    expect(await within(ladder).findByText('Het besluit is vastgelegd: Teruggelegd.')).toBeInTheDocument();
    expect(api.calls('PATCH', `/api/cases/${item.id}/escalations/${escalation.id}`)[0]?.body).toEqual({
      outcome: 'returned',
      note: 'Regionale tafel regelt dit met de netbeheerder.',
    });
    expect(within(ladder).getByText('Regionale tafel regelt dit met de netbeheerder.')).toBeInTheDocument();
  });
});

describe('case detail: breakthrough', () => {
  it('records a breakthrough and shows it', async () => {
    const assignment = buildAssignment({ organisationName: 'Liander' });
    const item = buildCaseDetail({
      status: 'in_progress',
      assignments: [assignment],
      availableTransitions: [{ to: 'breakthrough', reasonRequired: false, via: 'breakthrough' }],
    });
    const { api, state } = detailApi(coordinator(), item, {
      [`POST /api/cases/${item.id}/breakthrough`]: () => {
        state.item = {
          ...state.item,
          status: 'breakthrough',
          availableTransitions: [],
          breakthrough: {
            id: '00000000-0000-4000-8000-00000000bbbb',
            caseId: item.id,
            date: '2026-11-25',
            homesUnblocked: 1200,
            solutionType: 'local_grid_solution',
            narrative: 'Netbewust aansluiten met een buurtbatterij.',
            partiesCredited: [{ id: assignment.organisationId, name: 'Liander' }],
            daysToBreakthrough: 4,
            createdAt: '2026-11-25T10:00:00.000Z',
          },
        };
        return json(201, state.item);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const section = await screen.findByRole('region', { name: 'Doorbraak' });
    await user.click(within(section).getByRole('button', { name: 'Doorbraak vastleggen' }));
    const form = within(section).getByRole('form', { name: 'Doorbraak vastleggen' });
    const date = within(form).getByLabelText('Datum van de doorbraak');
    expect(date).toHaveValue(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()),
    );
    await user.clear(date);
    await user.type(date, '2026-11-25');
    await user.type(within(form).getByRole('textbox', { name: 'Vrijgespeelde woningen' }), '1.200');
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Soort oplossing' }),
      'Lokale netoplossing',
    );
    await user.type(
      within(form).getByRole('textbox', { name: 'Wat heeft het opgelost?' }),
      'Netbewust aansluiten met een buurtbatterij.',
    );
    await user.click(within(form).getByRole('checkbox', { name: 'Liander' }));
    await user.click(within(form).getByRole('button', { name: 'Doorbraak opslaan' }));

    expect(await within(section).findByText('De doorbraak is vastgelegd.')).toBeInTheDocument();
    expect(within(section).getByText('1.200 woningen')).toBeInTheDocument();
    expect(within(section).getByText('25 november 2026')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Doorbraak vastleggen' })).not.toBeInTheDocument();
    expect(api.calls('POST', `/api/cases/${item.id}/breakthrough`)[0]?.body).toEqual({
      date: '2026-11-25',
      homesUnblocked: 1200,
      solutionType: 'local_grid_solution',
      narrative: 'Netbewust aansluiten met een buurtbatterij.',
      partiesCredited: [assignment.organisationId],
    });
  });
});

describe('case detail: timeline and comments', () => {
  it('tells each event as a Dutch sentence, newest first by default', async () => {
    const item = buildCaseDetail();
    detailApi(coordinator(), item, {
      [`GET /api/cases/${item.id}/events`]: () =>
        json(200, {
          items: [
            buildEvent({ type: 'case.submitted', occurredAt: '2026-11-20T10:00:00.000Z' }),
            buildEvent({
              type: 'case.status_changed',
              actorLabel: 'Fatima El Amrani (Regionale versnellingstafel Zuid-Holland)',
              occurredAt: '2026-11-21T10:00:00.000Z',
              data: { before: { status: 'submitted' }, after: { status: 'accepted' } },
            }),
            buildEvent({
              type: 'escalation.opened',
              occurredAt: '2026-11-22T10:00:00.000Z',
              data: { after: { toLevel: 'national_table', question: 'Kan het sneller?' } },
            }),
          ],
        }),
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const timeline = await screen.findByRole('region', { name: 'Tijdlijn' });
    const list = await within(timeline).findByRole('list', { name: 'Gebeurtenissen, nieuwste eerst' });
    const sentences = () =>
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.timeline__sentence')?.textContent);
    expect(sentences()).toEqual([
      'Opgeschaald naar Landelijke versnellingstafel.',
      'Status gewijzigd van Ingediend naar Geaccepteerd.',
      'Knelpunt gemeld.',
    ]);
    expect(within(list).getByText('Vraag: Kan het sneller?')).toBeInTheDocument();
    expect(
      within(list).getByText(/Fatima El Amrani \(Regionale versnellingstafel Zuid-Holland\)/),
    ).toBeInTheDocument();

    await user.selectOptions(within(timeline).getByRole('combobox', { name: 'Volgorde' }), 'Oudste eerst');
    expect(within(timeline).getByRole('list', { name: 'Gebeurtenissen, oudste eerst' })).toBeInTheDocument();
    expect(sentences()[0]).toBe('Knelpunt gemeld.');
  });

  it('gives a municipality no visibility choice: its comments are shared', async () => {
    const item = buildCaseDetail();
    const { api } = detailApi(buildMe(), item, {
      [`POST /api/cases/${item.id}/comments`]: ({ body }) =>
        json(201, {
          id: '00000000-0000-4000-8000-00000000cccc',
          caseId: item.id,
          authorLabel: 'Bea Barendrecht (Gemeente Barendrecht)',
          body: (body as { body: string }).body,
          visibility: 'shared',
          createdAt: '2026-11-25T10:00:00.000Z',
        }),
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const comments = await screen.findByRole('region', { name: 'Opmerkingen' });
    expect(within(comments).queryByRole('radio')).not.toBeInTheDocument();
    await user.type(within(comments).getByRole('textbox', { name: 'Opmerking' }), 'Graag een update.');
    await user.click(within(comments).getByRole('button', { name: 'Opmerking plaatsen' }));

    expect(await within(comments).findByText('Graag een update.')).toBeInTheDocument();
    expect(api.calls('POST', `/api/cases/${item.id}/comments`)[0]?.body).toEqual({
      body: 'Graag een update.',
      visibility: 'shared',
    });
  });
});

describe('case detail: attachments', () => {
  it('lists attachments as download links and uploads a file as multipart with the CSRF token', async () => {
    document.cookie = 'doorbraak_csrf=csrf-upload; path=/';
    const item = buildCaseDetail();
    const existing = {
      id: '00000000-0000-4000-8000-00000000dddd',
      caseId: item.id,
      filename: 'netkaart.pdf',
      contentType: 'application/pdf',
      sizeBytes: 245_800,
      sha256: 'a'.repeat(64),
      visibility: 'internal' as 'internal' | 'shared',
      uploadedBy: 'Fatima El Amrani (Regionale versnellingstafel Zuid-Holland)',
      createdAt: '2026-11-24T10:00:00.000Z',
    };
    const files = [existing];
    const { api } = detailApi(coordinator(), item, {
      [`GET /api/cases/${item.id}/attachments`]: () => json(200, { items: files }),
      [`POST /api/cases/${item.id}/attachments`]: ({ body }) => {
        const file = (body as FormData).get('file') as File;
        const created = {
          ...existing,
          id: '00000000-0000-4000-8000-00000000eeee',
          filename: file.name,
          sizeBytes: file.size,
          visibility: (body as FormData).get('visibility') as 'shared',
        };
        files.push(created);
        return json(201, created);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    const section = await screen.findByRole('region', { name: 'Bijlagen' });
    const table = await within(section).findByRole('table', { name: 'Bijlagen bij dit dossier' });
    const link = within(table).getByRole('link', { name: 'netkaart.pdf' });
    expect(link).toHaveAttribute('href', `/api/cases/${item.id}/attachments/${existing.id}/content`);
    expect(link).toHaveAttribute('download', 'netkaart.pdf');
    expect(within(table).getByText('245,8 kB')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Uploaden' }));
    expect(within(section).getByLabelText('Bestand')).toHaveAccessibleDescription(/Fout: Kies een bestand\./);

    await user.upload(
      within(section).getByLabelText('Bestand'),
      new File(['Netcapaciteit: 2 MVA'], 'notitie.txt', { type: 'text/plain' }),
    );
    await user.click(within(section).getByRole('radio', { name: /Gedeeld/ }));
    await user.click(within(section).getByRole('button', { name: 'Uploaden' }));

    expect(await within(section).findByText('notitie.txt is toegevoegd.')).toBeInTheDocument();
    expect(await within(section).findByRole('link', { name: 'notitie.txt' })).toBeInTheDocument();
    const [post] = api.calls('POST', `/api/cases/${item.id}/attachments`);
    expect(post?.body).toBeInstanceOf(FormData);
    expect(((post?.body as FormData).get('file') as File).name).toBe('notitie.txt');
    expect((post?.body as FormData).get('visibility')).toBe('shared');
    expect(post?.headers.get('Content-Type')).toBeNull();
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-upload');
  });
});
