/** Every path in the app, in one place. `path` is the route pattern, `getHref` builds a link. */
export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  auth: {
    login: {
      path: '/inloggen',
      getHref: (redirectTo?: string) =>
        redirectTo ? `/inloggen?terug=${encodeURIComponent(redirectTo)}` : '/inloggen',
    },
  },
  cases: {
    list: {
      path: '/dossiers',
      getHref: (q?: string) => (q ? `/dossiers?q=${encodeURIComponent(q)}` : '/dossiers'),
    },
    new: {
      path: '/dossiers/nieuw',
      getHref: () => '/dossiers/nieuw',
    },
    detail: {
      path: '/dossiers/:id',
      getHref: (id: string) => `/dossiers/${encodeURIComponent(id)}`,
    },
  },
  mailbox: {
    path: '/mailbox',
    /** With a message id the page opens that message (`?bericht=`). */
    getHref: (messageId?: string) =>
      messageId ? `/mailbox?bericht=${encodeURIComponent(messageId)}` : '/mailbox',
  },
  accessibility: {
    path: '/toegankelijkheid',
    getHref: () => '/toegankelijkheid',
  },
} as const;

/** Only same-site paths may be used as a redirect target after login. */
export function safeRedirect(
  target: string | null | undefined,
  fallback: string = paths.cases.list.getHref(),
) {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return fallback;
  if (target.startsWith(paths.auth.login.path)) return fallback;
  return target;
}
