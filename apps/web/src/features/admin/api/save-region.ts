import { useMutation, useQueryClient } from '@tanstack/react-query';
import { regionSchema, type RegionInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

/** POST /api/regions, or PATCH /api/regions/{id} (members are replaced as a whole). */
export function saveRegion({ id, input }: { id?: string; input: Partial<RegionInput> }) {
  return id
    ? api.patch(`/regions/${encodeURIComponent(id)}`, regionSchema, input)
    : api.post('/regions', regionSchema, input);
}

export function useSaveRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveRegion,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.regions() }),
  });
}
