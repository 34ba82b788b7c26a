import { useMutation, useQueryClient } from '@tanstack/react-query';
import { holidaySchema, type HolidayInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

/** PUT /api/admin/holidays/{date}: add a day off or correct one. */
export function putHoliday({ date, input }: { date: string; input: HolidayInput }) {
  return api.put(`/admin/holidays/${encodeURIComponent(date)}`, holidaySchema, input);
}

export function usePutHoliday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putHoliday,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.holidaysAll() }),
  });
}
