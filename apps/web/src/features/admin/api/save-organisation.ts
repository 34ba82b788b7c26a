import { useMutation, useQueryClient } from '@tanstack/react-query';
import { organisationSchema, type OrganisationInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

/** POST /api/organisations, or PATCH /api/organisations/{id} with only the fields that changed. */
export function saveOrganisation({ id, input }: { id?: string; input: Partial<OrganisationInput> }) {
  return id
    ? api.patch(`/organisations/${encodeURIComponent(id)}`, organisationSchema, input)
    : api.post('/organisations', organisationSchema, input);
}

export function useSaveOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveOrganisation,
    // The organisation pickers elsewhere use their own keys; they refresh within their stale time.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.organisations() }),
  });
}
