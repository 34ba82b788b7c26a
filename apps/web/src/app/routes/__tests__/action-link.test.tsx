import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActionLinkView } from '@doorbraak/domain';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const TOKEN = 'a'.repeat(43);

function buildView(overrides: Partial<ActionLinkView> = {}): ActionLinkView {
  return {
    link: { contactEmail: 'netbeheer@liander.example', expiresAt: '2026-12-11T12:00:00.000Z' },
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

describe('action link (no login)', () => {
  it('shows the case and the action, and reports status, asks for time and adds a note', async () => {
    const view = buildView();
    const api = mockApi({
      [`GET /api/links/${TOKEN}`]: () => json(200, view),
      [`POST /api/links/${TOKEN}/action-status`]: () =>
        json(200, { ...view, assignment: { ...view.assignment, actionStatus: 'in_progress' } }),
      [`POST /api/links/${TOKEN}/extension-request`]: () => json(200, view),
      [`POST /api/links/${TOKEN}/notes`]: () => json(200, view),
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

    const status = screen.getByRole('region', { name: 'Stand van de actie bijwerken' });
    await user.selectOptions(within(status).getByLabelText('Status van de actie'), 'in_progress');
    await user.type(within(status).getByLabelText(/Toelichting op de voortgang/), 'Offerte verstuurd');
    await user.click(within(status).getByRole('button', { name: 'Stand opslaan' }));
    expect(await within(status).findByText('De stand van de actie is opgeslagen.')).toBeInTheDocument();
    expect(api.calls('POST', `/api/links/${TOKEN}/action-status`)[0]?.body).toEqual({
      actionStatus: 'in_progress',
      progressNote: 'Offerte verstuurd',
    });

    const extension = screen.getByRole('region', { name: 'Om meer tijd vragen' });
    await user.click(within(extension).getByRole('button', { name: 'Verzoek versturen' }));
    expect(
      await within(extension).findByText('Vul een heel aantal werkdagen in, van 1 tot en met 120.'),
    ).toBeInTheDocument();
    await user.type(within(extension).getByLabelText('Aantal extra werkdagen'), '10');
    await user.type(within(extension).getByLabelText('Waarom is meer tijd nodig?'), 'Wacht op vergunning');
    await user.click(within(extension).getByRole('button', { name: 'Verzoek versturen' }));
    expect(await within(extension).findByText(/Uw verzoek om 10 werkdagen extra is verstuurd/)).toBeVisible();
    expect(api.calls('POST', `/api/links/${TOKEN}/extension-request`)[0]?.body).toEqual({
      workingDays: 10,
      reason: 'Wacht op vergunning',
    });

    const note = screen.getByRole('region', { name: 'Notitie toevoegen' });
    await user.type(within(note).getByLabelText('Notitie'), 'Bel me gerust');
    await user.click(within(note).getByRole('button', { name: 'Notitie toevoegen' }));
    expect(await within(note).findByText('Uw notitie is toegevoegd.')).toBeInTheDocument();
    expect(api.calls('POST', `/api/links/${TOKEN}/notes`)[0]?.body).toEqual({ body: 'Bel me gerust' });
    expect(api.unhandled).toEqual([]);
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

  it('shows no forms once the case is closed', async () => {
    mockApi({ [`GET /api/links/${TOKEN}`]: () => json(200, buildView({ canAct: false })) });
    renderApp(`/actie/${TOKEN}`);
    expect(
      await screen.findByText('Dit dossier is afgesloten. U kunt hier niets meer wijzigen.'),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Stand opslaan' })).toBeNull();
  });
});
