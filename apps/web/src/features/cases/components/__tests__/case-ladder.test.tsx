import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '@doorbraak/domain';
import { buildCaseDetail, buildEscalation, buildMe, buildOrganisation } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
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

const ORGANISATIONS = {
  regionalZh: buildOrganisation({
    name: 'Regionale versnellingstafel Zuid-Holland',
    type: 'table_secretariat',
    provinceCodes: ['PV28'],
  }),
  regionalUtrecht: buildOrganisation({
    name: 'Regionale versnellingstafel Utrecht',
    type: 'table_secretariat',
    provinceCodes: ['PV26'],
  }),
  national: buildOrganisation({ name: 'Landelijke versnellingstafel', type: 'table_secretariat' }),
  provinceZh: buildOrganisation({
    name: 'Provincie Zuid-Holland',
    type: 'province',
    provinceCodes: ['PV28'],
  }),
  vro: buildOrganisation({
    name: 'Ministerie van Volkshuisvesting en Ruimtelijke Ordening',
    shortName: 'VRO',
    type: 'ministry',
  }),
  liander: buildOrganisation({ name: 'Liander', type: 'grid_operator' }),
};

const coordinator = buildMe({
  role: 'coordinator',
  organisationName: 'Regionale versnellingstafel Zuid-Holland',
  municipalityCode: null,
  provinceCodes: ['PV28'],
});

function escalatableCase(): CaseDetail {
  return buildCaseDetail({
    status: 'in_progress',
    provinceCode: 'PV28',
    levelCode: 'woondeal_table',
    levelRank: 1,
    permissions: { edit: true, manageAssignments: true, escalate: true, comment: true },
    availableTransitions: [{ to: 'escalated', reasonRequired: false, via: 'escalation' }],
  });
}

function ladderApi(item: CaseDetail, post: (body: unknown) => Response) {
  return mockApi({
    'GET /api/auth/me': () => json(200, coordinator),
    [`GET /api/cases/${item.id}`]: () => json(200, item, { ETag: `"${item.version}"` }),
    [`GET /api/cases/${item.id}/events`]: () => json(200, { items: [] }),
    [`GET /api/cases/${item.id}/comments`]: () => json(200, { items: [] }),
    [`GET /api/cases/${item.id}/attachments`]: () => json(200, { items: [] }),
    'GET /api/reference/levels': () => json(200, LEVELS),
    'GET /api/organisations': () => json(200, { items: Object.values(ORGANISATIONS) }),
    [`POST /api/cases/${item.id}/escalations`]: ({ body }) => post(body),
  });
}

const optionTexts = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

async function openEscalateForm(user: ReturnType<typeof renderApp>['user']) {
  const ladder = await screen.findByRole('region', { name: 'Ladder' });
  await user.click(within(ladder).getByRole('button', { name: 'Opschalen' }));
  const form = within(ladder).getByRole('form', { name: 'Opschalen' });
  return { ladder, form };
}

