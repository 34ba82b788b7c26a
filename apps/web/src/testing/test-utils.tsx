import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createAppQueryClient } from '@/app';
import { AppProvider } from '@/app/provider';
import { createRoutes } from '@/app/router';

/** Render the whole app (real routes, real query client without retries) at `url`. */
export function renderApp(url: string) {
  const queryClient = createAppQueryClient({ retry: false });
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [url] });
  const user = userEvent.setup();
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...result, user, router, queryClient };
}
