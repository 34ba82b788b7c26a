import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildMe } from '@/testing/factories';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp } from '@/testing/test-utils';

describe('login page', () => {
  it('shows a Dutch error summary linked to the fields when the credentials are wrong (401)', async () => {
    const api = mockApi({
      'POST /api/auth/login': () =>
        problem(401, {
          type: 'https://doorbraak.nl/problems/invalid-credentials',
          title: 'Unauthorized',
          detail: 'Onjuiste inloggegevens.',
        }),
    });
    const { user } = renderApp('/inloggen');

    await user.type(await screen.findByLabelText('E-mailadres'), 'gemeente.barendrecht@demo.doorbraak.nl');
    await user.type(screen.getByLabelText('Wachtwoord'), 'verkeerd');
    await user.click(screen.getByRole('button', { name: 'Inloggen' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'Er is een probleem' })).toBeInTheDocument();
    const link = within(summary).getByRole('link', { name: 'E-mailadres of wachtwoord onjuist' });
    expect(link).toHaveAttribute('href', '#email');
    expect(summary).toHaveFocus();

    await user.click(link);
    expect(screen.getByLabelText('E-mailadres')).toHaveFocus();

    const [login] = api.calls('POST', '/api/auth/login');
    expect(login?.body).toEqual({ email: 'gemeente.barendrecht@demo.doorbraak.nl', password: 'verkeerd' });
    expect(login?.headers.get('Accept-Language')).toBe('nl');
  });

  it('validates in Dutch before sending anything', async () => {
    const api = mockApi({});
    const { user } = renderApp('/inloggen');

    await user.click(await screen.findByRole('button', { name: 'Inloggen' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Vul een geldig e-mailadres in.' })).toHaveAttribute(
      'href',
      '#email',
    );
    expect(within(summary).getByRole('link', { name: 'Vul uw wachtwoord in.' })).toHaveAttribute(
      'href',
      '#password',
    );
    expect(screen.getByLabelText('E-mailadres')).toHaveAccessibleDescription(
      'Fout: Vul een geldig e-mailadres in.',
    );
    expect(screen.getByLabelText('E-mailadres')).toBeInvalid();
    expect(api.requests).toHaveLength(0);
  });

  it('logs in and goes to the case list', async () => {
    const me = buildMe();
    let loggedIn = false;
    mockApi({
      'POST /api/auth/login': () => {
        loggedIn = true;
        return json(200, me);
      },
      'GET /api/auth/me': () => (loggedIn ? json(200, me) : problem(401, {})),
      'GET /api/cases': () => json(200, { items: [], nextCursor: null }),
    });
    const { user, router } = renderApp('/inloggen');

    await user.type(await screen.findByLabelText('E-mailadres'), me.email);
    await user.type(screen.getByLabelText('Wachtwoord'), 'Doorbraak-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dossiers' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dossiers');
    expect(screen.getByRole('link', { name: 'Bea Barendrecht (profiel)' }).parentElement).toHaveTextContent(
      'Ingelogd als Bea Barendrecht (profiel), Gemeente Barendrecht',
    );
  });

  it('sends people without a session to the login page, and back after logging in', async () => {
    mockApi({ 'GET /api/auth/me': () => problem(401, {}) });
    const { router } = renderApp('/dossiers/nieuw');

    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/inloggen');
    expect(router.state.location.search).toBe('?terug=%2Fdossiers%2Fnieuw');
  });

  it('switches to English and remembers the choice', async () => {
    const api = mockApi({ 'POST /api/auth/login': () => problem(401, {}) });
    const { user } = renderApp('/inloggen');

    await user.click(await screen.findByRole('button', { name: 'Switch to English' }));

    // The English messages are their own chunk: they arrive a moment later.
    expect(await screen.findByRole('heading', { level: 1, name: 'Log in' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('doorbraak.language')).toBe('en');

    await user.type(screen.getByLabelText('Email address'), 'someone@example.org');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(
      await screen.findByRole('link', { name: 'Email address or password incorrect' }),
    ).toBeInTheDocument();
    expect(api.calls('POST', '/api/auth/login')[0]?.headers.get('Accept-Language')).toBe('en');
  });
});
