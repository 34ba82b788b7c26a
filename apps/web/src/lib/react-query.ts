import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

const MAX_RETRIES = 2;

export interface QueryClientOptions {
  /** Called when any query or mutation answers 401: the session has ended. */
  onUnauthenticated?: () => void;
  /** Tests turn retries off. */
  retry?: boolean;
}

export function createQueryClient({ onUnauthenticated, retry = true }: QueryClientOptions = {}): QueryClient {
  const handleError = (error: unknown) => {
    if (isApiError(error, 401)) onUnauthenticated?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change by asking again.
        retry: (failureCount, error) =>
          retry && !(isApiError(error) && error.status < 500) && failureCount < MAX_RETRIES,
      },
      mutations: { retry: false },
    },
  });
}
