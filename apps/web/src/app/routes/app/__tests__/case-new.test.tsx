import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCaseDetail, buildMe } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

function setCsrfCookie(value: string) {
  document.cookie = `doorbraak_csrf=${value}; path=/`;
}

type User = ReturnType<typeof renderApp>['user'];

const stepHeading = (number: number, title: string) =>
  screen.findByRole('heading', { level: 2, name: `Stap ${number} van 6 ${title}` });

const next = (user: User) => user.click(screen.getByRole('button', { name: 'Volgende stap' }));

/** Steps 1–4 with valid input (municipality preselected for a municipality user). */
async function fillValidSteps(user: User) {
  await user.type(await screen.findByRole('textbox', { name: 'Projectnaam' }), '  De Stationstuinen ');
  await user.click(screen.getByRole('radio', { name: 'Doorbraaklocatie' }));
  await next(user);
  await stepHeading(2, 'Gemeente');
  await next(user);
  await stepHeading(3, 'Woningen');
  await user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), '3.500');
  await user.type(screen.getByRole('textbox', { name: /Waarvan sociaal of betaalbaar/ }), '1200');
  await next(user);
  await stepHeading(4, 'Knelpunt');
  await user.click(screen.getByRole('checkbox', { name: 'Netcongestie' }));
  await user.click(screen.getByRole('checkbox', { name: 'Stikstof' }));
  await user.type(screen.getByRole('textbox', { name: /Toelichting/ }), 'Wacht op netaansluiting.');
  await next(user);
  await stepHeading(5, 'Bijlagen');
}

/**
 * XMLHttpRequest at the network boundary (the upload reports progress, which fetch cannot): each
 * send answers from `answer`, after one progress event.
 */
