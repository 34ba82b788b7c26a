import type { QueryClient } from '@tanstack/react-query';
import { getCasesQueryOptions } from '@/features/cases/api/get-cases';
import { filtersFromSearch } from '@/features/cases/utils/list-filters';

/** The dossier list's first page for the URL's filters (loaded with the list's own chunks). */
export function prefetchCaseList(queryClient: QueryClient, search: string): Promise<void> {
  return queryClient.prefetchInfiniteQuery(
    getCasesQueryOptions(filtersFromSearch(new URLSearchParams(search))),
  );
}
