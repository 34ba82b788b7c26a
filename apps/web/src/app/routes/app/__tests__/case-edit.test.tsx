import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildCaseDetail, buildMe } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const coordinator = () => buildMe({ role: 'coordinator', municipalityCode: null, provinceCodes: ['PV28'] });

function routes(state: { item: ReturnType<typeof buildCaseDetail> }) {
  const id = state.item.id;
  return {
    'GET /api/auth/me': () => json(200, coordinator()),
    [`GET /api/cases/${id}`]: () => json(200, state.item, { ETag: `"${state.item.version}"` }),
    [`GET /api/cases/${id}/events`]: () => json(200, { items: [] }),
    [`GET /api/cases/${id}/comments`]: () => json(200, { items: [] }),
    [`GET /api/cases/${id}/attachments`]: () => json(200, { items: [] }),
    'GET /api/reference/levels': () => json(200, []),
  };
}

describe('editing a case', () => {
  it('sends only the changed fields with If-Match and opens the case again', async () => {
    const state = {
      item: buildCaseDetail({
        projectName: 'De Stationstuinen',
        homesTotal: 3500,
        version: 3,
        permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
      }),
    };
    const api = mockApi({
      ...routes(state),
      [`PATCH /api/cases/${state.item.id}`]: () => {
        state.item = { ...state.item, homesTotal: 4000, version: 4 };
        return json(200, state.item);
      },
    });
    const { user, router } = renderApp(`/dossiers/${state.item.id}`);

    await user.click(await screen.findByRole('link', { name: 'Gegevens wijzigen' }));
    const homes = await screen.findByRole('textbox', { name: 'Aantal woningen' });
    expect(homes).toHaveValue('3500');
    await user.clear(homes);
    await user.type(homes, '4.000');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));

    expect(await screen.findByText('De wijzigingen zijn opgeslagen.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/dossiers/${state.item.id}`);
    const [patch] = api.calls('PATCH', `/api/cases/${state.item.id}`);
    expect(patch?.body).toEqual({ homesTotal: 4000 });
    expect(patch?.headers.get('If-Match')).toBe('"3"');
  });

  it('on 412 reloads the case, shows field by field what changed, and reapplies on the new version', async () => {
    const state = {
      item: buildCaseDetail({
        projectName: 'De Stationstuinen',
        homesTotal: 3500,
        description: 'Wacht op netaansluiting.',
        version: 3,
        permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
      }),
    };
    let patches = 0;
    const api = mockApi({
      ...routes(state),
      [`PATCH /api/cases/${state.item.id}`]: ({ body }) => {
        patches += 1;
        if (patches === 1) {
          // A colleague saved first.
          state.item = { ...state.item, description: 'Liander onderzoekt netbewust aansluiten.', version: 4 };
          return problem(412, {
            type: 'https://doorbraak.nl/problems/precondition-failed',
            title: 'Versie verouderd',
            detail: 'Het dossier is intussen gewijzigd.',
          });
        }
        state.item = { ...state.item, ...(body as object), version: 5 };
        return json(200, state.item);
      },
    });
    const { user } = renderApp(`/dossiers/${state.item.id}/wijzigen`);

    const homes = await screen.findByRole('textbox', { name: 'Aantal woningen' });
    await user.clear(homes);
    await user.type(homes, '4000');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));

    const conflict = await screen.findByRole('alert', {
      name: 'Iemand anders heeft dit dossier intussen gewijzigd',
    });
    expect(conflict).toHaveFocus();
    const table = within(conflict).getByRole('table', { name: 'Wat er veranderd is' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Aantal woningen', '4.000', '3.500', 'U'],
      ['Toelichting', 'Wacht op netaansluiting.', 'Liander onderzoekt netbewust aansluiten.', 'Een ander'],
    ]);
    // The form now holds the current case with the user's change on top.
    expect(screen.getByRole('textbox', { name: 'Aantal woningen' })).toHaveValue('4000');
    expect(screen.getByRole('textbox', { name: /Toelichting/ })).toHaveValue(
      'Liander onderzoekt netbewust aansluiten.',
    );

    await user.click(within(conflict).getByRole('button', { name: 'Mijn wijzigingen opnieuw toepassen' }));

    expect(await screen.findByText('De wijzigingen zijn opgeslagen.')).toBeInTheDocument();
    const [first, second] = api.calls('PATCH', `/api/cases/${state.item.id}`);
    expect(first?.headers.get('If-Match')).toBe('"3"');
    expect(first?.body).toEqual({ homesTotal: 4000 });
    expect(second?.headers.get('If-Match')).toBe('"4"');
    expect(second?.body).toEqual({ homesTotal: 4000 });
  });

  it('lets the user drop their changes after a 412', async () => {
    const state = {
      item: buildCaseDetail({
        projectName: 'De Stationstuinen',
        version: 1,
        permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
      }),
    };
    mockApi({
      ...routes(state),
      [`PATCH /api/cases/${state.item.id}`]: () => {
        state.item = { ...state.item, projectName: 'Stationstuinen Barendrecht', version: 2 };
        return problem(412, {
          type: 'https://doorbraak.nl/problems/precondition-failed',
          title: 'Verouderd',
        });
      },
    });
    const { user } = renderApp(`/dossiers/${state.item.id}/wijzigen`);

    const name = await screen.findByRole('textbox', { name: 'Projectnaam' });
    await user.clear(name);
    await user.type(name, 'De Stationstuinen fase 2');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    const conflict = await screen.findByRole('alert', {
      name: 'Iemand anders heeft dit dossier intussen gewijzigd',
    });
    expect(within(conflict).getByRole('row', { name: /Projectnaam/ })).toHaveTextContent('U en een ander');

    await user.click(within(conflict).getByRole('button', { name: 'Mijn wijzigingen weggooien' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveValue('Stationstuinen Barendrecht');
  });
});
