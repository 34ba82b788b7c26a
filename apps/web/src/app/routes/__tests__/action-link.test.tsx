import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActionLinkView } from '@doorbraak/domain';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const TOKEN = 'a'.repeat(43);
const RESPONSE = `POST /api/links/${TOKEN}/response`;

function buildView(overrides: Partial<ActionLinkView> = {}): ActionLinkView {
  return {
    link: {
      contactEmail: 'netbeheer@liander.example',
      expiresAt: '2026-12-11T12:00:00.000Z',
      usedAt: null,
    },
    case: {
      reference: 'DB-2026-0001',
      projectName: 'De Stationstuinen',
      municipalityName: 'Barendrecht',
      provinceName: 'Zuid-Holland',
      homesTotal: 1200,
      status: 'in_progress',
      description: null,
    },
    assignment: {
      organisationName: 'Liander',
      role: 'lead',
      requestedAction: 'Netcapaciteit voor fase 1 toezeggen',
      dueDate: '2026-12-01',
      actionStatus: 'open',
      progressNote: null,
      deadline: { state: 'running', dueDate: '2026-12-01', workingDaysLeft: 7, extensionWorkingDays: 0 },
    },
    canAct: true,
    ...overrides,
  };
}

const answeredView = (view: ActionLinkView, changes: Partial<ActionLinkView['assignment']> = {}) => ({
  ...view,
  link: { ...view.link, usedAt: '2026-11-27T09:30:00.000Z' },
  assignment: { ...view.assignment, ...changes },
  canAct: false,
});

