import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '@/testing/factories';
import { json, mockApi } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

const emptyWork = { overdue: [], dueSoon: [], open: [], counts: { overdue: 0, dueSoon: 0, open: 0 } };

describe('Profiel', () => {
  it('opens from the user name, saves the preferences and switches the language', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => json(200, buildMe({ name: 'Bea Barendrecht' })),
      'GET /api/me/work': () => json(200, emptyWork),
      'GET /api/me/profile': () => json(200, { language: 'nl', notificationMode: 'immediate' }),
      'PATCH /api/me/profile': () => json(200, { language: 'en', notificationMode: 'digest' }),
    });
    const { user, router } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: 'Bea Barendrecht (profiel)' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/profiel'));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Profiel' });
    await waitFor(() => expect(heading).toHaveFocus());

    const language = await screen.findByRole('group', { name: 'Taal' });
    expect(within(language).getByRole('radio', { name: 'Nederlands' })).toBeChecked();
    const mode = screen.getByRole('group', { name: 'E-mailmeldingen' });
    expect(within(mode).getByRole('radio', { name: /Direct/ })).toBeChecked();

    await user.click(within(language).getByRole('radio', { name: 'English' }));
    await user.click(within(mode).getByRole('radio', { name: /Dagelijks overzicht/ }));
    await user.click(screen.getByRole('button', { name: 'Voorkeuren opslaan' }));

    expect(await screen.findByText('Your preferences have been saved.')).toBeInTheDocument();
    expect(api.calls('PATCH', '/api/me/profile')[0]?.body).toEqual({
      language: 'en',
      notificationMode: 'digest',
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Profile' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });
});
