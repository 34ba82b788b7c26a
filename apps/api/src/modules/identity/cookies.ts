import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'doorbraak_session';
export const CSRF_COOKIE = 'doorbraak_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookies(
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: Date },
  secure: boolean,
): void {
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
  void reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by the web app, which echoes it in the X-CSRF-Token header (double submit, bound to the session).
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'lax', secure, httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'lax', secure });
}

/** The OIDC login state, bound to the browser that started the login (single-use, 10 minutes). */
export const OIDC_COOKIE = 'doorbraak_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';
