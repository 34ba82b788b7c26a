import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, Me } from '@doorbraak/domain';
import {
  buildAssignment,
  buildCaseDetail,
  buildDeadline,
  buildEscalation,
  buildMe,
} from '@/testing/factories';
import { json, mockApi, problem, type RecordedRequest } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const coordinator = () =>
  buildMe({ role: 'coordinator', name: 'Fatima El Amrani', municipalityCode: null, provinceCodes: ['PV28'] });

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

function detailApi(me: Me, item: CaseDetail, routes: Record<string, Handler> = {}) {
  const state = { item };
  const api = mockApi({
    'GET /api/auth/me': () => json(200, me),
    'GET /api/me/work': () =>
      json(200, { overdue: [], dueSoon: [], open: [], counts: { overdue: 0, dueSoon: 0, open: 0 } }),
    [`GET /api/cases/${item.id}`]: () => json(200, state.item),
    [`GET /api/cases/${item.id}/events`]: () => json(200, { items: [] }),
    [`GET /api/cases/${item.id}/comments`]: () => json(200, { items: [] }),
    [`GET /api/cases/${item.id}/attachments`]: () => json(200, { items: [] }),
    'GET /api/reference/levels': () => json(200, []),
    ...routes,
  });
  return { api, state };
}

describe('case detail: clocks', () => {
  it('shows each clock in words: a party, triage and the decision', async () => {
    const liander = buildAssignment({ organisationName: 'Liander' });
    const stedin = buildAssignment({ organisationName: 'Stedin' });
    const escalation = buildEscalation();
    const item = buildCaseDetail({
      assignments: [liander, stedin],
      escalations: [escalation],
      deadlines: [
        buildDeadline({ kind: 'triage', state: 'met', workingDaysLeft: null }),
        buildDeadline({ assignmentId: liander.id, workingDaysLeft: 7, extensionWorkingDays: 5 }),
        buildDeadline({ assignmentId: stedin.id, state: 'breached', workingDaysLeft: -3 }),
        buildDeadline({
          kind: 'level_decision',
          escalationId: escalation.id,
          state: 'paused',
          workingDaysLeft: null,
          pause: { reason: 'wacht op raadsbesluit', expectedResume: null, since: '2026-11-20' },
        }),
      ],
    });
    detailApi(buildMe(), item);
    renderApp(`/dossiers/${item.id}`);

    expect(await screen.findByText('afgerond')).toBeInTheDocument();
    const lianderCard = screen
      .getByRole('heading', { level: 3, name: 'Liander' })
      .closest('li') as HTMLElement;
    expect(within(lianderCard).getByText('loopt — nog 7 werkdagen')).toBeInTheDocument();
    expect(within(lianderCard).getByText(/verlengd met 5 werkdagen/)).toBeInTheDocument();
    const stedinCard = screen.getByRole('heading', { level: 3, name: 'Stedin' }).closest('li') as HTMLElement;
    expect(within(stedinCard).getByText('te laat — 3 werkdagen over de termijn')).toBeInTheDocument();
    expect(screen.getByText('gepauzeerd sinds 20 november 2026 (wacht op raadsbesluit)')).toBeInTheDocument();
    // Without manageAssignments there is nothing to pause or extend.
    expect(screen.queryByRole('button', { name: /Klok pauzeren/ })).toBeNull();
  });

  it('lets the table pause, extend and resume a clock, with the rule in Dutch when refused', async () => {
    const liander = buildAssignment({ organisationName: 'Liander' });
    const clock = buildDeadline({ assignmentId: liander.id });
    const item = buildCaseDetail({
      assignments: [liander],
      deadlines: [clock],
      permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
    });
    const base = `/api/cases/${item.id}/deadlines/${clock.id}`;
    const { api, state } = detailApi(coordinator(), item, {
      [`POST ${base}/pause`]: () => {
        const paused = {
          ...clock,
          state: 'paused' as const,
          workingDaysLeft: null,
          pause: { reason: 'Wacht op de raad', expectedResume: null, since: '2026-11-27' },
        };
        state.item = { ...state.item, deadlines: [paused] };
        return json(200, paused);
      },
      [`POST ${base}/extend`]: () =>
        problem(409, { type: 'https://doorbraak.nl/problems/conflict/extension-over-cap' }),
      [`POST ${base}/resume`]: () => {
        state.item = { ...state.item, deadlines: [clock] };
        return json(200, clock);
      },
    });
    const { user } = renderApp(`/dossiers/${item.id}`);

    await user.click(await screen.findByRole('button', { name: 'Termijn verlengen: Liander' }));
    await user.type(screen.getByLabelText('Aantal werkdagen erbij'), '200');
    await user.type(screen.getByLabelText('Reden van de verlenging'), 'Meer tijd');
    await user.click(screen.getByRole('button', { name: 'Termijn verlengen' }));
    expect(await screen.findByText('Vul een heel aantal werkdagen in, van 1 tot en met 120.')).toBeVisible();
    await user.clear(screen.getByLabelText('Aantal werkdagen erbij'));
    await user.type(screen.getByLabelText('Aantal werkdagen erbij'), '30');
    await user.click(screen.getByRole('button', { name: 'Termijn verlengen' }));
    expect(await screen.findByText('De verlenging gaat boven het maximum van het beleid.')).toBeVisible();
    expect(api.calls('POST', `${base}/extend`)[0]?.body).toEqual({ workingDays: 30, reason: 'Meer tijd' });

    await user.click(screen.getByRole('button', { name: 'Klok pauzeren: Liander' }));
    expect(screen.getByLabelText('Reden van de pauze')).toHaveFocus();
    await user.type(screen.getByLabelText('Reden van de pauze'), 'Wacht op de raad');
    await user.click(screen.getByRole('button', { name: 'Klok pauzeren' }));
    expect(await screen.findByText('De klok van Liander staat stil.')).toBeVisible();
    expect(api.calls('POST', `${base}/pause`)[0]?.body).toEqual({
      reason: 'Wacht op de raad',
      maxWorkingDays: 20,
    });
    expect(await screen.findByText(/gepauzeerd sinds 27 november 2026 \(Wacht op de raad\)/)).toBeVisible();

    await user.click(await screen.findByRole('button', { name: 'Klok hervatten: Liander' }));
    expect(await screen.findByText('De klok van Liander loopt weer.')).toBeVisible();
    expect(await screen.findByText('loopt — nog 7 werkdagen')).toBeVisible();
  });
});
