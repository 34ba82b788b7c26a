import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { paths } from '@/config/paths';
import { getMeQueryOptions } from '@/features/auth/api/get-me';
import { authKeys } from '@/features/auth/api/query-keys';
import { createQueryClient, type QueryClientOptions } from '@/lib/react-query';
import { AppProvider } from './provider';
import { createRoutes } from './router';

/** A query client that forgets the user when the api says the session is gone (401). */
export function createAppQueryClient(options: Omit<QueryClientOptions, 'onUnauthenticated'> = {}) {
  const queryClient = createQueryClient({
    ...options,
    onUnauthenticated: () => queryClient.setQueryData(authKeys.me(), null),
  });
  return queryClient;
}

/**
 * The first page's data, requested while the route chunks download instead of after them: the
 * session (every logged-in page's layout waits for it) and, on the dossier list, its first page.
 * Without this the list is four round trips deep (entry, chunks, session, list); Lighthouse's
 * mobile run counts each one. Public pages (login, action link, accessibility) ask for nothing.
 */
function prefetchFirstPage(queryClient: QueryClient, location: Location): void {
  const path = location.pathname;
  // The action link's pages: its path up to the token.
  const isPublic = [paths.auth.login.path, paths.accessibility.path, paths.actionLink.getHref('')].some((p) =>
    path.startsWith(p),
  );
  if (isPublic) return;
  void queryClient.prefetchQuery(getMeQueryOptions());
  if (path === paths.cases.list.path) {
    // Its code shares chunks with the list page, which downloads at the same moment.
    const { search } = location;
    void import('./prefetch-case-list').then(({ prefetchCaseList }) => prefetchCaseList(queryClient, search));
  }
}

export function App() {
  const [queryClient] = useState(() => {
    const client = createAppQueryClient();
    prefetchFirstPage(client, window.location);
    return client;
  });
  const [router] = useState(() => createBrowserRouter(createRoutes(queryClient)));
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
