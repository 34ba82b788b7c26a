/** Query keys of the cases feature (TkDodo's factory: invalidate `lists()` after a write). */
export interface CaseListFilters {
  q?: string;
}

export const caseKeys = {
  all: ['cases'] as const,
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (filters: CaseListFilters) => [...caseKeys.lists(), filters] as const,
  details: () => [...caseKeys.all, 'detail'] as const,
  detail: (id: string) => [...caseKeys.details(), id] as const,
};