function mockUploads(answer: (file: File, url: string) => { status: number; body: unknown }) {
  const sent: { url: string; file: File; headers: Record<string, string> }[] = [];
  class FakeXhr {
    status = 0;
    statusText = '';
    responseText = '';
    withCredentials = false;
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(form: FormData) {
      const file = form.get('file') as File;
      sent.push({ url: this.url, file, headers: this.headers });
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 2 } as ProgressEvent);
        const { status, body } = answer(file, this.url);
        this.status = status;
        this.responseText = JSON.stringify(body);
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Melden (new case, six steps)', () => {
  it('validates each step with a linked error summary, moves focus, and keeps data on Back', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ role: 'coordinator', municipalityCode: null })),
    });
    const { user } = renderApp('/dossiers/nieuw');

    const steps = await screen.findByRole('list', { name: 'Stappen van de melding' });
    expect(within(steps).getAllByRole('listitem')).toHaveLength(6);
    expect(steps.querySelector('[aria-current="step"]')).toHaveTextContent('Project (huidige stap)');

    // Step 1: nothing filled in.
    await next(user);
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveFocus();
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([['Vul de projectnaam in.', '#projectName']]);
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveAccessibleDescription(
      'Fout: Vul de projectnaam in.',
    );
    await user.click(within(summary).getByRole('link', { name: 'Vul de projectnaam in.' }));
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveFocus();

    await user.type(screen.getByRole('textbox', { name: 'Projectnaam' }), 'Havenkwartier');
    expect(screen.getByRole('radio', { name: 'Geen' })).toBeChecked();
    await next(user);

    // Step 2: the heading takes focus; a municipality must be chosen from the list.
    expect(await stepHeading(2, 'Gemeente')).toHaveFocus();
    expect(steps.querySelector('[aria-current="step"]')).toHaveTextContent('Gemeente');
    expect(within(steps).getByText('Project').parentElement).toHaveTextContent('Project (afgerond)');
    await next(user);
    expect(await screen.findByRole('link', { name: 'Kies een gemeente.' })).toHaveAttribute(
      'href',
      '#municipalityCode',
    );

    const combobox = screen.getByRole('combobox', { name: 'Gemeente' });
    await user.type(combobox, 'barend');
    expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const listbox = screen.getByRole('listbox', { name: 'Gemeente' });
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Barendrecht Zuid-Holland']);
    await user.keyboard('{ArrowDown}');
    expect(combobox).toHaveAttribute(
      'aria-activedescendant',
      within(listbox).getByRole('option', { name: /Barendrecht/ }).id,
    );
    await user.keyboard('{Enter}');
    expect(combobox).toHaveValue('Barendrecht');
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(combobox).toHaveAccessibleDescription(/Gekozen: Barendrecht \(Zuid-Holland\)\./);
    await next(user);

    // Step 3: homes must be a whole number; social/affordable may not exceed the total.
    await stepHeading(3, 'Woningen');
    await user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), 'veel');
    await next(user);
    expect(
      await screen.findByRole('link', { name: /Vul het aantal woningen in als heel getal/ }),
    ).toBeVisible();
    await user.clear(screen.getByRole('textbox', { name: 'Aantal woningen' }));
    await user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), '100');
    await user.type(screen.getByRole('textbox', { name: /Waarvan sociaal of betaalbaar/ }), '150');
    await next(user);
    expect(
      await screen.findByRole('link', {
        name: 'Het aantal sociale of betaalbare woningen mag niet groter zijn dan het totaal.',
      }),
    ).toHaveAttribute('href', '#homesSocialOrAffordable');

    // Back keeps what was entered, on every step.
    await user.click(screen.getByRole('button', { name: 'Vorige stap' }));
    expect(await stepHeading(2, 'Gemeente')).toHaveFocus();
    expect(screen.getByRole('combobox', { name: 'Gemeente' })).toHaveValue('Barendrecht');
    await user.click(screen.getByRole('button', { name: 'Vorige stap' }));
    await stepHeading(1, 'Project');
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveValue('Havenkwartier');
    await next(user);
    await next(user);
    await stepHeading(3, 'Woningen');
    expect(screen.getByRole('textbox', { name: 'Aantal woningen' })).toHaveValue('100');

    // Step 4: at least one knelpunt.
    await user.clear(screen.getByRole('textbox', { name: /Waarvan sociaal of betaalbaar/ }));
    await next(user);
    await stepHeading(4, 'Knelpunt');
    await next(user);
    expect(await screen.findByRole('link', { name: 'Kies minstens één knelpunt.' })).toHaveAttribute(
      'href',
      '#knelpuntTypes',
    );
    expect(screen.getByRole('group', { name: 'Knelpunten' })).toHaveAccessibleDescription(
      'Kies een of meer knelpunten. Fout: Kies minstens één knelpunt.',
    );
    expect(api.calls('POST', '/api/cases')).toHaveLength(0);
  });

  it('restores the draft after a remount and deletes it on request', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ userId: '11111111-1111-4111-8111-111111111111' })),
    });
    const first = renderApp('/dossiers/nieuw');
    await first.user.type(await screen.findByRole('textbox', { name: 'Projectnaam' }), 'Concept Noord');
    await next(first.user);
    await stepHeading(2, 'Gemeente');
    await next(first.user);
    await stepHeading(3, 'Woningen');
    await first.user.type(screen.getByRole('textbox', { name: 'Aantal woningen' }), '240');
    first.unmount();
    expect(
      window.localStorage.getItem('doorbraak.draft.melden.11111111-1111-4111-8111-111111111111'),
    ).toContain('Concept Noord');

    const second = renderApp('/dossiers/nieuw');
    expect(
      await screen.findByText(
        /Uw concept is hersteld\. .*Gekozen bestanden worden niet in het concept bewaard/,
      ),
    ).toBeVisible();
    await stepHeading(3, 'Woningen');
    expect(screen.getByRole('textbox', { name: 'Aantal woningen' })).toHaveValue('240');
    await second.user.click(screen.getByRole('button', { name: 'Vorige stap' }));
    await second.user.click(screen.getByRole('button', { name: 'Vorige stap' }));
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveValue('Concept Noord');

    await second.user.click(screen.getByRole('button', { name: 'Concept verwijderen' }));
    expect(screen.getByText(/Weet u zeker dat u het concept wilt verwijderen/)).toHaveFocus();
    await second.user.click(screen.getByRole('button', { name: 'Ja, concept verwijderen' }));
    expect(await screen.findByText('Het concept is verwijderd.')).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'Projectnaam' })).toHaveValue('');
    expect(
      window.localStorage.getItem('doorbraak.draft.melden.11111111-1111-4111-8111-111111111111'),
    ).toBeNull();
  });

  it('shows the entered data on the summary, posts the right payload and clears the draft', async () => {
    setCsrfCookie('csrf-token-123');
    const created = buildCaseDetail({ projectName: 'De Stationstuinen', homesTotal: 3500 });
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ userId: '22222222-2222-4222-8222-222222222222' })),
      'POST /api/cases': () => json(201, created),
    });
    const { user, router } = renderApp('/dossiers/nieuw');
    await fillValidSteps(user);
    expect(screen.getByText(/niet in het concept bewaard/)).toBeVisible();
    await next(user);

    expect(await stepHeading(6, 'Controleren en versturen')).toHaveFocus();
    const rows = Object.fromEntries(
      screen.getAllByRole('term').map((term) => [term.textContent, term.nextElementSibling?.textContent]),
    );
    expect(rows).toEqual({
      Projectnaam: 'De Stationstuinen',
      Locatieprogramma: 'Doorbraaklocatie',
      Gemeente: 'Barendrecht (Zuid-Holland)',
      'Aantal woningen': '3.500',
      'Waarvan sociaal of betaalbaar': '1.200',
      Knelpunten: 'Netcongestie, Stikstof',
      Toelichting: 'Wacht op netaansluiting.',
      Bijlagen: 'Niet ingevuld',
    });

    // Change goes back to that step; Next returns here.
    await user.click(screen.getByRole('button', { name: 'Wijzigen: Aantal woningen' }));
    expect(await stepHeading(3, 'Woningen')).toHaveFocus();
    await next(user);
    await next(user);
    await next(user);
    await stepHeading(6, 'Controleren en versturen');

    await user.click(screen.getByRole('button', { name: 'Knelpunt melden' }));
    expect(await screen.findByRole('heading', { level: 1, name: /De Stationstuinen/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/dossiers/${created.id}`);
    const [post] = api.calls('POST', '/api/cases');
    expect(post?.body).toEqual({
      projectName: 'De Stationstuinen',
      municipalityCode: 'GM0489',
      homesTotal: 3500,
      homesSocialOrAffordable: 1200,
      knelpuntTypes: ['grid_congestion', 'nitrogen'],
      description: 'Wacht op netaansluiting.',
      locationProgramme: 'doorbraaklocatie',
    });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-token-123');
    expect(
      window.localStorage.getItem('doorbraak.draft.melden.22222222-2222-4222-8222-222222222222'),
    ).toBeNull();
  });

  it('puts server validation errors on the step of their field', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'POST /api/cases': () =>
        problem(400, {
          type: 'https://doorbraak.nl/problems/validation',
          title: 'Ongeldige invoer',
          errors: [
            { field: 'projectName', code: 'custom', message: 'Deze projectnaam bestaat al in Barendrecht.' },
          ],
        }),
    });
    const { user } = renderApp('/dossiers/nieuw');
    await fillValidSteps(user);
    await next(user);
    await user.click(await screen.findByRole('button', { name: 'Knelpunt melden' }));

    await stepHeading(1, 'Project');
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(
      within(summary).getByRole('link', { name: 'Deze projectnaam bestaat al in Barendrecht.' }),
    ).toHaveAttribute('href', '#projectName');
  });

  it('uploads the chosen files after the case exists, per file, and keeps the case when one fails', async () => {
    setCsrfCookie('csrf-token-456');
    const created = buildCaseDetail({ projectName: 'De Stationstuinen' });
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'POST /api/cases': () => json(201, created),
    });
    let refuse = true;
    const uploads = mockUploads((file) =>
      file.name === 'groot.pdf' && refuse
        ? {
            status: 413,
            body: { type: 'about:blank', title: 'Te groot', status: 413, detail: 'Het bestand is te groot.' },
          }
        : {
            status: 201,
            body: {
              id: '5b7f9e3c-1c1e-4a43-9d1d-2b0e6f5a0c11',
              caseId: created.id,
              filename: file.name,
              contentType: 'text/plain',
              sizeBytes: file.size,
              sha256: 'ab'.repeat(32),
              visibility: 'shared',
              uploadedBy: 'Bea Barendrecht',
              createdAt: '2026-01-05T10:00:00.000Z',
            },
          },
    );
    const { user, router } = renderApp('/dossiers/nieuw');
    await fillValidSteps(user);
    await user.upload(screen.getByLabelText(/Bestanden kiezen/), [
      new File(['brief'], 'brief.txt', { type: 'text/plain' }),
      new File(['pdf'], 'groot.pdf', { type: 'application/pdf' }),
    ]);
    const chosen = screen.getByRole('list', { name: 'Gekozen bestanden' });
    expect(
      within(chosen)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Verwijderen: brief.txt', 'Verwijderen: groot.pdf']);
    await next(user);
    await stepHeading(6, 'Controleren en versturen');
    expect(screen.getByText('brief.txt, groot.pdf')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Knelpunt melden' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Bijlagen uploaden' })).toHaveFocus();
    expect(await screen.findByText('Mislukt: Het bestand is te groot.')).toBeVisible();
    expect(screen.getByText('Geüpload')).toBeVisible();
    expect(screen.getByText(/Uw melding is wel opgeslagen/)).toBeVisible();
    expect(uploads.map((u) => [u.url, u.file.name, u.headers['X-CSRF-Token']])).toEqual([
      [`/api/cases/${created.id}/attachments`, 'brief.txt', 'csrf-token-456'],
      [`/api/cases/${created.id}/attachments`, 'groot.pdf', 'csrf-token-456'],
    ]);
    expect(api.calls('POST', '/api/cases')).toHaveLength(1);
    expect(router.state.location.pathname).toBe('/dossiers/nieuw');

    // Retry succeeds: every file is there, so the case opens.
    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Opnieuw proberen: groot.pdf' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/dossiers/${created.id}`));
    expect(api.calls('POST', '/api/cases')).toHaveLength(1);
  });

  it('tells users without the right role that they cannot report', async () => {
    mockApi({ 'GET /api/auth/me': () => json(200, buildMe({ role: 'party', municipalityCode: null })) });
    renderApp('/dossiers/nieuw');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'U kunt geen knelpunt melden' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Nieuw knelpunt melden' })).not.toBeInTheDocument();
  });
});
