import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '@/testing/factories';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const emptyWork = { overdue: [], dueSoon: [], open: [], counts: { overdue: 0, dueSoon: 0, open: 0 } };

describe('Uitloggen', () => {
  it('removes the drafts kept in this browser, and keeps other settings', async () => {
    window.localStorage.setItem(
      'doorbraak.draft.melden.11111111-1111-4111-8111-111111111111',
      '{"version":1}',
    );
    window.localStorage.setItem('doorbraak.language', 'nl');
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe()),
      'GET /api/me/work': () => json(200, emptyWork),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    const { user, router } = renderApp('/');

    await user.click(await screen.findByRole('button', { name: 'Uitloggen' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/inloggen'));
    expect(api.calls('POST', '/api/auth/logout')).toHaveLength(1);
    expect(
      window.localStorage.getItem('doorbraak.draft.melden.11111111-1111-4111-8111-111111111111'),
    ).toBeNull();
    expect(window.localStorage.getItem('doorbraak.language')).toBe('nl');
  });
});
