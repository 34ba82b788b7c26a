import type { CaseSort } from '@doorbraak/domain';

/** The list filters the api understands; arrays go out comma-separated. */
export interface CaseListFilters {
  q?: string;
  status?: readonly string[];
  knelpuntType?: readonly string[];
  province?: readonly string[];
  level?: readonly string[];
  overdue?: boolean;
  sort?: CaseSort;
}

/**
 * Query keys of the cases feature (TkDodo's factory). Everything about one case sits under
 * `detail(id)`, so one invalidation after a write refreshes the case, its timeline, comments and
 * attachments together; `lists()` refreshes every list.
 */
export const caseKeys = {
  all: ['cases'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (filters: CaseListFilters) => [...caseKeys.lists(), filters] as const,
  details: () => [...caseKeys.all, 'detail'] as const,
  detail: (id: string) => [...caseKeys.details(), id] as const,
  events: (id: string) => [...caseKeys.detail(id), 'events'] as const,
  comments: (id: string) => [...caseKeys.detail(id), 'comments'] as const,
  attachments: (id: string) => [...caseKeys.detail(id), 'attachments'] as const,
};
