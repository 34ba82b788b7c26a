import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
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

export function App() {
  const [queryClient] = useState(() => createAppQueryClient());
  const [router] = useState(() => createBrowserRouter(createRoutes(queryClient)));
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
