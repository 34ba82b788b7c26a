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
      /** With a query string (`q=…&status=…`, see the list filters) the list opens filtered. */
      getHref: (search?: string) => (search ? `/dossiers?${search.replace(/^\?/, '')}` : '/dossiers'),
    },
    new: {
      path: '/dossiers/nieuw',
      getHref: () => '/dossiers/nieuw',
    },
    detail: {
      path: '/dossiers/:id',
      /** With a section id (`partijen`, `ladder`, …) the page opens at that section. */
      getHref: (id: string, section?: string) =>
        `/dossiers/${encodeURIComponent(id)}${section ? `#${encodeURIComponent(section)}` : ''}`,
    },
    edit: {
      path: '/dossiers/:id/wijzigen',
      getHref: (id: string) => `/dossiers/${encodeURIComponent(id)}/wijzigen`,
    },
  },
  breakthroughs: {
    path: '/doorbraken',
    getHref: () => '/doorbraken',
  },
  insight: {
    path: '/inzicht',
    /** With a query string (`province=PV28&from=2026-01`, the dashboard filters) it opens filtered. */
    getHref: (search?: string) => (search ? `/inzicht?${search.replace(/^\?/, '')}` : '/inzicht'),
  },
  mailbox: {
    path: '/mailbox',
    /** With a message id the page opens that message (`?bericht=`). */
    getHref: (messageId?: string) =>
      messageId ? `/mailbox?bericht=${encodeURIComponent(messageId)}` : '/mailbox',
  },
  myWork: {
    path: '/',
    getHref: () => '/',
  },
  profile: {
    path: '/profiel',
    getHref: () => '/profiel',
  },
  admin: {
    index: { path: '/beheer', getHref: () => '/beheer' },
    organisations: { path: '/beheer/organisaties', getHref: () => '/beheer/organisaties' },
    users: { path: '/beheer/gebruikers', getHref: () => '/beheer/gebruikers' },
    regions: { path: '/beheer/regios', getHref: () => '/beheer/regios' },
    knelpuntTypes: { path: '/beheer/knelpunttypen', getHref: () => '/beheer/knelpunttypen' },
    deadlinePolicies: { path: '/beheer/termijnen', getHref: () => '/beheer/termijnen' },
    holidays: { path: '/beheer/feestdagen', getHref: () => '/beheer/feestdagen' },
    deliveries: { path: '/beheer/e-mails', getHref: () => '/beheer/e-mails' },
  },
  actionLink: {
    path: '/actie/:token',
    getHref: (token: string) => `/actie/${encodeURIComponent(token)}`,
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
