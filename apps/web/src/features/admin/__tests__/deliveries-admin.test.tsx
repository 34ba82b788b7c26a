import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Delivery } from '@doorbraak/domain';
import '@/lib/i18n/messages.admin';
import { json, mockApi, problem } from '@/testing/mock-api';
import { DeliveriesAdmin } from '../components/deliveries-admin';

const delivery = (overrides: Partial<Delivery>): Delivery => ({
  id: '20000000-0000-4000-8000-000000000001',
  kind: 'reminder',
  caseId: null,
  threshold: 'breach',
  recipientEmail: 'contact@partij.example',
  status: 'sent',
  attempts: 1,
  lastError: null,
  createdAt: '2026-11-26T09:15:00.000Z',
  sentAt: '2026-11-26T09:15:02.000Z',
  ...overrides,
});

const unconfirmed = delivery({
  id: '20000000-0000-4000-8000-000000000002',
  recipientEmail: 'onbevestigd@partij.example',
  status: 'unconfirmed',
  lastError: 'The sender stopped between the final "." and the reply',
  sentAt: null,
});
const failed = delivery({
  id: '20000000-0000-4000-8000-000000000003',
  kind: 'digest',
  recipientEmail: 'mislukt@partij.example',
  status: 'failed',
  attempts: 5,
  lastError: 'SMTP 550 mailbox unavailable',
  sentAt: null,
});
const sent = delivery({});

function renderDeliveries() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={queryClient}>
      <DeliveriesAdmin />
    </QueryClientProvider>,
  );
  return { user };
}

describe('the email outbox in Beheer', () => {
  it('shows unconfirmed emails in Dutch and resends one through the api; the list then says it is queued', async () => {
    let items: Delivery[] = [unconfirmed, failed, sent];
    const api = mockApi({
      'GET /api/admin/deliveries': () => json(200, { items }),
      [`POST /api/admin/deliveries/${unconfirmed.id}/resend`]: () => {
        const queued = { ...unconfirmed, status: 'queued', lastError: null };
        items = [queued, failed, sent];
        return json(202, queued);
      },
    });
    const { user } = renderDeliveries();

    const table = await screen.findByRole('table', { name: 'E-mails, de nieuwste eerst' });
    const row = within(table).getByRole('row', { name: /onbevestigd@partij\.example/ });
    expect(within(row).getByText('Onbevestigd')).toBeInTheDocument();
    expect(within(row).getByText(/waarschijnlijk ontvangen/)).toBeInTheDocument();
    const failedRow = within(table).getByRole('row', { name: /mislukt@partij\.example/ });
    expect(within(failedRow).getByText('Mislukt')).toBeInTheDocument();
    expect(within(failedRow).getByText('Dagelijks overzicht')).toBeInTheDocument();
    expect(
      within(failedRow).getByRole('button', { name: 'Opnieuw versturen aan mislukt@partij.example' }),
    ).toBeEnabled();
    // A sent email cannot be sent again.
    const sentRow = within(table).getByRole('row', { name: /contact@partij\.example/ });
    expect(within(sentRow).getByText('Verstuurd')).toBeInTheDocument();
    expect(within(sentRow).queryByRole('button')).not.toBeInTheDocument();

    await user.click(
      within(row).getByRole('button', { name: 'Opnieuw versturen aan onbevestigd@partij.example' }),
    );

    const message = await screen.findByRole('status');
    expect(message).toHaveTextContent('De e-mail aan onbevestigd@partij.example wordt opnieuw verstuurd.');
    await waitFor(() => expect(message).toHaveFocus());
    expect(api.calls('POST', `/api/admin/deliveries/${unconfirmed.id}/resend`)).toHaveLength(1);
    const again = await screen.findByRole('row', { name: /onbevestigd@partij\.example/ });
    await waitFor(() => expect(within(again).getByText('In de wachtrij')).toBeInTheDocument());
    expect(within(again).queryByRole('button')).not.toBeInTheDocument();
    expect(api.unhandled).toEqual([]);
  });

  it('narrows the list by status through the api', async () => {
    const api = mockApi({
      'GET /api/admin/deliveries': (request) =>
        json(200, {
          items: request.url.searchParams.get('status') === 'unconfirmed' ? [unconfirmed] : [sent],
        }),
    });
    const { user } = renderDeliveries();
    await screen.findByRole('row', { name: /contact@partij\.example/ });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Onbevestigd');
    await screen.findByRole('row', { name: /onbevestigd@partij\.example/ });
    expect(screen.queryByRole('row', { name: /contact@partij\.example/ })).not.toBeInTheDocument();
    expect(api.requests.map((r) => r.url.searchParams.get('status'))).toContain('unconfirmed');
  });

  it('says why when the api refuses the resend', async () => {
    mockApi({
      'GET /api/admin/deliveries': () => json(200, { items: [failed] }),
      [`POST /api/admin/deliveries/${failed.id}/resend`]: () =>
        problem(409, {
          type: 'https://doorbraak.nl/problems/conflict/delivery-not-resendable',
          title: 'Niet opnieuw te versturen',
          detail: 'Deze e-mail heeft de status "sent".',
        }),
    });
    const { user } = renderDeliveries();
    await user.click(
      await screen.findByRole('button', { name: 'Opnieuw versturen aan mislukt@partij.example' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deze e-mail heeft de status "sent".');
  });
});