describe('action link (no login)', () => {
  it('shows the case and the action, and sends status, more time and a note as one answer', async () => {
    const view = buildView();
    const api = mockApi({
      [`GET /api/links/${TOKEN}`]: () => json(200, view),
      [RESPONSE]: () => json(200, answeredView(view, { actionStatus: 'in_progress' })),
    });
    const { user } = renderApp(`/actie/${TOKEN}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'DB-2026-0001 Gevraagde actie' }),
    ).toBeVisible();
    // No session needed: the page never asks who is logged in.
    expect(api.calls('GET', '/api/auth/me')).toHaveLength(0);
    const action = screen.getByRole('region', { name: 'Wat er van Liander gevraagd wordt' });
    expect(within(action).getByText('Netcapaciteit voor fase 1 toezeggen')).toBeInTheDocument();
    expect(within(action).getByText('loopt — nog 7 werkdagen')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Het dossier' })).getByText('1.200'),
    ).toBeInTheDocument();

    const form = screen.getByRole('region', { name: 'Uw antwoord' });
    expect(within(form).getByText(/U kunt één keer antwoorden/)).toBeInTheDocument();
    const status = within(form).getByRole('group', { name: 'Stand van de actie' });
    await user.selectOptions(within(status).getByLabelText('Status van de actie'), 'in_progress');
    await user.type(within(status).getByLabelText(/Toelichting op de voortgang/), 'Offerte verstuurd');
    const more = within(form).getByRole('group', { name: /Meer tijd nodig\?/ });
    await user.type(within(more).getByLabelText('Aantal extra werkdagen'), '10');
    await user.type(within(more).getByLabelText('Waarom is meer tijd nodig?'), 'Wacht op vergunning');
    await user.type(within(form).getByLabelText(/Notitie voor de tafel/), 'Bel me gerust');
    await user.click(within(form).getByRole('button', { name: 'Antwoord versturen' }));

    // Answered: the form is gone and the message says so (and takes focus).
    const answered = await screen.findByText(
      'U hebt op 27 november 2026 via deze link geantwoord. Een link werkt één keer; bij de volgende herinnering krijgt u een nieuwe.',
    );
    expect(answered).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Antwoord versturen' })).toBeNull();
    expect(api.calls('POST', `/api/links/${TOKEN}/response`)).toHaveLength(1);
    expect(api.calls('POST', `/api/links/${TOKEN}/response`)[0]?.body).toEqual({
      actionStatus: 'in_progress',
      progressNote: 'Offerte verstuurd',
      extension: { workingDays: 10, reason: 'Wacht op vergunning' },
      note: 'Bel me gerust',
    });
    expect(api.unhandled).toEqual([]);
  });

  it('sends only what was filled in, and says in an error summary when nothing was', async () => {
    const view = buildView();
    const api = mockApi({
      [`GET /api/links/${TOKEN}`]: () => json(200, view),
      [RESPONSE]: () => json(200, answeredView(view)),
    });
    const { user } = renderApp(`/actie/${TOKEN}`);
    const form = await screen.findByRole('region', { name: 'Uw antwoord' });

    await user.click(within(form).getByRole('button', { name: 'Antwoord versturen' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'Er is een probleem' })).toBeInTheDocument();
    const empty = within(summary).getByRole('link', {
      name: 'Geef minstens één antwoord: de stand van de actie, een verzoek om meer tijd of een notitie.',
    });
    expect(summary).toHaveFocus();
    await user.click(empty);
    expect(within(form).getByLabelText('Status van de actie')).toHaveFocus();

    // Half an extension request: both parts are named, by the field they are about.
    await user.type(within(form).getByLabelText('Aantal extra werkdagen'), '0');
    await user.click(within(form).getByRole('button', { name: 'Antwoord versturen' }));
    const days = await within(screen.getByRole('alert')).findByRole('link', {
      name: 'Vul een heel aantal werkdagen in, van 1 tot en met 120.',
    });
    expect(
      within(screen.getByRole('alert')).getByRole('link', {
        name: 'Schrijf waarom meer tijd nodig is (minstens 3 tekens).',
      }),
    ).toBeInTheDocument();
    await user.click(days);
    expect(within(form).getByLabelText('Aantal extra werkdagen')).toHaveFocus();
    expect(within(form).getByLabelText('Aantal extra werkdagen')).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls('POST', `/api/links/${TOKEN}/response`)).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Aantal extra werkdagen'));
    await user.type(within(form).getByLabelText(/Notitie voor de tafel/), 'Alleen een notitie');
    await user.click(within(form).getByRole('button', { name: 'Antwoord versturen' }));
    await screen.findByText(/via deze link geantwoord/);
    expect(api.calls('POST', `/api/links/${TOKEN}/response`)[0]?.body).toEqual({
      note: 'Alleen een notitie',
    });
  });

  it('an answer refused as a replay says the link was used, and shows the answered state', async () => {
    const view = buildView();
    let answered = false;
    mockApi({
      [`GET /api/links/${TOKEN}`]: () => json(200, answered ? answeredView(view) : view),
      [RESPONSE]: () => {
        answered = true;
        return problem(409, { type: 'https://doorbraak.nl/problems/link-used', title: 'Al beantwoord' });
      },
    });
    const { user } = renderApp(`/actie/${TOKEN}`);
    const form = await screen.findByRole('region', { name: 'Uw antwoord' });
    await user.type(within(form).getByLabelText(/Notitie voor de tafel/), 'Nog iets');
    await user.click(within(form).getByRole('button', { name: 'Antwoord versturen' }));
    expect(await screen.findByText(/via deze link geantwoord/)).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Uw antwoord' })).toBeNull();
  });

  it('an answered link still shows the case, with the date it was answered and no form', async () => {
    mockApi({ [`GET /api/links/${TOKEN}`]: () => json(200, answeredView(buildView())) });
    renderApp(`/actie/${TOKEN}`);
    const message = await screen.findByText(
      'U hebt op 27 november 2026 via deze link geantwoord. Een link werkt één keer; bij de volgende herinnering krijgt u een nieuwe.',
    );
    expect(message).not.toHaveFocus();
    expect(screen.getByRole('region', { name: 'Het dossier' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Antwoord versturen' })).toBeNull();
  });

  it('speaks English on request, validation messages included', async () => {
    const view = buildView();
    const api = mockApi({
      [`GET /api/links/${TOKEN}`]: () => json(200, view),
      [RESPONSE]: () => json(200, answeredView(view)),
    });
    const { user } = renderApp(`/actie/${TOKEN}`);
    await screen.findByRole('region', { name: 'Uw antwoord' });
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    const form = await screen.findByRole('region', { name: 'Your answer' });
    await user.click(within(form).getByRole('button', { name: 'Send answer' }));
    expect(
      await screen.findByRole('link', {
        name: 'Give at least one answer: the status of the action, a request for more time or a note.',
      }),
    ).toBeInTheDocument();
    await user.type(within(form).getByLabelText(/Note for the table/), 'Call me');
    await user.click(within(form).getByRole('button', { name: 'Send answer' }));
    expect(
      await screen.findByText(
        'You answered through this link on 27 November 2026. A link works once; the next reminder brings a new one.',
      ),
    ).toBeVisible();
    expect(api.calls('POST', `/api/links/${TOKEN}/response`)[0]?.headers.get('Accept-Language')).toBe('en');
  });

  it('says a revoked or expired link no longer works', async () => {
    mockApi({
      [`GET /api/links/${TOKEN}`]: () => problem(401, { type: 'https://doorbraak.nl/problems/link-revoked' }),
    });
    renderApp(`/actie/${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link werkt niet meer' })).toBeVisible();
    expect(
      screen.getByText('Deze link is verlopen of ingetrokken. Vraag de coördinator om een nieuwe.'),
    ).toBeInTheDocument();
  });

  it('shows no form once the case is closed, and no extension request without a clock', async () => {
    mockApi({ [`GET /api/links/${TOKEN}`]: () => json(200, buildView({ canAct: false })) });
    const { unmount } = renderApp(`/actie/${TOKEN}`);
    expect(
      await screen.findByText('Dit dossier is afgesloten. U kunt hier niets meer wijzigen.'),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Antwoord versturen' })).toBeNull();
    unmount();

    const view = buildView();
    mockApi({
      [`GET /api/links/${TOKEN}`]: () =>
        json(200, { ...view, assignment: { ...view.assignment, deadline: null } }),
    });
    renderApp(`/actie/${TOKEN}`);
    await screen.findByRole('region', { name: 'Uw antwoord' });
    expect(screen.queryByLabelText('Aantal extra werkdagen')).toBeNull();
  });
});