describe('case ladder: the owner organisation of an escalation', () => {
  it('offers the organisations that fit the chosen level and sends the chosen owner', async () => {
    const item = escalatableCase();
    const api = ladderApi(item, () =>
      json(201, buildEscalation({ caseId: item.id, toLevel: 'national_table' })),
    );
    const { user } = renderApp(`/dossiers/${item.id}`);
    const { ladder, form } = await openEscalateForm(user);

    const owner = within(form).getByRole('combobox', { name: /Eigenaar op dat niveau/ });
    expect(owner).toHaveAccessibleDescription(/secretariaat van de tafel/);
    // The regional table of the case's own province, and that province; not Utrecht, not Liander.
    await within(owner).findByRole('option', { name: 'Provincie Zuid-Holland' });
    expect(optionTexts(owner)).toEqual([
      'Nog niet bepalen',
      'Provincie Zuid-Holland',
      'Regionale versnellingstafel Zuid-Holland',
    ]);

    const fetchedBefore = api.calls('GET', '/api/organisations').length;
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Naar niveau' }),
      'Landelijke versnellingstafel',
    );
    expect(optionTexts(owner)).toEqual([
      'Nog niet bepalen',
      'Landelijke versnellingstafel',
      'Ministerie van Volkshuisvesting en Ruimtelijke Ordening (VRO)',
    ]);
    // The same list of organisations serves every level: choosing another fetches nothing.
    expect(api.calls('GET', '/api/organisations')).toHaveLength(fetchedBefore);
    await user.selectOptions(owner, 'Landelijke versnellingstafel');
    await user.type(
      within(form).getByRole('textbox', { name: 'Vraag aan dat niveau' }),
      'Kan het Rijk de netaansluiting versnellen?',
    );
    await user.click(within(form).getByRole('button', { name: 'Opschaling versturen' }));

    expect(
      await within(ladder).findByText('Het dossier is opgeschaald naar Landelijke versnellingstafel.'),
    ).toBeInTheDocument();
    expect(api.calls('POST', `/api/cases/${item.id}/escalations`)[0]?.body).toEqual({
      toLevel: 'national_table',
      ownerOrganisationId: ORGANISATIONS.national.id,
      question: 'Kan het Rijk de netaansluiting versnellen?',
    });
  });

  it('clears an owner that does not fit a newly chosen level; without one no owner is sent', async () => {
    const item = escalatableCase();
    const api = ladderApi(item, () => json(201, buildEscalation({ caseId: item.id })));
    const { user } = renderApp(`/dossiers/${item.id}`);
    const { ladder, form } = await openEscalateForm(user);

    const owner = within(form).getByRole('combobox', { name: /Eigenaar op dat niveau/ });
    await within(owner).findByRole('option', { name: 'Regionale versnellingstafel Zuid-Holland' });
    await user.selectOptions(owner, 'Regionale versnellingstafel Zuid-Holland');
    expect(owner).toHaveValue(ORGANISATIONS.regionalZh.id);

    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Naar niveau' }),
      'Ministeriële Taskforce Versnellen Woningbouw',
    );
    expect(owner).toHaveValue('');
    expect(optionTexts(owner)).toEqual([
      'Nog niet bepalen',
      'Landelijke versnellingstafel',
      'Ministerie van Volkshuisvesting en Ruimtelijke Ordening (VRO)',
    ]);
    await user.type(within(form).getByRole('textbox', { name: 'Vraag aan dat niveau' }), 'Besluit nodig.');
    await user.click(within(form).getByRole('button', { name: 'Opschaling versturen' }));

    await within(ladder).findByText(/Het dossier is opgeschaald naar/);
    expect(api.calls('POST', `/api/cases/${item.id}/escalations`)[0]?.body).toEqual({
      toLevel: 'ministerial_taskforce',
      question: 'Besluit nodig.',
    });
  });

  it("shows the api's Dutch message on the owner field when the organisation is refused", async () => {
    const item = escalatableCase();
    ladderApi(item, () =>
      problem(400, {
        type: 'https://doorbraak.nl/problems/validation',
        title: 'Ongeldige invoer',
        errors: [
          {
            field: 'ownerOrganisationId',
            code: 'unknown',
            message: 'Onbekende organisatie; kies een organisatie uit de lijst.',
          },
        ],
      }),
    );
    const { user } = renderApp(`/dossiers/${item.id}`);
    const { form } = await openEscalateForm(user);

    const owner = within(form).getByRole('combobox', { name: /Eigenaar op dat niveau/ });
    await within(owner).findByRole('option', { name: 'Provincie Zuid-Holland' });
    await user.selectOptions(owner, 'Provincie Zuid-Holland');
    await user.type(
      within(form).getByRole('textbox', { name: 'Vraag aan dat niveau' }),
      'Graag een besluit.',
    );
    await user.click(within(form).getByRole('button', { name: 'Opschaling versturen' }));

    await within(form).findByRole('link', {
      name: 'Onbekende organisatie; kies een organisatie uit de lijst.',
    });
    expect(owner).toHaveAttribute('aria-invalid', 'true');
    expect(owner).toHaveAccessibleDescription(/Onbekende organisatie/);
  });
});
