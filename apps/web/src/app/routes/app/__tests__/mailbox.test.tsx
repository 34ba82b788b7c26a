import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMailboxMessage, buildMe } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const admin = () => buildMe({ role: 'admin', municipalityCode: null, name: 'Ada Admin' });

describe('mailbox', () => {
  it('shows an admin the sent emails in a table and opens one as plain text', async () => {
    const reminder = buildMailboxMessage({
      receivedAt: '2026-11-20T10:05:00.000Z',
      messageId: '<herinnering-1@doorbraak.local>',
      from: 'Doorbraak <noreply@doorbraak.local>',
      to: ['gemeente.barendrecht@demo.doorbraak.nl', 'rijk@demo.doorbraak.nl'],
      subject: 'Herinnering: De Stationstuinen wacht op u',
      text: 'Beste Bea,\n\nHet knelpunt DB-2026-0001 wacht op uw reactie.\n',
      html: '<p>Beste Bea,</p><script>alert(1)</script><p class="from-html">HTML-deel</p>',
    });
    const older = buildMailboxMessage({
      subject: 'Welkom bij Doorbraak',
      receivedAt: '2026-11-19T08:00:00.000Z',
    });
    const api = mockApi({
      'GET /api/auth/me': () => json(200, admin()),
      'GET /api/cases': () => json(200, { items: [], nextCursor: null }),
      'GET /api/dev/mailbox': () => json(200, { items: [reminder, older] }),
      'GET /api/me/work': () =>
        json(200, { overdue: [], dueSoon: [], open: [], counts: { overdue: 0, dueSoon: 0, open: 0 } }),
    });
    const { user, router } = renderApp('/dossiers');

    // Admins find the mailbox in the main menu.
    const nav = await screen.findByRole('navigation', { name: 'Hoofdmenu' });
    await user.click(within(nav).getByRole('link', { name: 'Mailbox' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Mailbox' });
    await waitFor(() => expect(heading).toHaveFocus());
    const table = await screen.findByRole('table', { name: 'Verstuurde e-mails, nieuwste eerst' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Ontvangen', 'Aan', 'Onderwerp']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Herinnering: De Stationstuinen wacht op u',
      'Welkom bij Doorbraak',
    ]);
    const first = rows[0] as HTMLElement;
    expect(within(first).getByText(/^20 nov 2026, \d\d:05:00$/)).toHaveAttribute(
      'datetime',
      '2026-11-20T10:05:00.000Z',
    );
    expect(
      within(first).getByText('gemeente.barendrecht@demo.doorbraak.nl, rijk@demo.doorbraak.nl'),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('2 e-mails in de mailbox');

    await user.click(within(first).getByRole('link', { name: 'Herinnering: De Stationstuinen wacht op u' }));

    expect(router.state.location.pathname).toBe('/mailbox');
    expect(router.state.location.search).toBe(`?bericht=${reminder.id}`);
    const message = await screen.findByRole('region', { name: 'Herinnering: De Stationstuinen wacht op u' });
    expect(within(message).getByRole('heading', { level: 2 })).toHaveFocus();
    expect(within(first).getByRole('link', { current: true })).toBeInTheDocument();
    const details = within(message)
      .getAllByRole('term')
      .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(details).toEqual([
      ['Van', 'Doorbraak <noreply@doorbraak.local>'],
      ['Aan', 'gemeente.barendrecht@demo.doorbraak.nl, rijk@demo.doorbraak.nl'],
      ['Onderwerp', 'Herinnering: De Stationstuinen wacht op u'],
      ['Ontvangen', expect.stringMatching(/^20 nov 2026, \d\d:05:00$/)],
      ['Message-ID', '<herinnering-1@doorbraak.local>'],
    ]);
    const body = within(message).getByText(/Het knelpunt DB-2026-0001 wacht op uw reactie\./);
    expect(body.tagName).toBe('PRE');
    expect(body.textContent).toBe(reminder.text);
    // The HTML part is never rendered.
    expect(document.querySelector('.from-html')).toBeNull();
    expect(document.querySelector('main script')).toBeNull();
    expect(within(message).getByText(/Hier staat alleen de tekstversie/)).toBeInTheDocument();
    expect(document.title).toBe('Herinnering: De Stationstuinen wacht op u – Mailbox | Doorbraak');

    // Closing the message returns focus to its link in the table.
    await user.click(within(message).getByRole('link', { name: 'E-mail sluiten' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: /Herinnering/ })).not.toBeInTheDocument(),
    );
    expect(
      within(table).getByRole('link', { name: 'Herinnering: De Stationstuinen wacht op u' }),
    ).toHaveFocus();
    expect(router.state.location.search).toBe('');
    expect(api.unhandled).toEqual([]);
  });

  it('says no emails were sent yet, and "Vernieuwen" asks again', async () => {
    let items: unknown[] = [];
    const api = mockApi({
      'GET /api/auth/me': () => json(200, admin()),
      'GET /api/dev/mailbox': () => json(200, { items }),
    });
    const { user } = renderApp('/mailbox');

    expect(await screen.findByText('Nog geen e-mails verstuurd.')).toHaveRole('status');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    items = [buildMailboxMessage({ subject: 'Nieuw knelpunt gemeld' })];
    const callsBefore = api.calls('GET', '/api/dev/mailbox').length;
    await user.click(screen.getByRole('button', { name: 'Vernieuwen' }));

    expect(await screen.findByRole('link', { name: 'Nieuw knelpunt gemeld' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 e-mail in de mailbox');
    expect(api.calls('GET', '/api/dev/mailbox').length).toBe(callsBefore + 1);
  });

  it('tells users who are not admins that only beheerders can see the mailbox', async () => {
    const api = mockApi({ 'GET /api/auth/me': () => json(200, buildMe({ role: 'coordinator' })) });
    renderApp('/mailbox');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mailbox' })).toBeInTheDocument();
    expect(screen.getByText('Alleen beheerders kunnen de mailbox zien.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(nav).queryByRole('link', { name: 'Mailbox' })).not.toBeInTheDocument();
    expect(api.calls('GET', '/api/dev/mailbox')).toHaveLength(0);
  });

  it('says the mailbox is off when the app sends real email (404)', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, admin()),
      'GET /api/dev/mailbox': () =>
        problem(404, {
          title: 'Not Found',
          detail: 'De ingebouwde mailbox staat uit: SMTP_URL is ingesteld.',
        }),
    });
    renderApp('/mailbox');

    expect(
      await screen.findByText(
        'De ingebouwde mailbox staat uit: deze omgeving verstuurt echte e-mail (SMTP_URL).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Vernieuwen' })).not.toBeInTheDocument();
  });

  it('shows the non-admin message when the api answers 403', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, admin()),
      'GET /api/dev/mailbox': () => problem(403, { title: 'Forbidden' }),
    });
    renderApp('/mailbox');

    expect(await screen.findByText('Alleen beheerders kunnen de mailbox zien.')).toBeInTheDocument();
  });
});
